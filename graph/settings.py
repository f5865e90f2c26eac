"""Settings, read once at the edge (CLI, app) and passed down; nothing below reads the environment.

`SETTINGS` is the table that feeds the README; a test checks that the README lists each name. A value
that cannot be used is refused here, in one line naming the variable and what it accepts, before
anything opens a store; the CLI's `--timeout` and `--limit` go through the same checks.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SettingError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: A checkout (pyproject.toml beside graph/) keeps its data in the project's data/; an installed package in
#: ./data of the working directory, since site-packages is no place for a user's store.
DEFAULT_DB_PATH = (PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").is_file() else Path()) / "data" \
    / "cluster-explorer.db"
DEFAULT_DOWNLOADS = DEFAULT_DB_PATH.parent / "downloads"
DEFAULT_CACHE_DIR = DEFAULT_DB_PATH.parent / "cache"

#: (environment variable, default, help) for every setting.
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("NEO4J_URI", "", "Bolt URI of a Neo4j 5 server (neo4j://, neo4j+s://, bolt://). Set: Neo4j is used."),
    ("NEO4J_USERNAME", "neo4j", "Neo4j user name."),
    ("NEO4J_PASSWORD", "", "Neo4j password."),
    ("NEO4J_DATABASE", "neo4j", "Neo4j database name."),
    ("CLUSTER_EXPLORER_DB", "data/cluster-explorer.db",
     "File of the embedded FalkorDB store (used when NEO4J_URI is unset)."),
    ("CLUSTER_EXPLORER_GRAPH", "cluster_explorer", "Graph name inside the embedded store."),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "10",
     "Time limit of a read query, in seconds (above 0, at most 86400), enforced by the database."),
    ("CLUSTER_EXPLORER_ROW_CAP", "1000",
     "Rows shown at most for a read query (1 or more); the result says when it cut."),
    ("CLUSTER_EXPLORER_QUERY_MEMORY_MB", "1024",
     "Memory one query may use in the embedded store, in MiB (FalkorDB's QUERY_MEM_CAPACITY); past it: refused."),
    ("CLUSTER_EXPLORER_SERVER_MEMORY_MB", "half the machine's memory",
     "Memory the embedded store's server may use, in MiB (its maxmemory); past it, writes are refused."),
    ("CLUSTER_EXPLORER_QUERIES", "queries/ beside the store file (data/queries)",
     "Your own saved queries, layered over the shipped library in queries/ (the app saves there)."),
    ("CLUSTER_EXPLORER_CORDIS_URL", "https://cordis.europa.eu/data/",
     "Where `download cordis` fetches the official CORDIS archives from (a mirror works as well)."),
    ("CLUSTER_EXPLORER_GISCO_URL", "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/",
     "Where `download nuts` fetches GISCO's NUTS label points from (a mirror works as well)."),
    ("CLUSTER_EXPLORER_DOWNLOADS", "data/downloads", "Folder that `download` (CLI and app) writes into."),
    ("CLUSTER_EXPLORER_METRICS_EXACT_NODES", "5000",
     "Betweenness and closeness are exact on projections of up to this many nodes; above, estimated from pivots "
     "(seeded; the CLI and the Metrics page say so)."),
    ("CLUSTER_EXPLORER_METRICS_PIVOTS", "256",
     "The most pivots of those estimates; fewer on projections with more than 1,048,576 links, so that pivots x "
     "links stays under 2^28 (33 on 8 M links)."),
    ("CLUSTER_EXPLORER_CACHE_DIR", "",
     "Folder of the analytics cache (projection inputs per data version). Unset: `<db file>.cache/` beside "
     "the embedded store, `data/cache` with Neo4j."),
)


@dataclass(frozen=True)
class Settings:
    """Where the store is and how queries are limited."""

    neo4j_uri: str = ""
    neo4j_username: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    db_path: Path = DEFAULT_DB_PATH
    graph_name: str = "cluster_explorer"
    query_timeout_s: float = 10.0
    row_cap: int = 1000
    user_queries_dir: Path | None = None  # None: `queries/` beside the store file (`queries_beside`)
    query_memory_mb: int | None = None  # None: 1024
    server_memory_mb: int | None = None  # None: half the machine's memory
    cordis_url: str = "https://cordis.europa.eu/data/"
    gisco_url: str = "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/"
    downloads_dir: Path = DEFAULT_DOWNLOADS
    cache_dir: Path | None = None
    metrics_exact_nodes: int = 5000
    metrics_pivots: int = 256

    def __post_init__(self) -> None:
        if self.user_queries_dir is None:
            object.__setattr__(self, "user_queries_dir", queries_beside(self.db_path))

    @property
    def store_kind(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (`os.environ` unless `env` is given)."""
        env = os.environ if env is None else env
        db = env.get("CLUSTER_EXPLORER_DB", "").strip()
        user_queries = env.get("CLUSTER_EXPLORER_QUERIES", "").strip()
        downloads = env.get("CLUSTER_EXPLORER_DOWNLOADS", "").strip()
        cache_dir = env.get("CLUSTER_EXPLORER_CACHE_DIR", "").strip()
        return cls(
            neo4j_uri=_checked(env, "NEO4J_URI", bolt_uri, ""),
            neo4j_username=env.get("NEO4J_USERNAME", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j") or "neo4j",
            db_path=Path(db).expanduser().resolve() if db else DEFAULT_DB_PATH,
            graph_name=env.get("CLUSTER_EXPLORER_GRAPH", "cluster_explorer") or "cluster_explorer",
            query_timeout_s=_checked(env, "CLUSTER_EXPLORER_QUERY_TIMEOUT", time_limit, 10.0),
            row_cap=_checked(env, "CLUSTER_EXPLORER_ROW_CAP", row_cap, 1000),
            user_queries_dir=Path(user_queries).expanduser().resolve() if user_queries else None,
            query_memory_mb=_checked(env, "CLUSTER_EXPLORER_QUERY_MEMORY_MB", megabytes, None),
            server_memory_mb=_checked(env, "CLUSTER_EXPLORER_SERVER_MEMORY_MB", megabytes, None),
            cordis_url=env.get("CLUSTER_EXPLORER_CORDIS_URL", "").strip() or cls.cordis_url,
            gisco_url=env.get("CLUSTER_EXPLORER_GISCO_URL", "").strip() or cls.gisco_url,
            downloads_dir=Path(downloads).expanduser().resolve() if downloads else DEFAULT_DOWNLOADS,
            cache_dir=Path(cache_dir).expanduser().resolve() if cache_dir else None,
            metrics_exact_nodes=_checked(env, "CLUSTER_EXPLORER_METRICS_EXACT_NODES", count, 5000),
            metrics_pivots=_checked(env, "CLUSTER_EXPLORER_METRICS_PIVOTS", pivots, 256),
        )


def queries_beside(db_path: Path) -> Path:
    """Your own saved queries' folder when none is set: `queries/` beside the store file (`data/queries` beside the
    default `data/cluster-explorer.db`). With `CLUSTER_EXPLORER_DB=/tmp/...` the Queries page had saved into the
    checkout's data/queries, away from the store the queries were written for."""
    return db_path.parent / "queries"


#: The longest time limit accepted: one day. Longer is surely a typo, and the database takes milliseconds as an int.
MAX_TIMEOUT_S = 86_400.0
TIME_LIMIT_ACCEPTS = f"a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}, such as 10 or 2.5"
ROW_CAP_ACCEPTS = "a whole number of rows, 1 or more, such as 1000"


def time_limit(value: object) -> float:
    """`value` as a query time limit in seconds; raises SettingError unless it is a number in (0, 1 day].

    Examples
    --------
    >>> time_limit("2.5"), time_limit(10)
    (2.5, 10.0)
    >>> time_limit("nan")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.SettingError: 'nan' is not a time limit; use a number of seconds above 0 and at most 86400, ...
    """
    try:
        seconds = float(str(value).strip())
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT_S:  # also refuses nan
        raise SettingError(f"{value!r} is not a time limit; use {TIME_LIMIT_ACCEPTS}")
    return seconds


def row_cap(value: object) -> int:
    """`value` as a row cap; raises SettingError unless it is a whole number of at least 1.

    Examples
    --------
    >>> row_cap("1000")
    1000
    >>> row_cap("-1")
    Traceback (most recent call last):
    ...
    graph.errors.SettingError: '-1' is not a row cap; use a whole number of rows, 1 or more, such as 1000
    """
    try:
        rows = int(str(value).strip())
    except ValueError:
        rows = 0
    if rows < 1:
        raise SettingError(f"{value!r} is not a row cap; use {ROW_CAP_ACCEPTS}")
    return rows


def _checked[T](env: Mapping[str, str], name: str, parse: Callable[[str], T], default: T) -> T:
    """The variable `name` read by `parse`, or `default` when unset or empty; a bad value names the variable."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return parse(raw)
    except SettingError as e:
        raise SettingError(f"{name}={e}") from None


def megabytes(value: object) -> int:
    """`value` as a memory size in MiB; raises SettingError unless it is a whole number of at least 1."""
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise SettingError(f"{value!r} is not a memory size; use a whole number of MiB, 1 or more, such as 1024")
    return int(text)


def count(value: object) -> int:
    """`value` as a whole number, 0 or more; raises SettingError otherwise."""
    text = str(value).strip()
    if not text.isdigit():
        raise SettingError(f"{value!r} is not a number of nodes; use a whole number, 0 or more, such as 5000")
    return int(text)


def pivots(value: object) -> int:
    """`value` as a number of pivots, 2 or more; raises SettingError otherwise."""
    text = str(value).strip()
    if not text.isdigit() or int(text) < 2:
        raise SettingError(f"{value!r} is not a number of pivots; use a whole number, 2 or more, such as 256")
    return int(text)


#: The schemes of the official driver's Bolt addresses (`+s`: TLS, `+ssc`: TLS with a self-signed certificate).
BOLT_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def bolt_uri(value: object) -> str:
    """`value` as the Bolt address of a Neo4j server; raises SettingError for another scheme or none (`http://x`
    printed the driver's preview warning and "No module named 'aiohttp'", `localhost:7687` read as a timeout).

    >>> bolt_uri("neo4j://localhost:7687")
    'neo4j://localhost:7687'
    """
    text = str(value).strip()
    scheme, found, rest = text.partition("://")
    if not found or scheme.lower() not in BOLT_SCHEMES or not rest:
        raise SettingError(f"{value!r} is not a Bolt address of Neo4j; use neo4j://host:7687 or bolt://host:7687 "
                           "(neo4j+s:// or bolt+s:// for TLS)")
    return text

