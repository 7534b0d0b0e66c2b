"""Hostile HTML and feeds: every page ends in text or one clear error, in bounded time."""

from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.html import article_from_html, html_fragment_to_text
from sitrep.ingest.markup import MAX_TAG_ATTRIBUTES, check_html_bounds

BODY = "<p>" + "Rescue teams reached the flooded villages north of Marren on Thursday, the county said. " * 5 + "</p>"


def page(inside: str = "", tag_attributes: str = "") -> bytes:
    return f"<html><head><title>Floods</title></head><body><div {tag_attributes}>{inside}{BODY}</div></body></html>".encode()


@pytest.mark.parametrize(
    "attributes",
    [
        " ".join(f"a{i}=1" for i in range(40_000)),
        " ".join(f"a{i}" for i in range(200_000)),
        " ".join(f'a{i}=">"' for i in range(50_000)),  # a ">" inside quotes does not end the tag
        "".join(f'a{i}="x"' for i in range(50_000)),  # no spaces between attributes
    ],
)
def test_a_tag_with_very_many_attributes_is_refused_before_parsing(attributes: str) -> None:
    with pytest.raises(InputError, match=r"HTML tag at byte \d+ has [\d,]+ attributes \(more than 1,000"):
        article_from_html(page(tag_attributes=attributes), origin="x.html")


def test_a_tag_just_under_the_attribute_cap_is_parsed() -> None:
    attributes = " ".join(f'data-k{i}="v {i} w"' for i in range(MAX_TAG_ATTRIBUTES))
    check_html_bounds(page(tag_attributes=attributes))
    assert "Marren" in article_from_html(page(tag_attributes=attributes), origin="x.html").text


def test_one_huge_attribute_value_is_parsed() -> None:
    article = article_from_html(page(tag_attributes=f'title="{"a b " * 500_000}"'), origin="x.html")
    assert "Marren" in article.text


def test_one_enormous_line_of_text() -> None:
    article = article_from_html(page(inside="<p>" + "word " * 400_000 + "</p>"), origin="x.html")
    assert len(article.text) > 1_000_000


def test_deep_nesting_is_a_clear_error_or_text() -> None:
    html = ("<html><body>" + "<div>" * 100_000 + BODY + "</div>" * 100_000 + "</body></html>").encode()
    try:
        article = article_from_html(html, origin="x.html")
    except InputError as exc:
        assert "no article text" in str(exc)
    else:
        assert "Marren" in article.text


@pytest.mark.parametrize(
    "html",
    [
        b"\x00\x00<html>" + BODY.encode(),
        b"<html><meta charset='utf-8'><body>\xff\xfe\xfa" + BODY.encode() + b"</body></html>",  # lying charset
        b"<html><meta charset='no-such-charset'><body>" + BODY.encode() + b"</body></html>",
        b"<html><meta charset='utf-16'><body>" + BODY.encode() + b"</body></html>",
        b"<html><body><p>\xef\xbb\xbf\xe2\x80\xae\xe2\x80\x8d\xcc\x81</p>" + BODY.encode() + b"</body></html>",
        b"<" * 100_000,
        b"<!--" * 50_000,
        b"<![CDATA[" * 20_000,
        b"&#x110000;&#0;&#xd800;" * 1000 + BODY.encode(),
    ],
)
def test_broken_pages_give_text_or_a_clear_error(html: bytes) -> None:
    try:
        article = article_from_html(html, origin="x.html")
    except InputError as exc:
        assert str(exc)
    else:
        assert "\x00" not in article.text


def test_scripts_and_iframes_never_become_text() -> None:
    inside = "<script>alert('x')</script><iframe src='javascript:alert(1)'>frame text</iframe><style>p{}</style>"
    article = article_from_html(page(inside=inside), origin="x.html")
    assert "alert" not in article.text and "p{}" not in article.text


def test_fragments_with_many_attributes_stay_linear() -> None:
    text = html_fragment_to_text("<p " + " ".join(f"a{i}=1" for i in range(100_000)) + ">Marren</p>")
    assert text == "Marren"


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>
<rss version="2.0"><channel><title>&g;</title><item><title>t</title><description>&g;</description></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>W</title><item><title>t</title><description>&x; body</description></item></channel></rss>"""


@pytest.mark.parametrize("data", [LAUGHS, XXE])
def test_entity_tricks_in_feeds_are_inert(data: bytes) -> None:
    try:
        feed = parse_feed(data)
    except InputError:
        return
    for entry in feed.entries:
        assert "root:" not in str(entry) and str(entry).count("lol") < 10_000
