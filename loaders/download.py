"""Fetch the official bulk files: CORDIS projects per framework programme, GISCO NUTS label points.

CORDIS publishes one CSV archive per framework (`cordis-HORIZONprojects-csv.zip`, ...) under
`https://cordis.europa.eu/data/`; GISCO publishes the NUTS label points of every level as GeoJSON under
`https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/`. Both base URLs are settings, so a
mirror serves as well. A transfer goes to `<file>.part` and resumes from there (HTTP Range) when the
connection breaks, within one run (a few attempts) or on the next run. What arrives is checked before it
takes the file's name (a zip that opens, passes its CRC check and holds `project.csv` and
`organization.csv`; GeoJSON that parses into label points); a corrupt file is deleted and refused. Next to
each file, `<file>.json` records its URL, SHA-256, size and date. The GeoJSON is also written as the
`nuts<year>_label_points.csv` that `load nuts` reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import http.client
import json
import socket
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlparse
from urllib.request import Request, urlopen

from graph.errors import ClusterExplorerError
from graph.settings import Settings

__all__ = ["CORDIS_ARCHIVES", "NUTS_LAYERS", "DEFAULT_CORDIS_URL", "DEFAULT_GISCO_URL",
           "DownloadFailed", "Downloaded", "fetch", "download_cordis", "download_nuts", "label_points_csv"]

DEFAULT_CORDIS_URL = Settings.cordis_url  # the settings' defaults: one place for them
DEFAULT_GISCO_URL = Settings.gisco_url
#: --framework value -> the official archive's name.
CORDIS_ARCHIVES = {"horizon-europe": "cordis-HORIZONprojects-csv.zip", "h2020": "cordis-h2020projects-csv.zip",
                   "fp7": "cordis-fp7projects-csv.zip"}
#: NUTS version -> GISCO's label-point layer of all levels, WGS84.
NUTS_LAYERS = {"2021": "NUTS_LB_2021_4326.geojson", "2024": "NUTS_LB_2024_4326.geojson"}
ATTEMPTS = 4
CHUNK = 1 << 16
TIMEOUT_S = 60
_NO_NETWORK = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED)
_LABEL_COLUMNS = ("NUTS_ID", "LEVL_CODE", "CNTR_CODE", "NAME_LATN", "NUTS_NAME", "MOUNT_TYPE", "URBN_TYPE",
                  "COAST_TYPE", "parent_NUTS_ID", "lon", "lat")
#: Called as `progress(bytes so far, bytes in all or None)`.
ByteProgress = Callable[[int, int | None], None]


class DownloadFailed(ClusterExplorerError):
    """A file could not be fetched (no network, the server refused) or what arrived is corrupt; nothing was kept
    under the file's name."""


@dataclass
class Downloaded:
    """A fetched and checked file, with its digest; `resumed`: a broken transfer was continued."""

    path: Path
    sha256: str
    size: int
    resumed: bool


def _no_network(url: str, reason: object, setting: str) -> DownloadFailed:
    host = urlparse(url).netloc
    if isinstance(reason, OSError) and reason.errno == errno.ECONNREFUSED:  # the host is there, no server on it
        return DownloadFailed(f"nothing answers at {host} (connection refused): is the server or mirror running? "
                              f"Start it, or point {setting} at one you can reach")
    return DownloadFailed(f"no network: cannot reach {host} ({reason}); connect, or point {setting} at a mirror "
                          "you can reach")


def _attempt(url: str, part: Path, progress: ByteProgress | None) -> bool:
    """One request, continuing `part` from its size; True when the whole body arrived."""
    have = part.stat().st_size if part.exists() else 0
    request = Request(url, headers={"Range": f"bytes={have}-", "User-Agent": "cluster-explorer"} if have
                      else {"User-Agent": "cluster-explorer"})
    try:
        response = urlopen(request, timeout=TIMEOUT_S)
    except HTTPError as e:
        if e.code == 416 and have:  # the range starts at the end: nothing more to send, or a stale part
            part.unlink()
            return False
        raise DownloadFailed(f"{url}: the server answered {e.code} {e.reason}") from e
    with response:
        if have and response.status != 206:  # the server ignored the range: start again
            have = 0
        length = response.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else None
        done = have
        with open(part, "ab" if have else "wb") as out:
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    return total is None or done >= total


