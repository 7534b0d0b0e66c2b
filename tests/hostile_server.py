"""A loopback HTTP server that misbehaves on purpose, for the hostile fetch tests and benchmark.

Paths: ``/slow-headers`` trickles its status line and headers one byte per ``PACE``
seconds; ``/slow-body`` sends headers at once, then the body one byte per ``PACE``;
``/gzip-gzip`` and ``/deflate`` serve compression bombs; ``/page`` is a normal article.
Every slow answer stops after ``MAX_TRICKLE`` bytes, so a broken client cannot hang it.
"""

from __future__ import annotations

import gzip
import socketserver
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

PACE = 0.05
MAX_TRICKLE = 400
BOMB_BYTES = 50_000_000
ARTICLE = (
    "<html><head><title>Bridge reopens</title></head><body><article><p>"
    + "Engineers reopened the river bridge at Tolvik on Sunday after three weeks of repairs, "
    "the regional transport office said. " * 4 + "</p></article></body></html>"
).encode()


def _bombs() -> dict[str, tuple[str, bytes]]:
    zeros = b"\0" * BOMB_BYTES
    return {
        "/gzip-gzip": ("gzip, gzip", gzip.compress(gzip.compress(zeros, 9), 9)),
        "/deflate": ("deflate", zlib.compress(zeros, 9)),
        "/raw-deflate": (
            "deflate",
            zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).compress(zeros)
            + zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush(),
        ),
    }


class _Handler(socketserver.BaseRequestHandler):
    bombs: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def handle(self) -> None:
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode().split("?", 1)[0]
        try:
            self._answer(path)
        except OSError:
            return  # the client gave up: as it should

    def _answer(self, path: str) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
        if path == "/slow-headers":
            self._trickle(head + b"X-Filler: " + b"a" * MAX_TRICKLE)
        elif path == "/slow-body":
            self.request.sendall(head + b"\r\n")
            self._trickle(b"<p>" + b"a" * MAX_TRICKLE)
        elif path in self.bombs:
            encoding, body = self.bombs[path]
            self.request.sendall(
                head + f"Content-Encoding: {encoding}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
            )
        else:
            self.request.sendall(head + f"Content-Length: {len(ARTICLE)}\r\n\r\n".encode() + ARTICLE)

    def _trickle(self, data: bytes) -> None:
        for byte in data[:MAX_TRICKLE]:
            self.request.sendall(bytes([byte]))
            time.sleep(PACE)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def hostile_server() -> Iterator[str]:
    """Serve on 127.0.0.1 at a free port; yields the base URL ``http://127.0.0.1:PORT``."""
    _Handler.bombs = _Handler.bombs or _bombs()
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
