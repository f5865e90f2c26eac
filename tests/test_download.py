"""`download`: against a real HTTP server of the test's own (127.0.0.1, a free port) serving archives in the
official layout, built from the committed fixtures. No other network is used."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import socket
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph.store.reads import counts
from loaders.download import DownloadFailed, download_cordis, download_nuts, fetch
from loaders.nuts import load_nuts
from tests.conftest import FIXTURES


def official_archive(folder: Path, inside: str = "") -> bytes:
    """The CSV files of `folder` zipped as CORDIS ships them (members under `inside`)."""
    out = folder.parent / f"{folder.name}.zip.tmp"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, inside + path.name)
    data = out.read_bytes()
    out.unlink()
    return data


def label_points_geojson(path: Path) -> bytes:
    """A GISCO label-point layer (EPSG:4326) holding the rows of a fixture CSV."""
    features = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            props = {k: row[k] or None for k in ("NUTS_ID", "CNTR_CODE", "NAME_LATN", "NUTS_NAME", "MOUNT_TYPE",
                                                  "URBN_TYPE", "COAST_TYPE")}
            props["LEVL_CODE"] = int(row["LEVL_CODE"])
            features.append({"type": "Feature", "id": row["NUTS_ID"], "properties": props,
                             "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


class Server(ThreadingHTTPServer):
    """Serves `files` by name with HTTP Range support; `cut_after[name] = n` cuts the connection after n bytes,
    once. Every request is logged as (name, Range header)."""

    daemon_threads = True

    def __init__(self, files: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.files, self.cut_after, self.requests = files, {}, []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/data/"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.removeprefix("/data/")
        self.server.requests.append((name, self.headers.get("Range")))
        data = self.server.files.get(name)
        if data is None:
            self.send_error(404)
            return
        start = int(self.headers["Range"].removeprefix("bytes=").split("-")[0]) if self.headers.get("Range") else 0
        if start >= len(data):
            self.send_error(416)
            return
        body = data[start:]
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        cut = self.server.cut_after.pop(name, None)
        if cut is None:
            self.wfile.write(body)
            return
        self.wfile.write(body[:cut])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def server(tmp_path):
    files = {"cordis-HORIZONprojects-csv.zip": official_archive(FIXTURES / "cordis_official"),
             "cordis-h2020projects-csv.zip": official_archive(FIXTURES / "cordis_h2020", inside="csv/"),
             **{f"NUTS_LB_{year}_4326.geojson": label_points_geojson(FIXTURES / "nuts" / f"nuts{year}_label_points.csv")
                for year in ("2021", "2024")}}
    httpd = Server(files)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def run_cli(args: list[str], server_url: str, tmp_path: Path):
    env = {"CLUSTER_EXPLORER_CORDIS_URL": server_url, "CLUSTER_EXPLORER_GISCO_URL": server_url,
           "CLUSTER_EXPLORER_DB": str(tmp_path / "store.db")}
    return CliRunner().invoke(main, args, env=env)


def test_download_fetches_the_archives_and_records_checksum_and_date(server, tmp_path):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = run_cli(["download", "cordis", "--framework", "h2020", "--framework", "horizon-europe",
                      "--to", str(tmp_path / "dl")], server.url, tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("cordis-h2020projects-csv.zip", "cordis-HORIZONprojects-csv.zip"):
        path = tmp_path / "dl" / name
        assert path.read_bytes() == server.files[name]
        meta = json.loads((tmp_path / "dl" / f"{name}.json").read_text())
        assert meta["sha256"] == hashlib.sha256(server.files[name]).hexdigest()
        assert meta["size"] == len(server.files[name]) and meta["url"] == server.url + name
        assert before <= dt.datetime.fromisoformat(meta["downloaded_at"]) <= dt.datetime.now(dt.UTC)  # any midnight
        assert not (tmp_path / "dl" / f"{name}.part").exists()
    assert [r for r in server.requests if r[1]] == []  # whole files, no ranges needed
    assert "load cordis" in result.output


def test_a_cut_connection_resumes_where_it_broke(server, tmp_path):
    name = "cordis-HORIZONprojects-csv.zip"
    server.cut_after[name] = 20_000
    (done,) = download_cordis(["horizon-europe"], tmp_path, server.url)
    assert done.path.read_bytes() == server.files[name] and done.resumed
    assert server.requests == [(name, None), (name, "bytes=20000-")]
    assert json.loads((tmp_path / f"{name}.json").read_text())["resumed"] is True


def test_a_part_left_by_an_earlier_run_is_continued(server, tmp_path):
    name = "cordis-h2020projects-csv.zip"
    (tmp_path / f"{name}.part").write_bytes(server.files[name][:1000])
    (done,) = download_cordis(["h2020"], tmp_path, server.url)
    assert done.path.read_bytes() == server.files[name]
    assert server.requests == [(name, "bytes=1000-")]


def test_a_corrupt_archive_is_refused_and_not_kept(server, tmp_path):
    name = "cordis-HORIZONprojects-csv.zip"
    damaged = bytearray(server.files[name])
    damaged[len(damaged) // 3: len(damaged) // 3 + 64] = bytes(64)  # inside a member's compressed data
    server.files[name] = bytes(damaged)
    with pytest.raises(DownloadFailed, match="not a valid file.*deleted"):
        download_cordis(["horizon-europe"], tmp_path, server.url)
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_archive_is_refused(server, tmp_path):
    whole = server.files["cordis-h2020projects-csv.zip"]
    server.files["cordis-h2020projects-csv.zip"] = whole[:len(whole) // 2]
    result = run_cli(["download", "cordis", "--framework", "h2020", "--to", str(tmp_path / "dl")], server.url,
                     tmp_path)
    assert result.exit_code == 1
    assert "not a valid file" in result.output and not (tmp_path / "dl" / "cordis-h2020projects-csv.zip").exists()


@pytest.mark.parametrize(("source", "setting"), [("cordis", "CLUSTER_EXPLORER_CORDIS_URL"),
                                                  ("nuts", "CLUSTER_EXPLORER_GISCO_URL")])
def test_no_network_is_one_clear_line(tmp_path, source, setting):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli(["download", source, "--to", str(tmp_path)], f"http://127.0.0.1:{port}/data/", tmp_path)
    assert result.exit_code == 1  # a host that is there but runs no server: not "no network", as it said
    assert result.output.startswith(f"Error: nothing answers at 127.0.0.1:{port} (connection refused): is the "
                                    f"server or mirror running? Start it, or point {setting} at one you can reach")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    unknown = run_cli(["download", source, "--to", str(tmp_path)], "http://no-such-host.invalid/data/", tmp_path)
    assert unknown.exit_code == 1  # a name no one resolves: what a machine without network sees
    assert unknown.output.startswith("Error: no network: cannot reach no-such-host.invalid")
    assert f"point {setting} at a mirror" in unknown.output  # the setting that holds this base URL, by its name
    assert unknown.output.count("\n") == 1 and "Traceback" not in unknown.output


def test_a_web_page_instead_of_the_file_is_named_and_not_kept(server, tmp_path):
    server.files["cordis-HORIZONprojects-csv.zip"] = b"<!DOCTYPE html><html><body>Mirror down</body></html>"
    with pytest.raises(DownloadFailed, match="the server sent a web page, not the file .*it was deleted"):
        download_cordis(["horizon-europe"], tmp_path, server.url)
    assert list(tmp_path.iterdir()) == []


def test_an_address_that_is_not_http_is_refused_naming_the_setting(tmp_path):
    result = run_cli(["download", "cordis", "--to", str(tmp_path)], "ftp://mirror.example/data/", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is not an http(s) address; CLUSTER_EXPLORER_CORDIS_URL must start with http:// or https://" in \
        result.output


def test_a_missing_file_on_the_server_is_named(server, tmp_path):
    with pytest.raises(DownloadFailed, match="cordis-fp7projects-csv.zip: the server answered 404"):
        download_cordis(["fp7"], tmp_path, server.url)


def test_fetch_reports_byte_progress(server, tmp_path):
    seen = []
    fetch(server.url + "cordis-HORIZONprojects-csv.zip", tmp_path / "a.zip", progress=lambda d, t: seen.append((d, t)))
    size = len(server.files["cordis-HORIZONprojects-csv.zip"])
    assert seen[-1] == (size, size) and all(d <= size for d, _ in seen)


def test_downloaded_nuts_label_points_load_as_the_fixture_does(server, tmp_path, embedded_store):
    done = download_nuts(tmp_path, server.url)
    assert {d.path.name for d in done} == {"NUTS_LB_2021_4326.geojson", "NUTS_LB_2024_4326.geojson"}
    for year in ("2021", "2024"):
        with open(FIXTURES / "nuts" / f"nuts{year}_label_points.csv", newline="", encoding="utf-8") as f:
            fixture = {r["NUTS_ID"]: r for r in csv.DictReader(f)}
        with open(tmp_path / f"nuts{year}_label_points.csv", newline="", encoding="utf-8") as f:
            made = {r["NUTS_ID"]: r for r in csv.DictReader(f)}
        assert made.keys() == fixture.keys()
        assert all(made[c]["parent_NUTS_ID"] == fixture[c]["parent_NUTS_ID"]
                   and float(made[c]["lat"]) == float(fixture[c]["lat"]) for c in made)
    load_nuts(embedded_store, tmp_path)
    codes = {r["NUTS_ID"] for year in ("2021", "2024")
             for r in csv.DictReader(open(FIXTURES / "nuts" / f"nuts{year}_label_points.csv", encoding="utf-8"))}
    labels, _ = counts(embedded_store)
    assert labels["Region"] + labels["Country"] == len(codes)


def test_the_data_page_downloads_and_loads_cordis_and_nuts(server, tmp_path, embedded_server, monkeypatch):
    """The app's Data page, in Streamlit's AppTest on a real store: download from the local server, then load."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from graph.store.falkordb_store import FalkorDBStore

    for name, value in {"CLUSTER_EXPLORER_DB": str(embedded_server), "CLUSTER_EXPLORER_GRAPH": "data_page",
                        "CLUSTER_EXPLORER_CORDIS_URL": server.url, "CLUSTER_EXPLORER_GISCO_URL": server.url,
                        "CLUSTER_EXPLORER_DOWNLOADS": str(tmp_path / "dl")}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store = FalkorDBStore(embedded_server, "data_page")
    store.clear()
    try:
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
        at.run()
        at.switch_page("app_pages/data.py").run()
        at.multiselect(key="data_frameworks").set_value(["h2020", "horizon-europe"]).run()
        at.button(key="data_download_cordis").click().run()
        at.button(key="data_download_nuts").click().run()
        assert not at.exception and not at.error and not at.warning, [e.value for e in [*at.error, *at.warning]]
        assert (tmp_path / "dl" / "cordis-h2020projects-csv.zip").read_bytes() == \
            server.files["cordis-h2020projects-csv.zip"]
        assert at.text_input(key="data_NUTS_path").value == str(tmp_path / "dl" / "nuts")
        assert at.text_input(key="data_CORDIS_path").value == str(tmp_path / "dl" / "cordis-HORIZONprojects-csv.zip")
        at.button(key="data_NUTS_load").click().run()
        at.button(key="data_CORDIS_load").click().run()
        assert not at.exception and not at.error
        assert any("recounted" in c.value for c in at.caption)  # a derived fact: a line of its own
        with open(FIXTURES / "cordis_official" / "project.csv", newline="", encoding="utf-8") as f:
            projects = len(list(csv.DictReader(f, delimiter=";")))
        assert counts(store)[0]["Project"] == projects
    finally:
        st.cache_resource.clear()
        store.clear()
        store.close()
