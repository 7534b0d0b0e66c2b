"""``sitrep watch`` against a local HTTP server: new entries only, 304s, backoff, redirects, resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.ingest.model import Article, IngestOptions
from sitrep.store import Store
from sitrep.store.feeds import ENTRY_FAILED, ENTRY_STORED, EntryOutcome, FeedStore
from sitrep.watch import Watcher
from sitrep.watch.opml import feed_urls
from sitrep.watch.schedule import HostPacer, backoff, parse_interval, retry_after
from sitrep.workflow import to_document
from watch_server import LONG_BODY, WatchServer, entry_xml, watch_server

T0 = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def fake_store_entry(article: Article, store: Store) -> EntryOutcome:
    """Store the article with empty layers (no model needed): the watcher's bookkeeping is under test."""
    document = to_document(article).to_dict()
    saved = store.save_document({"schema": "sitrep/1", "document": document}, origin=article.origin)
    return EntryOutcome("", ENTRY_STORED if saved else "duplicate", url=article.url, document_id=document["id"])


OPTIONS = IngestOptions(allow_private=True, timeout=5.0, feed_timeout=10.0, max_redirects=3)


@pytest.fixture
def server() -> Any:
    with watch_server() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(f"sqlite:///{tmp_path}/watch.db") as opened:
        yield opened


def make_watcher(store: Store, urls: list[str], clock: Clock, **kwargs: Any) -> Watcher:
    return Watcher(
        store, urls, every=600, options=OPTIONS, clock=clock, pacer=HostPacer(0), store_entry=fake_store_entry, **kwargs
    )


def items(server: WatchServer, numbers: range) -> list[str]:
    return [entry_xml(n, host=server.host) for n in numbers]


def test_new_entries_are_stored_once_and_an_unchanged_feed_costs_one_304(server: WatchServer, store: Store) -> None:
    server.feed("/a.xml", "Marenna Herald", items(server, range(1, 4)))
    clock = Clock()
    watcher = make_watcher(store, [server.url("/a.xml")], clock)
    first = watcher.poll_round()
    assert [f.new for f in first.feeds] == [3]
    assert store.counts()["documents"] == 3

    server.clear_log()
    clock.advance(minutes=11)
    second = watcher.poll_round()
    assert second.feeds[0].status == "unchanged"
    assert server.statuses() == [304]
    assert server.log[0].headers["if-none-match"]

    server.feed("/a.xml", "Marenna Herald", items(server, range(1, 6)))
    clock.advance(minutes=11)
    third = watcher.poll_round()
    assert third.feeds[0].new == 2
    assert store.counts()["documents"] == 5
    assert {d["source"] for d in (store.get_document(i) for i in store.extracted_ids())} == {"Marenna Herald"}


def test_a_feed_is_not_fetched_before_its_interval_unless_once(server: WatchServer, store: Store) -> None:
    server.feed("/a.xml", "Herald", items(server, range(1, 2)))
    clock = Clock()
    watcher = make_watcher(store, [server.url("/a.xml")], clock)
    watcher.poll_round()
    server.clear_log()
    clock.advance(minutes=1)
    assert watcher.poll_round().feeds[0].status == "waiting"
    assert server.statuses() == []
    watcher.poll_round(ignore_interval=True)
    assert server.statuses() == [304]


def test_short_summaries_fetch_their_link_and_an_unfetchable_link_is_recorded(
    server: WatchServer, store: Store
) -> None:
    server.page("/articles/7", "Pier reopens", LONG_BODY)
    server.feed(
        "/b.xml",
        "Coast Post",
        [
            entry_xml(7, host=server.host, summary="Short teaser."),
            entry_xml(8, host=server.host, summary="Another teaser.", link=server.url("/articles/missing")),
        ],
    )
    watcher = make_watcher(store, [server.url("/b.xml")], Clock())
    report = watcher.poll_round().feeds[0]
    assert (report.new, report.failed) == (1, 1)
    stored = store.get_document(next(iter(store.extracted_ids())))
    assert stored["url"] == server.url("/articles/7")
    assert "ferry service" in stored["text"]
    feed_id = FeedStore(store.engine).feeds()[0].id
    known = FeedStore(store.engine).known_entries(feed_id)
    assert sorted(status for status, _ in known.values()) == [ENTRY_FAILED, ENTRY_STORED]
    with store.engine.connect() as connection:
        reason = connection.exec_driver_sql("SELECT reason FROM watch_entries WHERE status = 'failed'").scalar_one()
    assert reason == "HTTP 404 Not Found"


