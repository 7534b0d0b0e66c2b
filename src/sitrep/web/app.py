"""The app factory: the API, the page, the limits and headers around them.

    app = create_app("sqlite:///sitrep.db")

The store is opened and the picture built here, so a bad database URL fails before a
server starts. Request bodies over ``max_body_bytes`` get 413 (``limits.py``). Only the
listed host names are answered (a guard against DNS rebinding of a server on
127.0.0.1), there is no CORS, and the page's own files are sent with a
Content-Security-Policy that allows nothing but this origin (``headers.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep.store import Store
from sitrep.store.tokens import TokenStore
from sitrep.web.access import AccessPolicy, install_access
from sitrep.web.api import package_version, router
from sitrep.web.errors import install_error_handlers
from sitrep.web.headers import SecurityHeaders
from sitrep.web.limits import BodySizeLimit
from sitrep.web.provenance_api import router as provenance_router
from sitrep.web.schemas import MAX_BODY_BYTES
from sitrep.web.search_api import router as search_router
from sitrep.web.state import LivePicture

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1", "testserver")
DESCRIPTION = """The fused situation picture across stored articles, the stored sitrep/1 extractions,
entities and syndicated stories, and extraction of posted articles. Errors are JSON: `{"detail": message}`."""


def static_dir() -> Path:
    return Path(str(files("sitrep.web") / "static"))


def create_app(
    db_url: str | None = None,
    *,
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
    max_body_bytes: int = MAX_BODY_BYTES,
    access: AccessPolicy | None = None,
) -> FastAPI:
    """An ASGI app serving the API and the page over the store at ``db_url`` (see ``database_url``).

    ``access`` says what needs an API token (``access.py``); without it nothing does
    (an app built in-process), while ``sitrep serve`` always passes one."""
    store = Store.open(db_url)
    try:
        live = LivePicture(store)
    except BaseException:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="sitrep",
        version=package_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )  # their pages load scripts from a CDN: nothing leaves the machine
    app.state.live = live
    install_error_handlers(app, max_body_bytes)
    app.include_router(router)
    app.include_router(search_router)
    app.include_router(provenance_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir() / "index.html")

    install_access(app, access or AccessPolicy.unrestricted(), TokenStore(store.engine))
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # for clients that send Accept-Encoding: gzip
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
