"""Shared fixtures: paths to the articles we wrote for tests, and the shared contract files.

It also marks every test that loads the spaCy model with ``model`` (so
``pytest -m "not model"``, i.e. ``make test-fast``, runs without it): a test is marked when
its code, its fixtures or the test helpers they call reach one of the functions in
``model_entry_points()``. When the model is deselected, a test that still reaches the
model (through a path the marking cannot see, such as an HTTP call to ``/api/extract``)
is skipped with a reason that says so, instead of loading it (in the test's own thread;
a web server thread cannot skip, hence the ``/api/extract`` rule below).
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
TESTS = Path(__file__).resolve().parent


@pytest.fixture
def article_path() -> Path:
    """A short fictional wire story with claims, figures, dates, places and events."""
    return FIXTURES / "articles" / "harbour-strike.txt"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


# -- the ``model`` marker ---------------------------------------------------------------


@cache
def model_entry_points() -> frozenset[int]:
    """Ids of the functions that load the English model (directly or by extracting)."""
    import sitrep
    import sitrep.cli
    import sitrep.evaluate
    import sitrep.nlp.engine
    import sitrep.pipeline
    import sitrep.workflow

    functions: list[Callable[..., Any]] = [
        sitrep.extract,
        sitrep.extract_many,
        sitrep.pipeline.extract,
        sitrep.pipeline.extract_many,
        sitrep.nlp.engine.parse,
        sitrep.nlp.engine.parse_many,
        sitrep.nlp.engine.load_pipeline,
        sitrep.workflow.extract_sources,
        sitrep.workflow.ingest_sources,
        sitrep.evaluate.run_eval,
    ]
    return frozenset(id(f) for f in functions)


def _is_test_code(function: Any) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and Path(code.co_filename).resolve().is_relative_to(TESTS)


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


EXTRACTING_ROUTES = ("/api/extract", "/api/documents")  # POSTed an article, the web app extracts it
EXTRACTING_COMMANDS = frozenset({"extract", "ingest", "eval", "watch"})  # `sitrep X` commands that run the pipeline


def _posts_an_article(code: types.CodeType) -> bool:
    """``client.post("/api/extract", json=...)``: the web app runs the pipeline on the article."""
    strings = [c for c in code.co_consts if isinstance(c, str)]
    keywords = {k for c in code.co_consts if isinstance(c, tuple) for k in c if isinstance(k, str)}
    return "post" in code.co_names and "json" in keywords and any(s.startswith(EXTRACTING_ROUTES) for s in strings)


def _invokes_cli(function: Any, seen: set[int]) -> bool:
    """Whether test code calls the CLI (``CliRunner().invoke(main, ...)``, ``python -m sitrep``),
    itself or through the test helpers it calls."""
    import sitrep.cli

    function = inspect.unwrap(function)
    if id(function) in seen or not _is_test_code(function):
        return False
    seen.add(id(function))
    for code in _codes(function.__code__):
        strings = {c for c in code.co_consts if isinstance(c, str)}
        if "sitrep" in strings and "-m" in strings:
            return True
        for name in code.co_names:
            value = function.__globals__.get(name)
            if value is sitrep.cli.main or value is sitrep.cli:
                return True
            if callable(value) and _invokes_cli(value, seen):
                return True
    return False


def _runs_an_extracting_command(function: Any, code: types.CodeType) -> bool:
    """``run("extract", ...)`` where ``run`` invokes the CLI: a command that runs the pipeline."""
    strings = {c for c in code.co_consts if isinstance(c, str)}
    return bool(strings & EXTRACTING_COMMANDS) and _invokes_cli(function, set())


def _reaches_model(function: Any, seen: set[int]) -> bool:
    """Whether ``function`` (test code) refers to a model entry point, itself or through test helpers."""
    function = inspect.unwrap(function)
    hypothesis = getattr(function, "hypothesis", None)  # a @given test: look at the test it wraps
    function = getattr(hypothesis, "inner_test", function)
    if id(function) in seen or not _is_test_code(function):
        return False
    seen.add(id(function))
    entries = model_entry_points()
    namespace = function.__globals__
    for code in _codes(function.__code__):
        if _posts_an_article(code) or _runs_an_extracting_command(function, code):
            return True
        for name in code.co_names:
            value = namespace.get(name, sys.modules.get(name))  # a global, or a module a local import names
            if value is None:
                continue
            if id(value) in entries:
                return True
            if isinstance(value, types.ModuleType):
                if any(id(getattr(value, attr, None)) in entries for attr in code.co_names):
                    return True
            elif callable(value) and _reaches_model(value, seen):
                return True
    return False


def _loads_model(item: pytest.Item) -> bool:
    seen: set[int] = set()
    function = getattr(item, "function", None)
    if function is not None and _reaches_model(function, seen):
        return True
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        if any(_reaches_model(definition.func, seen) for definition in definitions):
            return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("model") is None and _loads_model(item):
            item.add_marker(pytest.mark.model)


def _model_deselected(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr", "") or ""
    return "not model" in " ".join(expression.split())


@pytest.fixture(autouse=True)
def _no_model_when_deselected(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``-m "not model"``, a test that still reaches the model is skipped, not slowed down."""
    if not _model_deselected(request.config):
        return
    import sitrep.nlp
    import sitrep.nlp.engine

    def refuse() -> Any:
        pytest.skip("loads the spaCy model, but is not marked `model` (see tests/conftest.py)")

    monkeypatch.setattr(sitrep.nlp.engine, "load_pipeline", refuse)
    monkeypatch.setattr(sitrep.nlp, "load_pipeline", refuse)