def test_a_failed_entry_is_retried_a_few_times_then_left(server: WatchServer, store: Store) -> None:
    def feed(version: int) -> None:
        server.feed(
            "/c.xml",
            f"Post v{version}",
            [entry_xml(9, host=server.host, summary="Teaser.", link=server.url("/gone"))]
            + items(server, range(20, 20 + version)),
        )

    clock = Clock()
    watcher = make_watcher(store, [server.url("/c.xml")], clock)
    for version in range(1, 6):
        feed(version)
        watcher.poll_round()
        clock.advance(minutes=11)
    fetched_gone = sum(1 for entry in server.log if entry.path == "/gone")
    assert fetched_gone == 3


def test_503_with_retry_after_backs_the_feed_off(server: WatchServer, store: Store) -> None:
    route = server.feed("/d.xml", "Daily", items(server, range(1, 3)))
    route.statuses = [(503, {"Retry-After": "1800"})]
    clock = Clock()
    watcher = make_watcher(store, [server.url("/d.xml")], clock)
    report = watcher.poll_round(ignore_interval=True).feeds[0]
    assert report.status == "error"
    assert report.error == "HTTP 503 Service Unavailable"
    assert report.next_fetch_at == T0 + timedelta(seconds=1800)

    server.clear_log()
    clock.advance(minutes=20)
    assert watcher.poll_round(ignore_interval=True).feeds[0].status == "backing off"
    assert server.statuses() == []

    clock.advance(minutes=11)
    assert watcher.poll_round().feeds[0].new == 2


def test_repeated_errors_back_off_exponentially(server: WatchServer, store: Store) -> None:
    route = server.feed("/e.xml", "Daily", items(server, range(1, 2)))
    route.statuses = [(429, {}), (500, {}), (500, {})]
    clock = Clock()
    watcher = make_watcher(store, [server.url("/e.xml")], clock)
    waits = []
    for _ in range(3):
        report = watcher.poll_round().feeds[0]
        waits.append(report.next_fetch_at - clock.now)
        clock.now = report.next_fetch_at
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert watcher.poll_round().feeds[0].new == 1
    assert FeedStore(store.engine).feeds()[0].failures == 0


def test_redirects_are_followed_and_loops_are_bounded(server: WatchServer, store: Store) -> None:
    server.feed("/new-home.xml", "Moved Gazette", items(server, range(1, 3)))
    server.routes["/old.xml"] = type(server.routes["/new-home.xml"])(redirect_to=server.url("/new-home.xml"))
    server.routes["/loop-a"] = type(server.routes["/new-home.xml"])(redirect_to=server.url("/loop-b"))
    server.routes["/loop-b"] = type(server.routes["/new-home.xml"])(redirect_to=server.url("/loop-a"))
    watcher = make_watcher(store, [server.url("/old.xml"), server.url("/loop-a")], Clock())
    moved, loop = watcher.poll_round().feeds
    assert moved.new == 2
    assert loop.status == "error"
    assert loop.error == "too many redirects (more than 3)"
    assert sum(1 for entry in server.log if entry.path.startswith("/loop")) == 4


def test_loopback_feeds_are_refused_without_allow_private(server: WatchServer, store: Store) -> None:
    server.feed("/a.xml", "Herald", items(server, range(1, 2)))
    watcher = Watcher(store, [server.url("/a.xml")], options=IngestOptions(), pacer=HostPacer(0))
    report = watcher.poll_round().feeds[0]
    assert report.status == "error"
    assert "loopback address" in report.error
    assert server.statuses() == []


