"""The web app behind ``sitrep serve``: an HTTP API over one live picture, and a page for analysts.

    app = create_app("sqlite:///sitrep.db")      # an ASGI app; uvicorn runs it

Modules: ``state`` (the live picture, kept current from the store), ``schemas`` (request and response models), ``api`` (the
routes), ``errors`` (errors into JSON, never a traceback), ``limits`` (body size cap),
``headers`` (security headers), ``app`` (the factory), ``static/`` (the page: vanilla JS and CSS, no network).
"""

from sitrep.web.app import create_app

__all__ = ["create_app"]
