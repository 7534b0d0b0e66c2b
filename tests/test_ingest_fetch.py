"""Fetching URLs: every refusal, every network failure, and the happy paths.

No network: requests go to an ``httpx.MockTransport`` and host names to a fake resolver.
Because connections are pinned to the checked address, the mock sees the IP address in
the request URL and the real host name in the ``Host`` header; routes are keyed on the
latter.
"""

from __future__ import annotations

import gzip
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from sitrep.errors import FetchError, UnsafeURLError
from sitrep.ingest import Article, Failure, IngestOptions, iter_articles
from sitrep.ingest.fetch import Fetcher

PUBLIC_IP = "93.184.216.34"
OTHER_PUBLIC_IP = "151.101.1.69"
PARAGRAPH = (
    "<p>The port authority of Lindhaven said on Thursday that container traffic had "
    "fallen by a fifth since the strike began, and that twelve ships were waiting at anchor.</p>"
)
PAGE = f"<html><head><title>Port</title></head><body><article>{PARAGRAPH * 3}</article></body></html>"
HTML = {"content-type": "text/html; charset=utf-8"}


class FakeWeb:
    """Routes keyed by "scheme://host/path" (host from the Host header)."""

    def __init__(self) -> None:
        self.routes: dict[str, httpx.Response | Exception] = {}
        self.requests: list[httpx.Request] = []
        self.dns: dict[str, list[str]] = {}
        self.lookups: list[str] = []

    def page(
        self,
        url: str,
        body: str | bytes = PAGE,
        *,
        headers: dict[str, str] | None = None,
        status: int = 200,
        host_ip: str = PUBLIC_IP,
    ) -> None:
        content = body.encode() if isinstance(body, str) else body
        self.route(url, httpx.Response(status, headers=headers or HTML, content=content), host_ip)

    def route(self, url: str, outcome: httpx.Response | Exception, host_ip: str = PUBLIC_IP) -> None:
        parsed = httpx.URL(url)
        self.routes[f"{parsed.scheme}://{parsed.netloc.decode()}{parsed.raw_path.decode()}"] = outcome
        self.dns.setdefault(parsed.host, [host_ip])

    def redirect(self, url: str, location: str, status: int = 302) -> None:
        self.route(url, httpx.Response(status, headers={"location": location}))

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = f"{request.url.scheme}://{request.headers['host']}{request.url.raw_path.decode()}"
        outcome = self.routes.get(key, httpx.Response(404))
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def resolve(self, host: str) -> list[str]:
        self.lookups.append(host)
        if host not in self.dns:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.dns[host]

    def options(self, **overrides: object) -> IngestOptions:
        return IngestOptions(
            transport=httpx.MockTransport(self.handle),
            resolver=self.resolve,
            **overrides,  # type: ignore[arg-type]
        )

    def ingest(self, *sources: str, **overrides: object) -> list[Article | Failure]:
        return list(iter_articles(list(sources), self.options(**overrides)))


@pytest.fixture
def web() -> FakeWeb:
    return FakeWeb()


def only_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


# -- happy paths -----------------------------------------------------------------------


def test_html_page(web: FakeWeb) -> None:
    web.page("https://news.example.org/port")
    [article] = web.ingest("https://news.example.org/port")
    assert isinstance(article, Article)
    assert article.text.startswith("The port authority of Lindhaven")
    assert article.origin == article.url == "https://news.example.org/port"
    assert article.language == "en"


def test_connection_is_pinned_to_the_checked_address(web: FakeWeb) -> None:
    web.page("https://news.example.org:8443/port")
    web.ingest("https://news.example.org:8443/port")
    [request] = web.requests
    assert request.url.host == PUBLIC_IP
    assert request.url.port == 8443
    assert request.headers["host"] == "news.example.org:8443"
    assert request.extensions["sni_hostname"] == "news.example.org"
    assert request.headers["connection"] == "close"
    assert web.lookups == ["news.example.org"]


def test_dns_rebinding_cannot_swap_the_address(web: FakeWeb) -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])
    web.page("http://flip.example.org/")
    options = web.options()
    options.resolver = lambda host: next(answers)
    items = list(iter_articles(["http://flip.example.org/"], options))
    assert isinstance(items[0], Article)
    assert [request.url.host for request in web.requests] == [PUBLIC_IP]


