"""Settings, read once at the edge (CLI, app) and passed down; nothing below reads the environment.

`SETTINGS` is the table that feeds the README; a test checks that the README lists each name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "cluster-explorer.db"
DEFAULT_USER_QUERIES = PROJECT_ROOT / "data" / "queries"

#: (environment variable, default, help) for every setting.
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("NEO4J_URI", "", "Bolt URI of a Neo4j 5 server (neo4j://, neo4j+s://, bolt://). Set: Neo4j is used."),
    ("NEO4J_USERNAME", "neo4j", "Neo4j user name."),
    ("NEO4J_PASSWORD", "", "Neo4j password."),
    ("NEO4J_DATABASE", "neo4j", "Neo4j database name."),
    ("CLUSTER_EXPLORER_DB", "data/cluster-explorer.db",
     "File of the embedded FalkorDB store (used when NEO4J_URI is unset)."),
    ("CLUSTER_EXPLORER_GRAPH", "cluster_explorer", "Graph name inside the embedded store."),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "10", "Time limit of a read query, in seconds, enforced by the database."),
    ("CLUSTER_EXPLORER_ROW_CAP", "1000", "Rows shown at most for a read query; the result says when it cut."),
    ("CLUSTER_EXPLORER_QUERIES", "data/queries",
     "Your own saved queries, layered over the shipped library in queries/ (the app saves there)."),
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
    user_queries_dir: Path = DEFAULT_USER_QUERIES

    @property
    def store_kind(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (`os.environ` unless `env` is given)."""
        env = os.environ if env is None else env
        db = env.get("CLUSTER_EXPLORER_DB", "").strip()
        user_queries = env.get("CLUSTER_EXPLORER_QUERIES", "").strip()
        return cls(
            neo4j_uri=env.get("NEO4J_URI", "").strip(),
            neo4j_username=env.get("NEO4J_USERNAME", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j") or "neo4j",
            db_path=Path(db).expanduser().resolve() if db else DEFAULT_DB_PATH,
            graph_name=env.get("CLUSTER_EXPLORER_GRAPH", "cluster_explorer") or "cluster_explorer",
            query_timeout_s=float(env.get("CLUSTER_EXPLORER_QUERY_TIMEOUT", "10") or 10),
            row_cap=int(env.get("CLUSTER_EXPLORER_ROW_CAP", "1000") or 1000),
            user_queries_dir=Path(user_queries).expanduser().resolve() if user_queries else DEFAULT_USER_QUERIES,
        )
