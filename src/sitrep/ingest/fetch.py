"""Fetching URLs safely: http(s) only, public addresses only, bounded in size and time.

How a fetch defends itself (server-side request forgery, resource exhaustion):

* Only ``http`` and ``https`` URLs are fetched; ``file:``, ``ftp:``, ``gopher:`` … are
  refused before anything else happens.
* The host is resolved once (``socket.getaddrinfo``, or ``IngestOptions.resolver``) and
  **every** address it resolves to is checked with :mod:`sitrep.ingest.addresses`; one
  refused address refuses the URL (``allow_private`` opens loopback and private ranges,
  never link-local or metadata addresses).
* The connection is then **pinned** to a checked address (tried in resolver order until
  one accepts the connection): the request goes to
  ``scheme://<checked IP>:port/path`` with the original ``Host`` header, and for HTTPS the
  original host name is sent as SNI (``sni_hostname``) and the certificate is verified
  against it. httpx therefore never resolves the name again, so a DNS answer that
  changes between check and connect (DNS rebinding) cannot swap in another address.
* Redirects are not followed by httpx: each ``Location`` is resolved against the current
  URL and goes through the same scheme and address checks, at most ``max_redirects``
  times.
* Requests carry ``Connection: close`` and keep-alive pooling is off, so a connection
  opened (and TLS-verified) for one host name is never reused for another that happens
  to share its address. Proxy settings from the environment are ignored
  (``trust_env=False``) because a proxy would connect on our behalf, unchecked.
* The content type is checked from the headers before the body is read; the body is
  streamed raw and decoded here (:mod:`.decompress`), in bounded steps, and abandoned as
  soon as it passes ``max_bytes`` decoded (so a compression bomb, stacked encodings
  included, is cut off within a few times the limit of memory).
* One deadline covers the whole fetch, redirects included: ``timeout`` seconds from the
  first connect (or less, when the caller passes an earlier ``deadline``, such as a
  feed's). Every connect, TLS handshake, read and write is capped at the time left
  (:mod:`.deadline`), so a server trickling its headers or body cannot stall ingest.

Every problem surfaces as a :class:`~sitrep.errors.FetchError` (or
:class:`~sitrep.errors.UnsafeURLError`) with a one-line message; httpx and socket
errors are translated here and nowhere else. An HTTP error status is an
:class:`HTTPStatusError` (a ``FetchError``) carrying the status and any ``Retry-After``.

Conditional GET (``sitrep watch``): ``fetch(url, validators=...)`` sends ``If-None-Match``
/ ``If-Modified-Since``; a 304 answer is then a ``Fetched`` with ``not_modified=True`` and
an empty body. ``Fetched.validators`` holds the ``ETag`` and ``Last-Modified`` the server sent.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Self

import httpx

from sitrep import __version__
from sitrep.errors import FetchError, UnsafeURLError
from sitrep.ingest.addresses import IPAddress, parse_ip_literal, refusal_reason
from sitrep.ingest.deadline import DeadlineBackend
from sitrep.ingest.decompress import ACCEPT_ENCODING, BoundedDecoder
from sitrep.ingest.model import IngestOptions
from sitrep.ingest.sniff import looks_like_feed, looks_like_html

ContentKind = Literal["html", "text", "feed"]

ALLOWED_SCHEMES = ("http", "https")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
VALIDATOR_HEADERS = {"etag": "If-None-Match", "last-modified": "If-Modified-Since"}
"""Response validator -> the request header that sends it back."""
USER_AGENT = f"sitrep/{__version__} (news article ingest)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)


@dataclass(frozen=True)
class Fetched:
    """A successfully fetched resource."""

    url: str  # the final URL, after redirects
    kind: ContentKind
    media_type: str  # e.g. "text/html", "" when the server sent none
    charset: str | None  # from the Content-Type header, if given
    body: bytes
    validators: Mapping[str, str] = field(default_factory=dict)  # "etag", "last-modified" as sent
    not_modified: bool = False  # a 304 answer to a conditional request: body is empty


class HTTPStatusError(FetchError):
    """The server answered with an error status (``status``); ``retry_after`` is its
    ``Retry-After`` header, unparsed, when it sent one."""

    def __init__(self, status: int, reason: str, retry_after: str | None = None) -> None:
        super().__init__(f"HTTP {status} {reason}".rstrip())
        self.status = status
        self.retry_after = retry_after


def resolve_host(host: str) -> list[str]:
    """All IP addresses ``host`` resolves to (the default resolver)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_scheme(url: str) -> httpx.URL:
    """Parse ``url``; raise ``FetchError`` unless it is an absolute http(s) URL."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL ({exc})") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = parsed.scheme or url.split(":", 1)[0]
        raise FetchError(f"unsupported URL scheme {scheme!r} (only http and https)")
    if not parsed.raw_host:
        raise FetchError("URL has no host")
    return parsed


class Fetcher:
    """Fetches URLs under the rules above; use as a context manager to close it."""

    def __init__(self, options: IngestOptions) -> None:
        self._options = options
        self._resolve: Callable[[str], list[str]] = options.resolver or resolve_host
        self._backend = DeadlineBackend()
        self._deadline = 0.0
        self._conditional: dict[str, str] = {}
        self._client = httpx.Client(
            transport=options.transport or _pinned_transport(self._backend),
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING,
                "Connection": "close",
            },
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, deadline: float | None = None, validators: Mapping[str, str] | None = None) -> Fetched:
        """Fetch ``url``, following at most ``max_redirects`` checked redirects, all within
        ``timeout`` seconds (or by ``deadline``, a ``time.monotonic()`` value, if earlier).

        ``validators`` (``{"etag": ..., "last-modified": ...}`` from an earlier ``Fetched``)
        make the request conditional: a 304 answer comes back with ``not_modified=True``.
        """
        current = check_scheme(url)
        self._conditional = {
            VALIDATOR_HEADERS[name]: value
            for name, value in (validators or {}).items()
            if value and name in VALIDATOR_HEADERS
        }
        own = time.monotonic() + self._options.timeout
        self._deadline = own if deadline is None else min(own, deadline)
        self._backend.deadline = self._deadline
        try:
            for _ in range(self._options.max_redirects + 1):
                if time.monotonic() >= self._deadline:
                    raise FetchError(f"timed out fetching {current.host} ({self._timeout_text()})")
                outcome = self._fetch_once(current)
                if isinstance(outcome, Fetched):
                    return outcome
                current = outcome
        finally:
            self._backend.deadline = None
        raise FetchError(f"too many redirects (more than {self._options.max_redirects})")

    # -- one hop ----------------------------------------------------------------------

    def _fetch_once(self, url: httpx.URL) -> Fetched | httpx.URL:
        """Fetch one URL: the resource, or the next URL when redirected.

        The host's checked addresses are tried in resolver order until one accepts the
        connection (a dual-stack name may have an unreachable IPv6 address).
        """
        *others, last = self._checked_addresses(url)
        for address in others:
            try:
                return self._fetch_from(url, address)
            except _ConnectError:
                continue
        return self._fetch_from(url, last)

    def _fetch_from(self, url: httpx.URL, address: str) -> Fetched | httpx.URL:
        request = self._pinned_request(url, address)
        try:
            response = self._client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise _ConnectError(self._describe(exc, url)) from exc
        except httpx.HTTPError as exc:
            raise FetchError(self._describe(exc, url)) from exc
        try:
            return self._handle(url, response)
        except httpx.HTTPError as exc:
            raise FetchError(self._describe(exc, url)) from exc
        finally:
            response.close()

    def _handle(self, url: httpx.URL, response: httpx.Response) -> Fetched | httpx.URL:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            return _redirect_target(url, response)
        if status == NOT_MODIFIED and self._conditional:
            return Fetched(str(url), "feed", "", None, b"", _validators(response), not_modified=True)
        if status >= 400:
            raise HTTPStatusError(status, response.reason_phrase, response.headers.get("retry-after"))
        if not 200 <= status < 300:
            raise FetchError(f"unexpected HTTP status {status}")
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        declared = _kind_of(media_type)
        self._check_length(response)
        body = self._read_body(response)
        kind = "feed" if looks_like_feed(body) else declared or _sniff(body)
        return Fetched(
            url=str(url),
            kind=kind,
            media_type=media_type,
            charset=response.charset_encoding,
            body=body,
            validators=_validators(response),
        )

    # -- address checks and pinning ----------------------------------------------------

    def _checked_addresses(self, url: httpx.URL) -> list[str]:
        """Resolve the URL's host and check every address; all must be allowed."""
        host = url.raw_host.decode("ascii")
        literal = parse_ip_literal(host)
        found: list[IPAddress | None] = (
            [literal] if literal is not None else [parse_ip_literal(a) for a in self._resolved(host)]
        )
        addresses = [address for address in found if address is not None]
        if len(addresses) < len(found):
            raise FetchError(f"cannot resolve host {host!r} (the resolver returned an unreadable address)")
        for address in addresses:
            reason = refusal_reason(address, allow_private=self._options.allow_private)
            if reason:
                shown = host if literal is not None else f"{host} ({address})"
                scope = " (allow_private opens loopback and private ranges only)" if self._options.allow_private else ""
                raise UnsafeURLError(f"refused to connect to {shown}: {reason} address{scope}")
        return [str(address) for address in addresses]

    def _resolved(self, host: str) -> list[str]:
        try:
            addresses = self._resolve(host)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"cannot resolve host {host!r} ({_reason(exc)})") from exc
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r} (no addresses)")
        return [address.split("%", 1)[0] for address in addresses]

    def _pinned_request(self, url: httpx.URL, address: str) -> httpx.Request:
        """A request for ``url`` that connects to ``address`` and names the real host."""
        host = url.raw_host.decode("ascii")
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        return self._client.build_request(
            "GET",
            url.copy_with(host=address),
            headers={"Host": url.netloc.decode("ascii"), **self._conditional},
            extensions=extensions,
        )

    # -- body --------------------------------------------------------------------------

    def _check_length(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "")
        limit = self._options.max_bytes
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response too large ({int(declared):,} bytes; the limit is {limit:,} bytes)")

    def _read_body(self, response: httpx.Response) -> bytes:
        limit = self._options.max_bytes
        if response.is_stream_consumed:  # a test transport's prebuilt response, already decoded by httpx
            decoder, chunks = BoundedDecoder("", limit), iter([response.content])
        else:
            decoder, chunks = BoundedDecoder(response.headers.get("content-encoding", ""), limit), response.iter_raw()
        body = bytearray()
        for chunk in chunks:
            body.extend(decoder.feed(chunk))
            self._check_body(body, limit)
        body.extend(decoder.finish())
        self._check_body(body, limit)
        return bytes(body)

    def _check_body(self, body: bytearray, limit: int) -> None:
        if len(body) > limit:
            raise FetchError(f"response too large (more than {limit:,} bytes)")
        if time.monotonic() > self._deadline:
            raise FetchError(f"timed out reading the response ({self._timeout_text()})")

    # -- errors ------------------------------------------------------------------------

    def _describe(self, exc: httpx.HTTPError, url: httpx.URL) -> str:
        host = url.host
        if isinstance(exc, httpx.TimeoutException):
            return f"timed out talking to {host} ({self._timeout_text()})"
        if isinstance(exc, httpx.ConnectError):
            return f"cannot connect to {host} ({_reason(exc)})"
        if isinstance(exc, httpx.DecodingError):
            return f"cannot decode the response from {host} ({_reason(exc)})"
        return f"network error talking to {host} ({type(exc).__name__}: {_reason(exc)})"

    def _timeout_text(self) -> str:
        return f"limit {self._options.timeout:g} s"