def test_public_ipv6_address_is_pinned_in_brackets(web: FakeWeb) -> None:
    web.page("http://v6.example.org/a", host_ip="2606:4700::1111")
    [article] = web.ingest("http://v6.example.org/a")
    assert isinstance(article, Article)
    assert str(web.requests[0].url) == "http://[2606:4700::1111]/a"


def test_unreachable_address_falls_back_to_the_next_checked_one(web: FakeWeb) -> None:
    web.page("http://dual.example.org/a")
    web.dns["dual.example.org"] = ["2606:4700::1111", PUBLIC_IP]

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == "2606:4700::1111":
            raise httpx.ConnectError("[Errno 101] Network is unreachable")
        return web.handle(request)

    options = web.options()
    options.transport = httpx.MockTransport(handle)
    [article] = list(iter_articles(["http://dual.example.org/a"], options))
    assert isinstance(article, Article)
    assert [request.url.host for request in web.requests] == [PUBLIC_IP]


def test_plain_text_url_is_taken_exactly(web: FakeWeb) -> None:
    text = "Ferries to Valsk resume today.\r\nThe operator said all crossings run on time.\n"
    web.page("http://news.example.org/brief.txt", text, headers={"content-type": "text/plain"})
    [article] = web.ingest("http://news.example.org/brief.txt")
    assert isinstance(article, Article) and article.text == text


def test_plain_text_in_a_declared_charset(web: FakeWeb) -> None:
    text = "Der Bürgermeister von Kessel sagte am Montag, die Brücke bleibe gesperrt."
    web.page(
        "http://news.example.org/de.txt",
        text.encode("latin-1"),
        headers={"content-type": "text/plain; charset=iso-8859-1"},
    )
    [article] = web.ingest("http://news.example.org/de.txt")
    assert isinstance(article, Article) and article.text == text and article.language == "de"


def test_redirects_are_followed_and_final_url_kept(web: FakeWeb) -> None:
    web.redirect("http://news.example.org/old", "/new", status=301)
    web.redirect("http://news.example.org/new", "https://www.example.net/final", status=308)
    web.page("https://www.example.net/final", host_ip=OTHER_PUBLIC_IP)
    [article] = web.ingest("http://news.example.org/old")
    assert isinstance(article, Article)
    assert article.origin == "http://news.example.org/old"
    assert article.url == "https://www.example.net/final"
    assert web.lookups == ["news.example.org", "news.example.org", "www.example.net"]


def test_exactly_max_redirects_is_fine(web: FakeWeb) -> None:
    for hop in range(5):
        web.redirect(f"http://news.example.org/{hop}", f"/{hop + 1}")
    web.page("http://news.example.org/5")
    assert isinstance(web.ingest("http://news.example.org/0")[0], Article)


def test_missing_content_type_is_sniffed(web: FakeWeb) -> None:
    web.route(
        "http://news.example.org/raw",
        httpx.Response(200, content=("<!DOCTYPE html>" + PAGE).encode()),
    )
    assert isinstance(web.ingest("http://news.example.org/raw")[0], Article)


def test_allow_private_permits_loopback(web: FakeWeb) -> None:
    web.page("http://127.0.0.1:8080/local")
    [article] = web.ingest("http://127.0.0.1:8080/local", allow_private=True)
    assert isinstance(article, Article)
    assert web.requests[0].headers["host"] == "127.0.0.1:8080"


# -- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.0.0.1:8000/admin", "loopback"),
        ("http://10.0.0.8/", "private"),
        ("http://192.168.0.1/router", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback (IPv4-mapped 127.0.0.1)"),
        ("http://[::ffff:169.254.169.254]/", "link-local (IPv4-mapped 169.254.169.254)"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::5]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.3.3/", "shared (CGNAT)"),
        ("http://127.1/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f000001/", "loopback"),
    ],
)
def test_refuses_unsafe_literal_addresses(web: FakeWeb, url: str, reason: str) -> None:
    failure = only_failure(web.ingest(url))
    assert failure.origin == url
    assert f": {reason} address" in failure.message
    assert failure.message.startswith("refused to connect to ")
    assert web.requests == [] and web.lookups == []


