"""Hostile servers on loopback: bombs are cut off as they stream, slow servers meet one deadline."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile_server import hostile_server
from sitrep.ingest import Article, Failure, IngestOptions, iter_articles
from sitrep.ingest.decompress import BoundedDecoder


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with hostile_server() as url:
        yield url


def fetch(url: str, **options: object) -> Article | Failure:
    [item] = list(iter_articles([url], IngestOptions(allow_private=True, **options)))  # type: ignore[arg-type]
    return item


def test_a_normal_page_still_comes_through(base: str) -> None:
    assert isinstance(fetch(f"{base}/page"), Article)


@pytest.mark.parametrize("path", ["/gzip-gzip", "/deflate", "/raw-deflate"])
def test_compression_bombs_are_cut_off_while_they_stream(base: str, path: str) -> None:
    tracemalloc.start()
    try:
        failure = fetch(f"{base}{path}", max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(failure, Failure)
    assert failure.message.startswith("response too large (more than 1,000,000 bytes")
    assert peak < 12_000_000  # a few times the cap, not the 50 MB the bomb holds


def test_a_server_trickling_its_headers_meets_the_total_deadline(base: str) -> None:
    failure = fetch(f"{base}/slow-headers", timeout=0.3)
    assert isinstance(failure, Failure) and failure.message.startswith("timed out")


def test_a_trickling_body_meets_the_same_deadline(base: str) -> None:
    failure = fetch(f"{base}/slow-body", timeout=0.3)
    assert isinstance(failure, Failure) and failure.message.startswith("timed out")


def test_a_feed_of_stalling_links_has_one_deadline_for_all(base: str, tmp_path: Path) -> None:
    items = "".join(f"<item><title>Story {n}</title><link>{base}/slow-headers?{n}</link></item>" for n in range(8))
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>')
    found = list(iter_articles([str(feed)], IngestOptions(allow_private=True, timeout=0.2, feed_timeout=0.5)))
    assert len(found) == 8 and all(isinstance(item, Failure) for item in found)
    messages = [item.message for item in found if isinstance(item, Failure)]
    assert messages[0].startswith("timed out")
    assert messages[-1] == "link not fetched: the feed's links took 0.5 s in all (the limit)"


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, compress"])
def test_unknown_content_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(Exception, match="unsupported content encoding"):
        BoundedDecoder(encoding, 1000)


def test_stacked_encodings_decode_in_the_right_order() -> None:
    import gzip
    import zlib

    body = zlib.compress(gzip.compress(b"hello world"))  # gzip applied first, then deflate
    decoder = BoundedDecoder("gzip, deflate", 1000)
    assert decoder.feed(body[:5]) + decoder.feed(body[5:]) + decoder.finish() == b"hello world"


def test_corrupt_compressed_data_is_a_clean_error() -> None:
    decoder = BoundedDecoder("gzip", 1000)
    with pytest.raises(Exception, match="cannot decode the response"):
        decoder.feed(b"\x1f\x8b\x08\x00garbage-garbage")