def fetch(url: str, dest: Path, *, progress: ByteProgress | None = None, attempts: int = ATTEMPTS,
          setting: str = "the base URL setting") -> bool:
    """Download `url` to `dest` via `dest.part`, resuming after a broken connection; True if it resumed.
    `setting`: the setting that holds the base URL, named when the host cannot be reached."""
    if urlparse(url).scheme not in ("http", "https"):
        raise DownloadFailed(f"{url} is not an http(s) address; {setting} must start with http:// or https://")
    part = dest.with_name(dest.name + ".part")
    resumed = part.exists()
    for attempt in range(attempts):
        try:
            if _attempt(url, part, progress):
                part.replace(dest)
                return resumed
        except URLError as e:
            reason = e.reason
            if attempt == 0 and not part.exists() and (isinstance(reason, socket.gaierror) or (
                    isinstance(reason, OSError) and reason.errno in _NO_NETWORK)):
                raise _no_network(url, reason, setting) from e
            last = f"{reason}"
        except (http.client.HTTPException, OSError) as e:  # cut mid-body: resume from what arrived
            last = f"{type(e).__name__}: {e}"
        else:
            last = "the body ended early"
        resumed = True
    raise DownloadFailed(f"{url}: the transfer broke {attempts} times (last: {last}); run the command again "
                         f"to resume from {part.name}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _record(url: str, dest: Path, resumed: bool, check: Callable[[Path], None]) -> Downloaded:
    """Check the file (deleted and refused if corrupt) and write `<file>.json` beside it."""
    with open(dest, "rb") as f:
        start = f.read(512).lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        dest.unlink(missing_ok=True)
        raise DownloadFailed(f"{url}: the server sent a web page, not the file (a mirror's error or login page?); "
                             "it was deleted. Check that the base URL setting points at the files themselves")
    try:
        check(dest)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, TypeError, OSError) as e:
        dest.unlink(missing_ok=True)
        raise DownloadFailed(f"{url}: what arrived is not a valid file ({e}); it was deleted. Run the command "
                             "again; if it fails again, the server or mirror holds a damaged copy") from e
    sha256, size = _sha256(dest), dest.stat().st_size
    meta = {"url": url, "sha256": sha256, "size": size, "resumed": resumed,
            "downloaded_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}
    dest.with_name(dest.name + ".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Downloaded(dest, sha256, size, resumed)


def _check_cordis(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise ValueError(f"member {bad} fails its CRC check")
        names = {Path(n).name for n in archive.namelist()}
    missing = {"project.csv", "organization.csv"} - names
    if missing:
        raise ValueError(f"no {' or '.join(sorted(missing))} in the archive")


def download_cordis(frameworks: Iterable[str], folder: Path, base_url: str = DEFAULT_CORDIS_URL, *,
                    progress: Callable[[str], ByteProgress | None] | None = None) -> list[Downloaded]:
    """The official CORDIS CSV archives of `frameworks` ("horizon-europe", "h2020", "fp7") into `folder`.

    `progress(name)` gives the byte-progress callback for one file (a bar per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for framework in frameworks:
        if framework not in CORDIS_ARCHIVES:
            raise DownloadFailed(f"unknown framework {framework!r}; known: {', '.join(CORDIS_ARCHIVES)}")
        name = CORDIS_ARCHIVES[framework]
        url = urljoin(base_url if base_url.endswith("/") else base_url + "/", name)
        resumed = fetch(url, folder / name, progress=progress(name) if progress else None,
                        setting="CLUSTER_EXPLORER_CORDIS_URL")
        done.append(_record(url, folder / name, resumed, _check_cordis))
    return done


def label_points_csv(geojson: Path, out: Path) -> int:
    """GISCO label points (GeoJSON, WGS84) as the CSV `load nuts` reads; returns the number of regions."""
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    rows = []
    for feature in features:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"][:2]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"{props.get('NUTS_ID')}: ({lon}, {lat}) is not WGS84; fetch the _4326 layer")
        code = props["NUTS_ID"]
        rows.append({**{c: props.get(c) for c in _LABEL_COLUMNS[:8]},
                     "parent_NUTS_ID": code[:-1] if int(props["LEVL_CODE"]) > 0 else "",
                     "lon": round(lon, 7), "lat": round(lat, 7)})
    rows.sort(key=lambda r: (r["CNTR_CODE"], r["LEVL_CODE"], r["NUTS_ID"]))
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, _LABEL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def download_nuts(folder: Path, base_url: str = DEFAULT_GISCO_URL, *, versions: Iterable[str] = ("2021", "2024"),
                  progress: Callable[[str], ByteProgress | None] | None = None) -> list[Downloaded]:
    """GISCO's NUTS label points of `versions` into `folder`, each also as `nuts<year>_label_points.csv`."""
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for version in versions:
        name = NUTS_LAYERS[version]
        url = urljoin(base_url if base_url.endswith("/") else base_url + "/", name)
        resumed = fetch(url, folder / name, progress=progress(name) if progress else None,
                        setting="CLUSTER_EXPLORER_GISCO_URL")
        done.append(_record(url, folder / name, resumed,
                            lambda p, v=version: label_points_csv(p, folder / f"nuts{v}_label_points.csv")))
    return done
