"""Feeds from local files: entries with full text, entries fetched by link, bad feeds."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from sitrep.ingest import Article, Failure, IngestOptions, iter_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PUBLIC_IP = "93.184.216.34"
PAGE = (
    "<html><head><title>Harbour wall</title></head><body><article>"
    + "<p>Work on the harbour wall at Brackwater will begin on Monday, the council said, "
    "and the north quay will be closed to boats for about six weeks.</p>" * 3 + "</article></body></html>"
)
LONG = " ".join(["Snow closed the mountain pass at Hollin for the second day running."] * 9)


def options(pages: dict[str, str | int], dns: dict[str, list[str]] | None = None) -> IngestOptions:
    """Options whose mock web serves ``pages`` (URL -> HTML, or an HTTP status)."""

    def handle(request: httpx.Request) -> httpx.Response:
        url = f"{request.url.scheme}://{request.headers['host']}{request.url.raw_path.decode()}"
        page = pages.get(url, 404)
        if isinstance(page, int):
            return httpx.Response(page)
        return httpx.Response(200, headers={"content-type": "text/html"}, content=page.encode())

    def resolve(host: str) -> list[str]:
        if dns and host in dns:
            return dns[host]
        if host.endswith(".example.org"):
            return [PUBLIC_IP]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    return IngestOptions(transport=httpx.MockTransport(handle), resolver=resolve)


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_rss_fixture_uses_summary_or_fetches_link() -> None:
    path = str(FIXTURES / "feed.rss")
    items = list(iter_articles([path], options({"https://wire.example.org/harbour-wall": PAGE})))
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.origin == f"{path}#entry-1"
    assert first.text.startswith("A lighthouse keeper on the northern cape")
    assert "<p>" not in first.text
    assert first.title == "Lighthouse keeper rescues two sailors"
    assert first.published == "2023-08-12T18:30:00+01:00"
    assert first.source == "Coastal Wire"
    assert first.url == "https://wire.example.org/lighthouse"
    assert first.language == "en"
    assert second.origin == f"{path}#entry-2"
    assert second.text.startswith("Work on the harbour wall at Brackwater")
    assert second.title == "Harbour wall repairs to start"  # the entry's, not the page's
    assert second.source == "Coastal Wire"
    assert second.published == "2023-08-11T09:00:00+01:00"


def test_atom_feed_with_html_content(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Mountain Desk</title>
  <id>urn:example:desk</id>
  <updated>2024-01-09T12:00:00Z</updated>
  <entry>
    <title type="html">Pass &lt;b&gt;closed&lt;/b&gt; again</title>
    <id>urn:example:1</id>
    <link href="https://desk.example.org/pass"/>
    <updated>2024-01-09T11:00:00Z</updated>
    <content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content>
  </entry>
</feed>"""
    path = write(tmp_path, "desk.atom", atom)
    [article] = list(iter_articles([path], options({})))
    assert isinstance(article, Article)
    assert article.text == LONG
    assert article.title == "Pass closed again"
    assert article.published == "2024-01-09T11:00:00+00:00"
    assert article.source == "Mountain Desk"
    assert article.url == "https://desk.example.org/pass"


def test_feed_language_is_the_fallback_when_detection_abstains(tmp_path: Path) -> None:
    rss = """<rss version="2.0"><channel><title>Nums</title><language>de-DE</language>
<item><title>Table</title><description>12 34 56 78 90 12 34</description></item></channel></rss>"""
    [article] = list(iter_articles([write(tmp_path, "n.xml", rss)], options({})))
    assert isinstance(article, Article) and article.language == "de"


def test_entry_failures_are_per_entry(tmp_path: Path) -> None:
    rss = """<rss version="2.0"><channel><title>Mixed</title>
<item><title>Gone</title><link>https://mixed.example.org/gone</link><description>x</description></item>
<item><title>Private</title><link>http://192.168.1.10/x</link></item>
<item><title>Empty</title></item>
<item><title>Ok</title><link>https://mixed.example.org/ok</link></item>
<item><title>Feed</title><link>https://mixed.example.org/feed</link></item>
</channel></rss>"""
    path = write(tmp_path, "mixed.rss", rss)
    pages: dict[str, str | int] = {
        "https://mixed.example.org/ok": PAGE,
        "https://mixed.example.org/gone": 404,
    }
    opts = options(pages)
    inner = opts.transport

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=rss.encode())
        return inner.handle_request(request)  # type: ignore[union-attr]

    opts.transport = httpx.MockTransport(handle)
    items = list(iter_articles([path], opts))
    assert [(item.origin.rsplit("#", 1)[1], type(item).__name__) for item in items] == [
        ("entry-1", "Failure"),
        ("entry-2", "Failure"),
        ("entry-3", "Failure"),
        ("entry-4", "Article"),
        ("entry-5", "Failure"),
    ]
    messages = [item.message for item in items if isinstance(item, Failure)]
    assert messages[0] == "HTTP 404 Not Found"
    assert messages[1].startswith("refused to connect to 192.168.1.10: private address")
    assert messages[2] == "feed entry has no text and no link"
    assert messages[3] == "entry link https://mixed.example.org/feed is a feed, not an article"


def test_short_entry_without_link_keeps_its_summary(tmp_path: Path) -> None:
    rss = """<rss version="2.0"><channel><title>Briefs</title>
<item><title>Brief</title>
<description>The ferry to Valsk is cancelled on Friday because of fog.</description></item>
</channel></rss>"""
    [article] = list(iter_articles([write(tmp_path, "b.rss", rss)], options({})))
    assert isinstance(article, Article)
    assert article.text == "The ferry to Valsk is cancelled on Friday because of fog."
    assert article.url is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<rss><channel><title>broken", "malformed feed ("),
        ("this is not xml at all", "malformed feed ("),
        ('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "feed has no entries"),
    ],
)
def test_bad_feeds(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "bad.xml", content)
    [failure] = list(iter_articles([path], options({})))
    assert isinstance(failure, Failure) and failure.origin == path
    assert failure.message.startswith(message)


def test_truncated_feed_keeps_the_entries_it_has(tmp_path: Path) -> None:
    content = f"<rss><channel><item><title>Cut</title><description>{LONG}</description></item><item><ti"
    article = next(iter_articles([write(tmp_path, "cut.rss", content)], options({})))
    assert isinstance(article, Article) and article.text == LONG


def test_feed_file_problems_are_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b"")
    big = tmp_path / "big.xml"
    big.write_bytes(b"<rss>" + b" " * 2000 + b"</rss>")
    items = list(iter_articles([str(empty), str(big)], IngestOptions(max_bytes=1000)))
    assert [item.message for item in items if isinstance(item, Failure)] == [
        "empty file",
        "file too large (2,011 bytes; the limit is 1,000 bytes)",
    ]