class _ConnectError(FetchError):
    """No connection to one address; the next address of the host may still work."""


def _pinned_transport(backend: DeadlineBackend) -> httpx.HTTPTransport:
    """The real transport: no retries, no keep-alive pool (see the module docstring), and
    the deadline backend under its connection pool (httpx has no public way to pass one;
    ``tests/test_hostile_fetch.py`` fails if this ever stops taking effect)."""
    transport = httpx.HTTPTransport(retries=0, limits=httpx.Limits(max_keepalive_connections=0))
    transport._pool._network_backend = backend
    return transport


def _validators(response: httpx.Response) -> dict[str, str]:
    """The response's ``ETag`` and ``Last-Modified``, for a later conditional request."""
    return {name: response.headers[name] for name in VALIDATOR_HEADERS if response.headers.get(name)}


def _redirect_target(url: httpx.URL, response: httpx.Response) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"redirect (HTTP {response.status_code}) without a Location header")
    try:
        target = str(url.join(location))
    except httpx.InvalidURL as exc:
        raise FetchError(f"redirect to an invalid URL {location!r}") from exc
    try:
        return check_scheme(target)
    except FetchError as exc:
        raise FetchError(f"redirect to {location}: {exc}") from exc


def _kind_of(media_type: str) -> ContentKind | None:
    """The kind a declared media type stands for; ``None`` when undeclared."""
    if not media_type:
        return None
    if media_type in HTML_TYPES:
        return "html"
    if media_type in TEXT_TYPES:
        return "text"
    if media_type in FEED_TYPES:
        return "feed"
    raise FetchError(f"unsupported content type {media_type!r} (expected HTML, text or a feed)")


def _sniff(body: bytes) -> ContentKind:
    """The kind of a body served without a content type (feeds are sniffed earlier)."""
    if looks_like_html(body):
        return "html"
    raise FetchError("no content type, and the content is neither HTML nor a feed")


def _reason(exc: BaseException) -> str:
    strerror = exc.strerror if isinstance(exc, OSError) else None
    text = strerror or str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