def test_refusal_raises_unsafe_url_error_from_the_fetcher(web: FakeWeb) -> None:
    with Fetcher(web.options()) as fetcher, pytest.raises(UnsafeURLError):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")


@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["127.0.0.1"], ["169.254.169.254"], ["::1"], [PUBLIC_IP, "192.168.4.4"]],
)
def test_public_name_resolving_to_private_address(web: FakeWeb, addresses: list[str]) -> None:
    web.page("http://intranet.example.org/")
    web.dns["intranet.example.org"] = addresses
    failure = only_failure(web.ingest("http://intranet.example.org/"))
    assert failure.message.startswith("refused to connect to intranet.example.org (")
    assert web.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://[::ffff:10.0.0.1]/",
        "http://metadata.example.org/",
    ],
)
def test_redirect_to_private_address_is_refused(web: FakeWeb, target: str) -> None:
    web.dns["metadata.example.org"] = ["169.254.169.254"]
    web.redirect("http://news.example.org/story", target)
    failure = only_failure(web.ingest("http://news.example.org/story"))
    assert "refused to connect to" in failure.message
    assert len(web.requests) == 1  # the private address was never contacted


def test_more_than_max_redirects(web: FakeWeb) -> None:
    for hop in range(6):
        web.redirect(f"http://news.example.org/{hop}", f"/{hop + 1}")
    web.page("http://news.example.org/6")
    failure = only_failure(web.ingest("http://news.example.org/0"))
    assert failure.message == "too many redirects (more than 5)"
    assert len(web.requests) == 6


def test_redirect_loop_is_bounded(web: FakeWeb) -> None:
    web.redirect("http://news.example.org/a", "/b")
    web.redirect("http://news.example.org/b", "/a")
    assert only_failure(web.ingest("http://news.example.org/a", max_redirects=3)).message == (
        "too many redirects (more than 3)"
    )


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("ftp://files.example.org/a.txt", "ftp"),
        ("gopher://old.example.org/1", "gopher"),
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,<p>hi</p>", "data"),
    ],
)
def test_non_http_schemes_are_refused(web: FakeWeb, url: str, scheme: str) -> None:
    failure = only_failure(web.ingest(url))
    assert failure == Failure(url, f"unsupported URL scheme {scheme!r} (only http and https)")
    assert web.requests == []


def test_redirect_to_non_http_scheme_is_refused(web: FakeWeb) -> None:
    web.redirect("http://news.example.org/x", "file:///etc/passwd")
    failure = only_failure(web.ingest("http://news.example.org/x"))
    assert failure.message == ("redirect to file:///etc/passwd: unsupported URL scheme 'file' (only http and https)")


def test_redirect_without_location(web: FakeWeb) -> None:
    web.route("http://news.example.org/x", httpx.Response(302))
    failure = only_failure(web.ingest("http://news.example.org/x"))
    assert failure.message == "redirect (HTTP 302) without a Location header"


# -- size, type, status ----------------------------------------------------------------


def test_oversized_body_with_content_length(web: FakeWeb) -> None:
    web.page("http://news.example.org/big", "x" * 2_000)
    failure = only_failure(web.ingest("http://news.example.org/big", max_bytes=1_000))
    assert failure.message == "response too large (2,000 bytes; the limit is 1,000 bytes)"


def test_oversized_streamed_body_is_abandoned(web: FakeWeb) -> None:
    served: list[int] = []

    def endless() -> Iterator[bytes]:
        for index in range(1_000):
            served.append(index)
            yield b"<p>" + b"y" * 500 + b"</p>"

    web.route("http://news.example.org/stream", httpx.Response(200, headers=HTML, content=endless()))
    failure = only_failure(web.ingest("http://news.example.org/stream", max_bytes=5_000))
    assert failure.message == "response too large (more than 5,000 bytes)"
    assert len(served) < 20


def test_compression_bomb_is_cut_off_after_decompression(web: FakeWeb) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 1_000_000 + b"</p>")
    headers = {**HTML, "content-encoding": "gzip"}
    web.route("http://news.example.org/bomb", httpx.Response(200, headers=headers, content=bomb))
    failure = only_failure(web.ingest("http://news.example.org/bomb", max_bytes=10_000))
    assert len(bomb) < 10_000
    assert failure.message == "response too large (more than 10,000 bytes)"