def test_a_watcher_stopped_half_way_resumes_without_loss_or_duplicates(server: WatchServer, store: Store) -> None:
    server.feed("/f.xml", "Herald", items(server, range(1, 7)))
    calls = 0

    def interrupted(article: Article, store: Store) -> EntryOutcome:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return fake_store_entry(article, store)

    clock = Clock()
    url = server.url("/f.xml")
    stopping = Watcher(store, [url], options=OPTIONS, clock=clock, pacer=HostPacer(0), store_entry=interrupted)
    with pytest.raises(KeyboardInterrupt):
        stopping.poll_round()
    assert store.counts()["documents"] == 2
    assert FeedStore(store.engine).feeds()[0].etag is None  # validators only saved once the feed is settled

    server.clear_log()
    resumed = make_watcher(store, [url], clock)
    assert resumed.poll_round(ignore_interval=True).feeds[0].new == 4
    assert server.statuses() == [200]
    assert store.counts()["documents"] == 6


def test_a_page_is_not_a_feed(server: WatchServer, store: Store) -> None:
    server.page("/index.html", "Home", LONG_BODY)
    report = make_watcher(store, [server.url("/index.html")], Clock()).poll_round().feeds[0]
    assert report.error == "not an RSS or Atom feed (the server sent text/html)"


def test_the_host_pacer_spaces_requests_to_one_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(2.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait_for("a.example")
    pacer.wait_for("b.example")
    now[0] += 0.5
    pacer.wait_for("A.example")
    assert slept == [1.5]


def test_schedule_rules() -> None:
    assert parse_interval("10m") == 600
    assert parse_interval("1.5h") == 5400
    assert parse_interval("45") == 45
    for bad in ("", "10 minutes", "5s", "-1m"):
        with pytest.raises(InputError):
            parse_interval(bad)
    assert backoff(1) == timedelta(minutes=1)
    assert backoff(50) == timedelta(hours=6)
    assert retry_after("120", T0) == timedelta(seconds=120)
    assert retry_after("Tue, 03 Mar 2026 12:05:00 GMT", T0) == timedelta(minutes=5)
    assert retry_after("soon", T0) is None
    assert retry_after("99999999999", T0) == timedelta(days=1)


def test_opml_lists_feeds_at_any_depth_and_refuses_declarations() -> None:
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>
    <outline text="Region"><outline text="A" xmlUrl="https://a.example/feed.xml"/>
    <outline text="B" xmlUrl="https://b.example/rss"/></outline>
    <outline text="dup" xmlUrl="https://a.example/feed.xml"/><outline text="ftp" xmlUrl="ftp://c.example/x"/>
    </body></opml>"""
    assert feed_urls(opml, origin="desk.opml") == ["https://a.example/feed.xml", "https://b.example/rss"]
    bomb = b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(InputError, match="DOCTYPE"):
        feed_urls(bomb, origin="bomb.opml")
    with pytest.raises(InputError, match="no http"):
        feed_urls(b"<opml><body><outline text='x'/></body></opml>", origin="empty.opml")


@pytest.mark.model
def test_cli_watch_once_stores_extracted_articles_and_state(server: WatchServer, tmp_path: Path) -> None:
    server.feed("/g.xml", "Harbour Times", items(server, range(1, 3)))
    opml = tmp_path / "desk.opml"
    opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{server.url("/g.xml")}"/></body></opml>')
    db = f"sqlite:///{tmp_path}/cli.db"
    args = ["watch", str(opml), "--once", "--allow-private", "--host-delay", "0", "--db", db]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Harbour Times" in first.output
    with Store.open(db) as store:
        assert len(store.extracted_ids()) == 2
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0
    assert "unchanged" in second.output


def test_cli_watch_refuses_a_source_that_is_neither_url_nor_opml(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nope.opml"), "--once", "--db", f"{tmp_path}/x.db"])
    assert result.exit_code == 1
    assert "not a feed URL and not an OPML file" in result.output
