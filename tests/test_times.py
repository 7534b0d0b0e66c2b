"""Date expressions and their calendar values (sitrep.layers.times.stage)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.layers.times.calendar import decade_period, quarter_period, season_period, week_period
from sitrep.layers.times.stage import TimeMention, find_times

PUBLISHED = date(2024, 10, 28)  # a Monday
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def only(text: str, published: date | None = PUBLISHED) -> TimeMention:
    found = find_times(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "granularity"),
    [
        # absolute dates in the common forms
        ("It happened on October 4, 2023, near the border.", "October 4, 2023", "2023-10-04", "2023-10-04", "day"),
        ("It happened on 4 October 2023 near the border.", "4 October 2023", "2023-10-04", "2023-10-04", "day"),
        ("It happened on Oct. 4, 2023, near the border.", "Oct. 4, 2023", "2023-10-04", "2023-10-04", "day"),
        ("It happened on the 4th of October 2023.", "the 4th of October 2023", "2023-10-04", "2023-10-04", "day"),
        ("The file is dated 2023-10-04.", "2023-10-04", "2023-10-04", "2023-10-04", "day"),
        ("The file is dated 10/04/2023.", "10/04/2023", "2023-10-04", "2023-10-04", "day"),
        ("The file is dated 25.12.2023.", "25.12.2023", "2023-12-25", "2023-12-25", "day"),
        ("It began on Monday, May 18, 2015, at dawn.", "Monday, May 18, 2015", "2015-05-18", "2015-05-18", "day"),
        # year-less dates: closest before the publication day, or after it when the clause is future
        ("On October 4, the paper reported the strike.", "October 4", "2024-10-04", "2024-10-04", "day"),
        ("Talks were held on December 12.", "December 12", "2023-12-12", "2023-12-12", "day"),
        ("The offer will expire on Nov. 6.", "Nov. 6", "2024-11-06", "2024-11-06", "day"),
        ("The troops will be used on October 27-28.", "October 27-28", "2024-10-27", "2024-10-28", "day"),
        # ranges
        ("Fighting raged from 1 to 3 March 2024.", "1 to 3 March 2024", "2024-03-01", "2024-03-03", "day"),
        ("Fighting raged on October 27-28.", "October 27-28", "2024-10-27", "2024-10-28", "day"),
        ("Fighting raged on 27-28 October.", "27-28 October", "2024-10-27", "2024-10-28", "day"),
        (
            "Fighting raged from 30 September to 2 October.",
            "30 September to 2 October",
            "2024-09-30",
            "2024-10-02",
            "day",
        ),
        ("Production fell in 2019-2021.", "2019-2021", "2019-01-01", "2021-12-31", "year"),
        # months, seasons, years, decades, quarters
        ("The siege began in March 2022.", "March 2022", "2022-03-01", "2022-03-31", "month"),
        ("The siege began in March.", "March", "2024-03-01", "2024-03-31", "month"),
        ("The siege began in early September.", "early September", "2024-09-01", "2024-09-30", "month"),
        ("The siege began last April.", "last April", "2024-04-01", "2024-04-30", "month"),
        ("The siege began in January last year.", "January last year", "2023-01-01", "2023-01-31", "month"),
        ("The offensive began in the summer of 2023.", "the summer of 2023", "2023-06-01", "2023-08-31", "season"),
        ("The offensive began last fall.", "last fall", "2023-09-01", "2023-11-30", "season"),
        ("The offensive will resume this winter.", "this winter", "2024-12-01", "2025-02-28", "season"),
        ("The treaty was signed in 1995.", "1995", "1995-01-01", "1995-12-31", "year"),
        ("The treaty was signed in mid-1996.", "mid-1996", "1996-01-01", "1996-12-31", "year"),
        ("The treaty was signed in nineteen ninety-six.", "nineteen ninety-six", "1996-01-01", "1996-12-31", "year"),
        ("The war of the 1990s left scars.", "the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("The war of the late '80s left scars.", "the late '80s", "1980-01-01", "1989-12-31", "decade"),
        (
            "Output rose in the third quarter of 2023.",
            "the third quarter of 2023",
            "2023-07-01",
            "2023-09-30",
            "season",
        ),
        ("Output rose in the third quarter.", "the third quarter", "2024-07-01", "2024-09-30", "season"),
        ("Output rose in Q2 2023.", "Q2 2023", "2023-04-01", "2023-06-30", "season"),
        ("Output rose in the first half of 2023.", "the first half of 2023", "2023-01-01", "2023-06-30", "season"),
        # relative to the publication day (2024-10-28, a Monday)
        ("The strike happened yesterday.", "yesterday", "2024-10-27", "2024-10-27", "day"),
        ("Earlier today, the minister spoke.", "Earlier today", "2024-10-28", "2024-10-28", "day"),
        ("The strike happened yesterday afternoon.", "yesterday afternoon", "2024-10-27", "2024-10-27", "day"),
        ("The talks resume tomorrow.", "tomorrow", "2024-10-29", "2024-10-29", "day"),
        ("The strike happened last night.", "last night", "2024-10-27", "2024-10-27", "day"),
        ("The strike happened on Friday.", "Friday", "2024-10-25", "2024-10-25", "day"),
        ("The talks will resume on Thursday.", "Thursday", "2024-10-31", "2024-10-31", "day"),
        ("The ministers met last Tuesday.", "last Tuesday", "2024-10-22", "2024-10-22", "day"),
        ("The ministers meet next Tuesday.", "next Tuesday", "2024-10-29", "2024-10-29", "day"),
        ("The strike happened two days ago.", "two days ago", "2024-10-26", "2024-10-26", "day"),
        ("The strike happened a week ago.", "a week ago", "2024-10-21", "2024-10-27", "week"),
        ("The strike happened last week.", "last week", "2024-10-21", "2024-10-27", "week"),
        ("The talks take place this week.", "this week", "2024-10-28", "2024-11-03", "week"),
        ("The talks take place next week.", "next week", "2024-11-04", "2024-11-10", "week"),
        ("The strike happened earlier this month.", "earlier this month", "2024-10-01", "2024-10-31", "month"),
        ("The strike happened last month.", "last month", "2024-09-01", "2024-09-30", "month"),
        ("The talks take place next month.", "next month", "2024-11-01", "2024-11-30", "month"),
        ("Prices rose this year.", "this year", "2024-01-01", "2024-12-31", "year"),
        ("Prices rose last year.", "last year", "2023-01-01", "2023-12-31", "year"),
        ("Prices rose two years ago.", "two years ago", "2022-01-01", "2022-12-31", "year"),
        ("Prices rose over the last decade.", "the last decade", "2010-01-01", "2019-12-31", "decade"),
    ],
)
def test_expression_value(sentence: str, expression: str, start: str, end: str, granularity: str) -> None:
    mention = only(sentence)
    assert mention.text == expression
    assert sentence[mention.start : mention.end] == expression
    assert mention.iso == (start, end)
    assert mention.granularity == granularity


@pytest.mark.parametrize(
    ("sentence", "expression", "granularity"),
    [
        ("The strike happened yesterday.", "yesterday", "day"),
        ("The strike happened on Friday.", "Friday", "day"),
        ("The strike happened last week.", "last week", "week"),
        ("The strike happened two days ago.", "two days ago", "day"),
        ("The strike happened last month.", "last month", "month"),
    ],
)
def test_without_publication_date_relative_expressions_are_null(
    sentence: str, expression: str, granularity: str
) -> None:
    mention = only(sentence, published=None)
    assert mention.text == expression
    assert mention.iso == (None, None)
    assert mention.relative is True
    assert mention.granularity == granularity


def test_without_publication_date_absolute_dates_keep_their_value() -> None:
    mention = only("The treaty was signed on 4 October 2023.", published=None)
    assert mention.iso == ("2023-10-04", "2023-10-04")
    assert mention.relative is False


def test_yearless_date_takes_year_from_text_without_publication_date() -> None:
    found = find_times("The war began on 2 March 2022. On March 9, talks failed.", None)
    assert [m.iso for m in found] == [("2022-03-02", "2022-03-02"), ("2022-03-09", "2022-03-09")]


def test_relative_flag() -> None:
    assert only("The strike happened yesterday.").relative is True
    assert only("On October 4, the paper reported it.").relative is False
    assert only("The treaty was signed in 1995.").relative is False


def test_today_inside_a_quote_is_the_day_it_was_spoken() -> None:
    text = '"Today we confirm the deployment," the minister said on Friday.'
    found = {m.text: m.iso for m in find_times(text, PUBLISHED)}
    assert found["Friday"] == ("2024-10-25", "2024-10-25")
    assert found["Today"] == ("2024-10-25", "2024-10-25")


def test_today_inside_a_quote_without_a_speech_day_is_the_publication_day() -> None:
    text = '"Today I can confirm the deployment," Rutte stated.'
    assert only(text).iso == ("2024-10-28", "2024-10-28")


def test_anaphoric_expressions_follow_the_last_mentioned_time() -> None:
    text = "The plant opened in 1998. The following year it doubled output. A year earlier, it was a field."
    found = {m.text: m.iso for m in find_times(text, PUBLISHED)}
    assert found["1998"] == ("1998-01-01", "1998-12-31")
    assert found["The following year"] == ("1999-01-01", "1999-12-31")
    assert found["A year earlier"] == ("1998-01-01", "1998-12-31")


def test_quarter_anaphora() -> None:
    text = "Profit rose in the third quarter. In the year-ago quarter, it fell. Sales in the quarter rose."
    found = [m.iso for m in find_times(text, PUBLISHED)]
    assert found == [("2024-07-01", "2024-09-30"), ("2023-07-01", "2023-09-30"), ("2024-07-01", "2024-09-30")]


@pytest.mark.parametrize(
    "sentence",
    [
        "She was jailed for twelve years.",  # a duration
        "The talks lasted two weeks.",
        "Prices may rise.",  # the modal, not the month
        "The fall of the city shocked everyone.",
        "It joined the Arab Spring protests.",
        "He spoke on This Week with the host.",
        "He flew Flight 1901 to the capital.",
        "Over 2000 soldiers crossed the river.",
        "Things are different now.",
    ],
)
def test_not_date_expressions(sentence: str) -> None:
    assert find_times(sentence, PUBLISHED) == []


def test_spans_index_the_text() -> None:
    text = "On Friday, 20 soldiers died; on October 4 and in 2023 more followed, and next week talks start."
    for mention in find_times(text, PUBLISHED):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        (week_period(date(2024, 10, 30)), date(2024, 10, 28), date(2024, 11, 3)),
        (season_period(2023, "winter"), date(2023, 12, 1), date(2024, 2, 29)),
        (quarter_period(2024, 4), date(2024, 10, 1), date(2024, 12, 31)),
        (decade_period(1987), date(1980, 1, 1), date(1989, 12, 31)),
    ],
)
def test_calendar_periods(period, first: date, last: date) -> None:  # type: ignore[no-untyped-def]
    assert (period.start, period.end) == (first, last)


DATE_FORMATS = [
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{ABBREVIATIONS[d.month - 1]} {d.day}, {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"the {d.day}th of {MONTHS[d.month - 1]} {d.year}",
]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(DATE_FORMATS))
def test_any_written_date_reads_back(day: date, formatting) -> None:  # type: ignore[no-untyped-def]
    written = formatting(day)
    if "the 1th" in written or "the 2th" in written or "the 3th" in written:
        written = written.replace("1th", "1st").replace("2th", "2nd").replace("3th", "3rd")
    mention = only(f"The decree was signed on {written} in the capital.")
    assert mention.iso == (day.isoformat(), day.isoformat())


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=1, max_value=9))
def test_days_ago_counts_back_from_publication(published: date, days: int) -> None:
    words = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    mention = only(f"The strike came {words[days]} days ago.", published)
    expected = (published - timedelta(days=days)).isoformat()
    assert mention.iso == (expected, expected)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_weekday_name_is_within_the_week_before_publication(published: date) -> None:
    mention = only("The strike came on Wednesday.", published)
    day = date.fromisoformat(mention.iso[0])  # type: ignore[arg-type]
    assert day.weekday() == 2
    assert timedelta(0) <= published - day < timedelta(days=7)