def test_slow_body_hits_the_total_time_limit(web: FakeWeb) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(20):
            time.sleep(0.02)
            yield b"<p>slow</p>"

    web.route("http://news.example.org/slow", httpx.Response(200, headers=HTML, content=trickle()))
    failure = only_failure(web.ingest("http://news.example.org/slow", timeout=0.05))
    assert failure.message == "timed out reading the response (limit 0.05 s)"


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/octet-stream", "video/mp4"])
def test_wrong_content_type_is_refused_before_reading(web: FakeWeb, content_type: str) -> None:
    read: list[bool] = []

    def body() -> Iterator[bytes]:
        read.append(True)
        yield b"\x89PNG"

    web.route(
        "http://news.example.org/file",
        httpx.Response(200, headers={"content-type": content_type}, content=body()),
    )
    failure = only_failure(web.ingest("http://news.example.org/file"))
    assert failure.message == (f"unsupported content type {content_type!r} (expected HTML, text or a feed)")
    assert read == []


def test_no_content_type_and_not_html(web: FakeWeb) -> None:
    web.route("http://news.example.org/blob", httpx.Response(200, content=b"just some bytes"))
    failure = only_failure(web.ingest("http://news.example.org/blob"))
    assert failure.message == "no content type, and the content is neither HTML nor a feed"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "HTTP 404 Not Found"),
        (403, "HTTP 403 Forbidden"),
        (500, "HTTP 500 Internal Server Error"),
        (503, "HTTP 503 Service Unavailable"),
        (304, "unexpected HTTP status 304"),
    ],
)
def test_http_errors(web: FakeWeb, status: int, message: str) -> None:
    web.page("http://news.example.org/gone", status=status)
    assert only_failure(web.ingest("http://news.example.org/gone")).message == message


def test_page_without_article_text(web: FakeWeb) -> None:
    web.page("http://news.example.org/empty", "<html><body></body></html>")
    failure = only_failure(web.ingest("http://news.example.org/empty"))
    assert failure.message == "no article text found in HTML"


def test_non_utf8_plain_text(web: FakeWeb) -> None:
    web.page("http://news.example.org/t", b"caf\xe9 au lait", headers={"content-type": "text/plain"})
    failure = only_failure(web.ingest("http://news.example.org/t"))
    assert failure.message == "not UTF-8 text (byte 0xe9 at offset 3)"


# -- network failures ------------------------------------------------------------------


def test_dns_failure(web: FakeWeb) -> None:
    failure = only_failure(web.ingest("http://no-such-host.example.org/"))
    assert failure.message == ("cannot resolve host 'no-such-host.example.org' (Name or service not known)")


def test_unreadable_dns_answer(web: FakeWeb) -> None:
    web.dns["odd.example.org"] = ["not-an-address"]
    failure = only_failure(web.ingest("http://odd.example.org/", allow_private=True))
    assert failure.message == "cannot resolve host 'odd.example.org' (the resolver returned an unreadable address)"


def test_empty_dns_answer(web: FakeWeb) -> None:
    web.dns["void.example.org"] = []
    failure = only_failure(web.ingest("http://void.example.org/"))
    assert failure.message == "cannot resolve host 'void.example.org' (no addresses)"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            httpx.ConnectError("[Errno 111] Connection refused"),
            "cannot connect to down.example.org ([Errno 111] Connection refused)",
        ),
        (httpx.ConnectTimeout("timed out"), "timed out talking to down.example.org (limit 20 s)"),
        (httpx.ReadTimeout("timed out"), "timed out talking to down.example.org (limit 20 s)"),
        (
            httpx.RemoteProtocolError("Server disconnected"),
            "network error talking to down.example.org (RemoteProtocolError: Server disconnected)",
        ),
    ],
)
def test_network_errors(web: FakeWeb, error: Exception, message: str) -> None:
    web.route("http://down.example.org/", error)
    assert only_failure(web.ingest("http://down.example.org/")).message == message


def test_fetcher_raises_fetch_error(web: FakeWeb) -> None:
    web.route("http://down.example.org/", httpx.ConnectError("refused"))
    with Fetcher(web.options()) as fetcher, pytest.raises(FetchError, match="cannot connect"):
        fetcher.fetch("http://down.example.org/")


