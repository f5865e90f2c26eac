"""A capped read that takes no more than its cap off the wire.

The falkordb client reads a whole reply before anything else happens: a read of 6,000,000 rows shown
1,000 at a time took 2.7 GB and minutes in the CLI. Here the reply is read by hand (RESP2, the protocol
the client speaks) and only its first `cap + 1` rows are kept; when more follow, the connection is
dropped instead of read to the end, and the server throws the rest away. The rows kept go through the
client's own `QueryResult`, so values come out exactly as from `Graph.ro_query`.

The rows are parsed by hiredis (the C parser the redis client itself uses when it is installed) fed in 64 KB
chunks: parsing the reply line by line in Python was most of a large view's read (5,000 nodes and 20,000
relationships of Explore: 1.7 million lines, 3 s of 5). Without hiredis the Python parser reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from falkordb.query_result import QueryResult
from redis.exceptions import RedisError, ResponseError

try:
    import hiredis
except ImportError:  # pragma: no cover - a declared dependency; the Python parser stands in
    hiredis = None

__all__ = ["capped_ro_query", "ro_query", "STREAM_CAP_MAX"]

#: Caps above this (exports, the writer's look-ups) take the client's fast full read instead.
STREAM_CAP_MAX = 100_000


def _read(reader: BinaryIO) -> Any:
    line = reader.readline()
    if not line.endswith(b"\r\n"):
        raise ConnectionError("the server closed the connection in the middle of a reply")
    kind, body = line[:1], line[1:-2]
    if kind == b"$":
        size = int(body)
        return None if size < 0 else reader.read(size + 2)[:-2].decode()
    if kind == b"*":
        size = int(body)
        return None if size < 0 else [_read(reader) for _ in range(size)]
    if kind == b":":
        return int(body)
    if kind == b"+":
        return body.decode()
    if kind == b"-":
        return ResponseError(body.decode(errors="replace"))
    raise ConnectionError(f"unexpected reply from the server: {line[:40]!r}")


def _replies(reader: BinaryIO) -> Iterator[Any]:
    """The replies that follow on the wire, each a whole value (a row, the statistics), as `_read` gives them."""
    if hiredis is None:
        while True:
            yield _read(reader)
    parser = hiredis.Reader(encoding="utf-8", replyError=ResponseError)
    while True:
        reply = parser.gets()
        if reply is not False:
            yield reply
            continue
        chunk = reader.read1(1 << 16)  # what the buffer holds first: nothing read by hand before is lost
        if not chunk:
            raise ConnectionError("the server closed the connection in the middle of a reply")
        parser.feed(chunk)


def _length(reader: BinaryIO) -> int:
    line = reader.readline()
    if line[:1] == b"-":
        raise ResponseError(line[1:-2].decode(errors="replace"))
    if line[:1] != b"*":
        raise ConnectionError(f"unexpected reply from the server: {line[:40]!r}")
    return int(line[1:-2])


def capped_ro_query(graph: Any, text: str, timeout_ms: int, cap: int) -> QueryResult:
    """`graph.ro_query(text, timeout=timeout_ms)` keeping only the first `cap + 1` rows it returns."""
    pool = graph.client.connection.connection_pool
    connection = pool.get_connection()
    whole = False
    try:
        connection.send_command("GRAPH.RO_QUERY", graph.name, text, "--compact", "timeout", timeout_ms)
        reader = connection._sock.makefile("rb")
        parts = _length(reader)
        if parts == 1:  # statistics only (a query that returns nothing)
            response, whole = [_read(reader)], True
        else:
            header = _read(reader)
            count = _length(reader)
            replies = _replies(reader)  # from here on: what is read ahead waits in the parser, none by hand
            rows = [next(replies) for _ in range(min(count, cap + 1))]
            whole = count <= cap + 1
            response = [header, rows, next(replies) if whole else []]
        return QueryResult(graph, response)
    except ResponseError:
        whole = True  # an error is a whole reply
        raise
    finally:
        if not whole:
            connection.disconnect()  # the server drops what we did not read
            _reconnect(connection)
        pool.release(connection)


def _reconnect(connection: Any) -> None:
    """Connect again at once: a process whose only connection this was would otherwise count as gone, and another
    process closing the store would stop the server under it (`graph.store.falkordb_server.release_server`)."""
    try:
        connection.connect()
    except (ConnectionError, OSError, RedisError):
        pass  # the server is gone: the next call starts it again


def ro_query(graph: Any, text: str, timeout_s: float, row_cap: int | None) -> QueryResult:
    """A read with a time limit; a small row cap is applied as the reply is read, so no more than it crosses the
    wire; larger caps (exports, the writer's look-ups) take the client's full read."""
    timeout_ms = max(1, int(timeout_s * 1000))
    if row_cap is not None and row_cap <= STREAM_CAP_MAX:
        return capped_ro_query(graph, text, timeout_ms, row_cap)
    return graph.ro_query(text, timeout=timeout_ms)
