"""A loopback HTTP server serving feeds that change, for the ``sitrep watch`` tests and benchmark.

``WatchServer`` holds routes (path -> ``Route``) the test changes between polls. A feed
route answers with an ``ETag`` and ``Last-Modified`` and honours ``If-None-Match`` /
``If-Modified-Since`` with 304; a route may instead answer a scripted sequence of statuses
(``503`` with ``Retry-After``, ``429``, ``500``), redirect, or serve an article page. Every
request is logged (path, status, headers) so tests can count what a poll cost.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

LONG_BODY = (
    "Officials in the coastal province of Marenna said on Tuesday that the ferry service to the islands "
    "would resume after repairs to the northern pier, which was damaged in a storm last month. "
    "The port authority said about 40 workers had replaced the damaged pilings and that inspectors "
    "had approved the structure. Residents of the islands had relied on fishing boats for supplies. "
    "A spokesperson for the ferry operator said the first crossing would leave at dawn on Thursday. "
    "Fishermen in the harbour town of Ostrava Bay said the closure had cost them a month of trade."
)


def entry_xml(number: int, *, host: str, summary: str | None = None, link: str | None = None) -> str:
    """One RSS item: a long summary (no link fetch needed) unless ``summary`` is given."""
    body = summary if summary is not None else f"Report {number}. " + LONG_BODY
    url = link or f"http://{host}/articles/{number}"
    return (
        f"<item><title>Report {number}</title><link>{escape(url)}</link><guid>urn:test:{number}:{hashlib.sha1(url.encode()).hexdigest()[:8]}</guid>"
        f"<pubDate>Tue, 03 Mar 2026 0{number % 10}:00:00 GMT</pubDate><description>{escape(body)}</description></item>"
    )


def rss(title: str, items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link><language>en</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def article_html(title: str, text: str) -> bytes:
    return f"<html><head><title>{escape(title)}</title></head><body><article><p>{escape(text)}</p></article></body></html>".encode()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    statuses: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # scripted answers, used first
    redirect_to: str | None = None
    conditional: bool = True  # honour validators with 304
    modified: datetime = field(default_factory=lambda: datetime(2026, 3, 3, 12, 0, tzinfo=UTC))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Logged:
    path: str
    status: int
    headers: dict[str, str]


class WatchServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Logged] = []
        self.lock = threading.Lock()
        self.host = ""

    def feed(self, path: str, title: str, items: list[str]) -> Route:
        route = Route(rss(title, items))
        self.routes[path] = route
        return route

    def page(self, path: str, title: str, text: str) -> Route:
        route = Route(article_html(title, text), content_type="text/html; charset=utf-8", conditional=False)
        self.routes[path] = route
        return route

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def statuses(self) -> list[int]:
        with self.lock:
            return [entry.status for entry in self.log]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            route = self.routes.get(path)
            if route is None:
                return 404, {"Content-Type": "text/plain"}, b"not found"
            if route.statuses:
                status, extra = route.statuses.pop(0)
                return status, {"Content-Type": "text/plain", **extra}, b"try later"
            if route.redirect_to:
                return 302, {"Location": route.redirect_to}, b""
            validators = {"ETag": route.etag, "Last-Modified": format_datetime(route.modified, usegmt=True)}
            if route.conditional and headers.get("if-none-match") == route.etag:
                return 304, validators, b""
            sent = validators if route.conditional else {}
            return 200, {"Content-Type": route.content_type, **sent}, route.body


def _handler(server: WatchServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra, body = server.answer(self.path.split("?", 1)[0], headers)
            with server.lock:
                server.log.append(Logged(self.path, status, headers))
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def watch_server() -> Iterator[WatchServer]:
    """A WatchServer listening on 127.0.0.1 (a free port) until the block ends."""
    state = WatchServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.host = f"127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
