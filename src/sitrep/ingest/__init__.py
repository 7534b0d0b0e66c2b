"""Ingest: turn sources (files, directories, URLs, feeds) into articles, safely.

    from sitrep.ingest import iter_articles, IngestOptions, Article, Failure

    for item in iter_articles(["articles/", "https://example.org/feed.xml"]):
        if isinstance(item, Failure):
            print(item.origin, item.message)
        else:
            process(item)              # item.text is what offsets index

One bad item (an unreadable file, a broken JSONL line, an unreachable URL) becomes one
:class:`Failure` naming its origin and the problem; the rest of the batch goes on.

Modules, one concern each: :mod:`.model` (Article, Failure, IngestOptions),
:mod:`.sources` (dispatch, directory walking, counting), :mod:`.text` and
:mod:`.frontmatter` (text files), :mod:`.html`, :mod:`.jsonl`, :mod:`.feed`,
:mod:`.fetch` and :mod:`.addresses` (safe HTTP), :mod:`.decoding`, :mod:`.files`,
:mod:`.fields` (metadata checks), :mod:`.language` (codes and detection),
:mod:`.sniff` (recognising feeds and HTML by content).
"""

from sitrep.ingest.model import Article, Failure, IngestOptions
from sitrep.ingest.sources import count_items, iter_articles
from sitrep.ingest.text import read_text_file

__all__ = [
    "Article",
    "Failure",
    "IngestOptions",
    "count_items",
    "iter_articles",
    "read_text_file",
]