def test_one_bad_url_does_not_stop_the_batch(web: FakeWeb) -> None:
    web.page("http://news.example.org/a")
    web.page("http://news.example.org/c")
    items = web.ingest("http://news.example.org/a", "http://127.0.0.1/b", "http://news.example.org/c")
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]


# -- feeds from URLs -------------------------------------------------------------------

LONG_SUMMARY = " ".join(["The harbour council met on Monday to discuss the new breakwater."] * 10)
RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Notes</title><link>https://notes.example.org/</link>
<item><title>Breakwater plans</title><link>https://notes.example.org/breakwater</link>
<pubDate>Tue, 05 Sep 2023 07:00:00 GMT</pubDate><description>{LONG_SUMMARY}</description></item>
<item><title>Short one</title><link>/short</link><description>Brief.</description></item>
<item><title>Internal</title><link>http://10.0.0.1/secret</link><description>Hi.</description></item>
</channel></rss>"""


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", "text/html"])
def test_feed_url_becomes_articles(web: FakeWeb, content_type: str) -> None:
    web.page("https://notes.example.org/feed", RSS, headers={"content-type": content_type})
    web.page("https://notes.example.org/short")
    items = web.ingest("https://notes.example.org/feed")
    assert [item.origin for item in items] == [
        "https://notes.example.org/feed#entry-1",
        "https://notes.example.org/feed#entry-2",
        "https://notes.example.org/feed#entry-3",
    ]
    first, second, third = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == LONG_SUMMARY
    assert first.source == "Harbour Notes"
    assert first.published == "2023-09-05T07:00:00+00:00"
    assert second.text.startswith("The port authority of Lindhaven")  # fetched from the link
    assert second.title == "Short one"
    assert second.url == "https://notes.example.org/short"  # relative link resolved
    assert isinstance(third, Failure)
    assert third.message.startswith("refused to connect to 10.0.0.1: private address")


# -- the real transport, against a local server (loopback only, no outside network) ----


class _LocalHandler(http.server.BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hosts.append(self.headers["Host"])
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def local_server() -> Iterator[tuple[http.server.ThreadingHTTPServer, list[str]]]:
    _LocalHandler.hosts = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LocalHandler)
    yield server, _LocalHandler.hosts
    server.shutdown()
    server.server_close()


def _serve(server: http.server.ThreadingHTTPServer) -> int:
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return int(server.server_address[1])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=news.test",
            "-addext",
            "subjectAltName=DNS:news.test",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_real_transport_over_loopback_when_allowed(
    local_server: tuple[http.server.ThreadingHTTPServer, list[str]],
) -> None:
    server, hosts = local_server
    port = _serve(server)
    url = f"http://news.test:{port}/story"
    options = IngestOptions(allow_private=True, resolver=lambda host: ["127.0.0.1"])
    [article] = list(iter_articles([url], options))
    assert isinstance(article, Article) and article.url == url
    assert hosts == [f"news.test:{port}"]
    [refused] = list(iter_articles([url], IngestOptions(resolver=lambda host: ["127.0.0.1"])))
    assert isinstance(refused, Failure) and "loopback address" in refused.message
    assert hosts == [f"news.test:{port}"]


def test_tls_is_verified_against_the_host_name_not_the_pinned_ip(
    local_server: tuple[http.server.ThreadingHTTPServer, list[str]], certificate: tuple[Path, Path]
) -> None:
    server, hosts = local_server
    cert, key = certificate
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_context.sni_callback = lambda sock, name, context: names.append(name)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    port = _serve(server)

    def options() -> IngestOptions:
        client_context = ssl.create_default_context(cafile=str(cert))
        return IngestOptions(
            allow_private=True,
            resolver=lambda host: ["127.0.0.1"],
            transport=httpx.HTTPTransport(verify=client_context, retries=0),
        )

    [article] = list(iter_articles([f"https://news.test:{port}/a"], options()))
    assert isinstance(article, Article)
    assert names == ["news.test"] and hosts == [f"news.test:{port}"]
    [failure] = list(iter_articles([f"https://other.test:{port}/a"], options()))
    assert isinstance(failure, Failure)
    assert "certificate is not valid for 'other.test'" in failure.message
