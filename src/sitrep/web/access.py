"""Who may use the server: tokens for writes (and for reads beyond loopback), write rate limits, CORS.

``AccessPolicy`` says what needs a token; ``sitrep serve`` builds it from where it listens:
on loopback reads are open; bound to another address, reads need a token too unless
``--public-read``. Writes (any method but GET, HEAD and OPTIONS) always need one.

A token (``sitrep token create``) comes as ``Authorization: Bearer TOKEN``, or as the
``sitrep_token`` cookie that ``POST /login`` sets for the page (HttpOnly, SameSite=Strict,
so another site's page cannot send it). Each token may write ``writes_per_minute`` times
a minute (a token bucket, per server process); over it, 429 with ``Retry-After``. CORS
stays closed (no ``Access-Control-*`` headers) unless origins are configured.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from urllib.parse import parse_qs

import anyio
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from sitrep.store.tokens import MAX_TOKEN_CHARS, TokenInfo, TokenStore

COOKIE = "sitrep_token"
COOKIE_SECONDS = 12 * 3600
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = ("/login", "/static/", "/openapi.json")  # no data behind them
MAX_LOGIN_BODY = 4096


@dataclass(frozen=True)
class AccessPolicy:
    """What needs a token, how often a token may write, and which origins may call cross-site."""

    write_token: bool = True
    read_token: bool = False
    writes_per_minute: int = 60
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def unrestricted(cls) -> AccessPolicy:
        """No token for anything (an app built in-process, e.g. for tests)."""
        return cls(write_token=False, read_token=False)

    @classmethod
    def for_server(cls, *, loopback: bool, public_read: bool, **options: object) -> AccessPolicy:
        """The policy of ``sitrep serve``: reads need a token beyond loopback unless ``public_read``."""
        return cls(write_token=True, read_token=not loopback and not public_read, **options)  # type: ignore[arg-type]


@dataclass
class WriteLimiter:
    """A token bucket per token: ``per_minute`` writes, refilled continuously."""

    per_minute: int
    clock: object = time.monotonic
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)  # token id -> (tokens, when)

    def take(self, token_id: int) -> float | None:
        """Spend one write; None when allowed, else the seconds until one is available."""
        now = self.clock()  # type: ignore[operator]
        rate = self.per_minute / 60.0
        tokens, when = self._buckets.get(token_id, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - when) * rate)
        if tokens < 1.0:
            self._buckets[token_id] = (tokens, now)
            return (1.0 - tokens) / rate
        self._buckets[token_id] = (tokens - 1.0, now)
        return None


def login_page() -> bytes:
    return (files("sitrep.web") / "static" / "login.html").read_bytes()


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}


def presented_token(headers: dict[str, str]) -> str | None:
    """The token of the ``Authorization: Bearer`` header, else of the ``sitrep_token`` cookie."""
    authorization = headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()[: MAX_TOKEN_CHARS + 1] or None
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE and value:
            return value[: MAX_TOKEN_CHARS + 1]
    return None


class AccessControl:
    """ASGI middleware enforcing an ``AccessPolicy`` with the tokens of the app's store."""

    def __init__(self, app: ASGIApp, policy: AccessPolicy, tokens: TokenStore) -> None:
        self.app = app
        self.policy = policy
        self.tokens = tokens
        self.limiter = WriteLimiter(policy.writes_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if path == "/login":
            await self._login(scope, receive, send)
            return
        write = method not in READ_METHODS
        needed = self.policy.write_token if write else self.policy.read_token and not path.startswith(OPEN_PATHS)
        if not needed:
            await self.app(scope, receive, send)
            return
        token = presented_token(_headers(scope))
        info = await self._verify(token)
        if info is None:
            if not write and not path.startswith("/api/"):
                await _redirect(send, "/login")
            else:
                await _problem(send, 401, _why(token, write), {"www-authenticate": 'Bearer realm="sitrep"'})
            return
        if write:
            wait = self.limiter.take(info.id)
            if wait is not None:
                message = f"token {info.name!r} is over its limit of {self.policy.writes_per_minute} writes a minute"
                await _problem(send, 429, message, {"retry-after": str(max(1, round(wait + 0.5)))})
                return
            await anyio.to_thread.run_sync(self.tokens.touch, info.id, datetime.now(UTC))
        await self.app(scope, receive, send)

    async def _verify(self, token: str | None) -> TokenInfo | None:
        if not token:
            return None
        return await anyio.to_thread.run_sync(self.tokens.verify, token)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        """``GET /login``: the form; ``POST /login``: check the token, set the cookie, go to the page."""
        if scope.get("method") != "POST":
            await _send(send, 200, login_page(), {"content-type": "text/html; charset=utf-8"})
            return
        body = b""
        more = True
        while more and len(body) <= MAX_LOGIN_BODY:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        fields = parse_qs(body[:MAX_LOGIN_BODY].decode("utf-8", "replace"))
        token = (fields.get("token") or [""])[0].strip()
        if await self._verify(token) is None:
            await _redirect(send, "/login?refused=1")
            return
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = f"{COOKIE}={token}; Max-Age={COOKIE_SECONDS}; Path=/; HttpOnly; SameSite=Strict{secure}"
        await _redirect(send, "/", {"set-cookie": cookie})


def _why(token: str | None, write: bool) -> str:
    what = "writing" if write else "reading"
    if not token:
        return f"{what} needs an API token: send 'Authorization: Bearer TOKEN', or sign in at /login (see `sitrep token create`)"
    return "the API token is not valid (unknown or revoked)"


async def _send(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _problem(send: Send, status: int, detail: str, headers: dict[str, str]) -> None:
    body = json.dumps({"detail": detail}).encode()
    await _send(send, status, body, {"content-type": "application/json", **headers})


async def _redirect(send: Send, location: str, headers: dict[str, str] | None = None) -> None:
    await _send(send, 303, b"", {"location": location, **(headers or {})})


def install_access(app: FastAPI, policy: AccessPolicy, tokens: TokenStore) -> None:
    """Enforce ``policy`` on every request; CORS only for the configured origins."""
    app.state.access = policy
    app.add_middleware(AccessControl, policy=policy, tokens=tokens)
    if policy.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(policy.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
