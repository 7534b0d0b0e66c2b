"""The times layer: date expressions with calendar values.

``find_times(text, published)`` finds every date expression by the rules in
``resources/times_grammar.json`` (word lists in ``times_lexicon.json``) and resolves each
to a :class:`~sitrep.layers.times.calendar.Period`: absolute dates as written, year-less dates
closest before the publication date unless the clause speaks of the future, deictic
expressions ("yesterday", "last week", "two days ago") from the publication date, and
anaphoric ones ("the following year", "a year earlier", "the quarter") from the time the
text last mentioned. "Today" inside a quotation takes the day the quote was spoken when
the attribution names it. Without a publication date, deictic expressions keep their
span with null values and ``relative`` set; nothing is guessed from the clock.

``run(analysis)`` writes the mentions into ``analysis.extraction.times``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sitrep.analysis import Analysis
from sitrep.errors import ResourceError
from sitrep.layers.figures.numbers import resource_json
from sitrep.layers.times import calendar as cal
from sitrep.layers.times.calendar import Period
from sitrep.model import Time

LEXICON_FILE = "times_lexicon.json"
GRAMMAR_FILE = "times_grammar.json"
SentenceSpans = Sequence[tuple[int, int]]
MONTH_PREPOSITIONS = (
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "through",
    "from",
    "before",
    "after",
    "of",
    "between",
    "early",
    "late",
)
WINDOW_BEFORE, WINDOW_AFTER = 60, 80  # how far a rule may reach around its trigger word
FUTURE_PULL = 3  # a year-less date is read as future only when that is 3 times nearer than the past reading
FUTURE_GRACE_DAYS = 7  # "will be used on October 27" in a story dated October 28 was written days before
QUARTER_LOOKAHEAD_DAYS = 45  # "the first quarter" in late December is the coming one
QUARTER_FOCUS_CHARS = 1500  # "a year ago" compares with a quarter named this recently


@dataclass(frozen=True)
class TimeMention:
    """A date expression: its span, what it denotes (None when unknown) and how it was read."""

    start: int
    end: int
    text: str
    period: Period | None
    granularity: str
    relative: bool
    rule: str

    @property
    def iso(self) -> tuple[str | None, str | None]:
        """(start, end) as ISO dates, or (None, None)."""
        if self.period is None:
            return None, None
        return self.period.start.isoformat(), self.period.end.isoformat()


@dataclass(frozen=True)
class _Reading:
    period: Period | None
    granularity: str
    relative: bool


@dataclass(frozen=True)
class _Rule:
    name: str
    priority: int
    pattern: re.Pattern[str]
    trigger: re.Pattern[str]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: str
    priority: int
    match: re.Match[str]


class _Grammar:
    """Lexicon and compiled rules, built once."""

    def __init__(self) -> None:
        self.lex: dict[str, Any] = resource_json(LEXICON_FILE)
        grammar = resource_json(GRAMMAR_FILE)
        self.months: dict[str, int] = self.lex["months"]
        self.weekdays: dict[str, int] = self.lex["weekdays"]
        self.ordinal_days: dict[str, int] = self.lex["ordinal_days"]
        self.future_cues = _phrase_pattern(self.lex["future_cues"])
        self.past_cues = _phrase_pattern(self.lex["past_cues"])
        self.strong_future_cues = _phrase_pattern(self.lex["strong_future_cues"])
        macros = dict(grammar["macros"])
        macros.update(
            {
                "MONTH": _names(self.months, case_sensitive=True),
                "WEEKDAY": _names(self.weekdays, case_sensitive=True),
                "ORDINAL_DAY": _names(self.ordinal_days),
                "SEASON": _names(self.lex["seasons"]),
                "DAY_PART": _names(self.lex["day_parts"]),
                "COUNT": _names(self.lex["counts"]),
                "DECADE_WORD": _names(self.lex["decade_words"]),
            }
        )
        self.rules: list[_Rule] = []
        for rule in grammar["rules"]:
            try:
                pattern = re.compile(_expand(rule["pattern"], macros), re.IGNORECASE)
                trigger = re.compile(_expand(rule["trigger"], macros), re.IGNORECASE)
            except (re.error, KeyError) as exc:
                raise ResourceError(f"{GRAMMAR_FILE}: rule {rule.get('name')!r} does not compile ({exc})") from exc
            self.rules.append(_Rule(rule["name"], int(rule.get("priority", 0)), pattern, trigger))

    def month(self, word: str) -> int:
        return self.months[_name_key(word, self.months)]

    def weekday(self, word: str) -> int:
        return self.weekdays[_name_key(word, self.weekdays)]

    def day(self, word: str) -> int:
        lowered = word.lower()
        if lowered in self.ordinal_days:
            return self.ordinal_days[lowered]
        return int(re.match(r"\d+", lowered).group(0))  # type: ignore[union-attr]


def _name_key(word: str, table: dict[str, int]) -> str:
    if word in table:
        return word
    folded = {key.lower(): key for key in table}
    return folded[word.lower()]


def _names(words: Any, case_sensitive: bool = False) -> str:
    """A regex alternation of ``words``, longest first, each ending at a word edge."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(escaped if word.endswith(".") else escaped + r"(?![A-Za-z])")
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w-])", re.IGNORECASE)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        expanded = re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{macros[m.group(1)]})", pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    return pattern


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """The time grammar, loaded once."""
    return _Grammar()


# --------------------------------------------------------------------------- finding


def find_times(text: str, published: date | None, sentences: SentenceSpans | None = None) -> list[TimeMention]:
    """Every date expression in ``text``, resolved against the publication day ``published``."""
    spans = list(sentences) if sentences is not None else _rough_sentences(text)
    resolver = _Resolver(text, published, spans)
    candidates = _select(_candidates(text), lambda c: _Resolver(text, published, spans).resolve(c) is not None)
    mentions = []
    for candidate in candidates:
        resolver.candidates[(candidate.start, candidate.end)] = candidate
        mention = resolver.resolve(candidate)
        if mention is not None:
            mentions.append(mention)
    return _reanchor_quoted(text, mentions, resolver, spans)


def _windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of text around the trigger words of a rule, merged where they touch."""
    windows: list[tuple[int, int]] = []
    for hit in trigger.finditer(text):
        start, end = max(0, hit.start() - WINDOW_BEFORE), min(len(text), hit.end() + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for rule in grammar().rules:
        name, priority, pattern = rule.name, rule.priority, rule.pattern
        for match in (m for start, end in _windows(text, rule.trigger) for m in pattern.finditer(text, start, end)):
            start, end = match.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start or not _word_edges(text, start, end):
                continue
            found.append(_Candidate(start, end, name, priority, match))
    return found


def _word_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not (after.isalnum() and text[end - 1].isalnum())


def _select(candidates: list[_Candidate], acceptable: Callable[[_Candidate], bool]) -> list[_Candidate]:
    """Non-overlapping acceptable candidates: longest first, then higher priority, then earliest."""
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if all(candidate.end <= other.start or other.end <= candidate.start for other in chosen) and acceptable(
            candidate
        ):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans for callers without a parse: split after . ! ? (not after titles or initials) and at line breaks."""
    spans, start = [], 0
    for match in re.finditer(
        r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b(?:Mr|Dr|Ms|St|Jr|Sr))[.!?]['\"\u201d]?\s+(?=[A-Z\"\u201c'`])|\n+", text
    ):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


class _Reject(Exception):
    """A rule matched text that is not a date expression here."""


# --------------------------------------------------------------------------- resolving


class _Resolver:
    """Reads candidates in text order, keeping the reference times anaphora need."""

    def __init__(self, text: str, published: date | None, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.published = published
        self.anchor = published
        self.sentences = sentences
        self.g = grammar()
        self.last: Period | None = None
        self.last_quarter: Period | None = None
        self.last_quarter_at = -10_000
        self.narrative_year: int | None = None
        self.position = 0
        self.candidates: dict[tuple[int, int], _Candidate] = {}

    def resolve(self, candidate: _Candidate, anchor: date | None = None) -> TimeMention | None:
        method: Callable[[re.Match[str]], _Reading] = getattr(self, f"_rule_{candidate.rule}")
        self.position = candidate.start
        saved = self.anchor
        if anchor is not None:
            self.anchor = anchor
        try:
            reading = method(candidate.match)
        except _Reject:
            return None
        finally:
            self.anchor = saved
        if reading.period is not None:
            self.last = reading.period
        return TimeMention(
            candidate.start,
            candidate.end,
            self.text[candidate.start : candidate.end],
            reading.period,
            reading.granularity,
            reading.relative,
            candidate.rule,
        )

    # ---- context helpers

    def _sentence(self) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= self.position < end:
                return start, end
        return 0, len(self.text)

    def _tense(self, match: re.Match[str]) -> bool | None:
        """True when the clause before the match speaks of the future, False for the past, None when silent.

        The tense cue nearest before the expression in its sentence decides.
        """
        start, _ = self._sentence()
        before = self.text[start : match.start()]
        cues = [(m.end(), True) for m in self.g.future_cues.finditer(before)]
        cues += [(m.end(), False) for m in self.g.past_cues.finditer(before)]
        return max(cues)[1] if cues else None

    def _future(self, match: re.Match[str]) -> bool:
        return self._tense(match) is True

    def _plainly_future(self, match: re.Match[str]) -> bool:
        """A strong future cue ("will", "is to", "next") and no past cue before the expression in its sentence."""
        start, _ = self._sentence()
        before = self.text[start : match.start()]
        return bool(self.g.strong_future_cues.search(before)) and not self.g.past_cues.search(before)

    def _reference(self) -> date | None:
        """The day year-less dates are read against: the publication day, else the text's last year."""
        if self.anchor is not None:
            return self.anchor
        if self.narrative_year is not None:
            return date(self.narrative_year, 12, 31)
        return None

    def _year_of(self, word: str) -> int:
        year = _year_value(word)
        self.narrative_year = year
        return year

    def _unknown(self, granularity: str) -> _Reading:
        return _Reading(None, granularity, True)

    # ---- absolute dates

    def _rule_iso_date(self, m: re.Match[str]) -> _Reading:
        return _Reading(
            cal.day_period(_safe_date(self._year_of(m["year"]), int(m["month"]), int(m["day"]))), "day", False
        )

    def _rule_numeric_date(self, m: re.Match[str]) -> _Reading:
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
        return _Reading(cal.day_period(_safe_date(self._year_of(m["year"]), month, day)), "day", False)

    def _rule_month_day(self, m: re.Match[str]) -> _Reading:
        month, day = self.g.month(m["month"]), self.g.day(m["day"])
        if m["month"] in self.g.lex["ambiguous_months"] and m["day"].isalpha() and not (m["year"] or m["weekday"]):
            raise _Reject
        month2 = self.g.month(m["month2"]) if m["month2"] else month
        day2 = m["day2a"] or m["day2"]
        return self._day_range(m, month, day, month2, self.g.day(day2) if day2 else None)

    def _rule_day_month(self, m: re.Match[str]) -> _Reading:
        month, day = self.g.month(m["month"]), self.g.day(m["day"])
        return self._day_range(m, month, day, month, self.g.day(m["day2"]) if m["day2"] else None)

    def _rule_day_month_range(self, m: re.Match[str]) -> _Reading:
        return self._day_range(
            m, self.g.month(m["month"]), self.g.day(m["day"]), self.g.month(m["month2"]), self.g.day(m["day2"])
        )

    def _day_range(self, m: re.Match[str], month: int, day: int, month2: int, day2: int | None) -> _Reading:
        if day2 is not None and month2 == month and day2 <= day:
            raise _Reject
        if m["year"]:
            year = self._year_of(m["year"])
            first = _safe_date(year, month, day)
        else:
            reference = self._reference()
            if reference is None:
                return _Reading(None, "day", False)
            if self.anchor is None:  # no publication date: the year the text last named
                first = _safe_date(reference.year, month, day)
            else:
                first = _closest_day(month, day, reference, self._tense(m))
        last = first
        if day2 is not None:
            last = _safe_date(first.year + (1 if month2 < month else 0), month2, day2)
        return _Reading(cal.days_period(first, last), "day", False)

    def _rule_month_year(self, m: re.Match[str]) -> _Reading:
        return _Reading(cal.month_period(self._year_of(m["year"]), self.g.month(m["month"])), "month", False)

    def _rule_month_range_year(self, m: re.Match[str]) -> _Reading:
        year = self._year_of(m["year"])
        first, last = self.g.month(m["month"]), self.g.month(m["month2"])
        if last <= first:
            raise _Reject
        return _Reading(cal.months_period(year, first, last - first + 1, "month"), "month", False)

    def _rule_month_named(self, m: re.Match[str]) -> _Reading:
        word = m["month"]
        if (
            word in self.g.lex["ambiguous_months"]
            and not (m["edge"] or m["rel"] or m["relyear"])
            and not _preceded_by(self.text, m.start(), MONTH_PREPOSITIONS)
        ):
            raise _Reject  # "March" the verb or noun, "May" the name
        if not word[0].isupper():
            raise _Reject
        month = self.g.month(word)
        reference = self._reference()
        relative = bool(m["rel"] or m["relyear"])
        if reference is None:
            return _Reading(None, "month", True)
        if m["relyear"]:
            offset = {"this": 0, "last": -1, "next": 1}[m["relyear"].lower()]
            return _Reading(cal.month_period(reference.year + offset, month), "month", True)
        rel = (m["rel"] or "").lower()
        this_month = (reference.year, reference.month)
        if rel in ("last", "past", "this past"):
            year = reference.year if (reference.year, month) < this_month else reference.year - 1
        elif rel in ("next", "coming", "this coming"):
            year = reference.year if (reference.year, month) > this_month else reference.year + 1
        elif rel == "this" or self.anchor is None:
            year = reference.year
        else:
            year = _closest_month_year(month, reference, self._tense(m))
        return _Reading(cal.month_period(year, month), "month", relative)

    # ---- years, decades, seasons, quarters

    def _rule_year(self, m: re.Match[str]) -> _Reading:
        word = m["year"]
        if (
            word[0].isdigit()
            and not (m["edge"] or m["fiscal"] or m["theyear"])
            and _not_a_year(self.text, m.start("year"), m.end("year"))
        ):
            raise _Reject
        return _Reading(cal.year_period(self._year_of(word)), "year", False)

    def _rule_year_range(self, m: re.Match[str]) -> _Reading:
        first = int(m["year"])
        second_text = m["year2"]
        second = int(second_text) if len(second_text) == 4 else first - first % 100 + int(second_text)
        if second <= first or second - first > 10:
            raise _Reject
        self.narrative_year = first
        return _Reading(cal.years_period(first, second), "year", False)

    def _rule_decade(self, m: re.Match[str]) -> _Reading:
        if m["decade"]:
            return _Reading(cal.decade_period(int(m["decade"])), "decade", False)
        two = int(m["short"].lstrip("'\u2019")) if m["short"] else self.g.lex["decade_words"][m["words"].lower()]
        reference = self._reference()
        century = (reference.year // 100 * 100) if reference else 1900
        year = century + two
        if reference and year > reference.year:
            year -= 100
        return _Reading(cal.decade_period(year), "decade", reference is not None)

    def _rule_decade_relative(self, m: re.Match[str]) -> _Reading:
        if self.anchor is None:
            return self._unknown("decade")
        offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"].lower(), 0)
        return _Reading(cal.shift(cal.day_period(self.anchor), "decade", offset), "decade", True)

    def _rule_season(self, m: re.Match[str]) -> _Reading:
        season = self.g.lex["seasons"][m["season"].lower()]
        rel = (m["rel"] or "").lower()
        if m["year"]:
            return _Reading(cal.season_period(self._year_of(m["year"]), season), "season", False)
        if m["season"][0].isupper() and m.start("season") > 0 and not _sentence_start(self.text, m.start()):
            raise _Reject  # "Arab Spring"
        if (
            not rel
            and not m["edge"]
            and not _preceded_by(
                self.text, m.start(), ("in", "during", "by", "until", "since", "over", "through", "this", "that")
            )
        ):
            raise _Reject
        if rel == "the" and re.match(r"\s+of\b", self.text[m.end() :]):
            raise _Reject  # "the fall of Kabul"
        if self.anchor is None:
            return self._unknown("season")
        return _Reading(_season_near(self.anchor, season, rel, self._future(m)), "season", True)

    def _rule_year_season(self, m: re.Match[str]) -> _Reading:
        season = self.g.lex["seasons"][m["season"].lower()]
        return _Reading(cal.season_period(self._year_of(m["year"]), season), "season", False)

    def _rule_quarter(self, m: re.Match[str]) -> _Reading:
        number = self.g.lex["quarters"][m["q"].lower()]
        mods = (m["mods"] or "").lower()
        year_text = m["year"] or _first_year(mods)
        if year_text:
            period = cal.quarter_period(self._year_of(year_text), number)
            relative = False
        else:
            reference = self._reference()
            if reference is None:
                return self._unknown("season")
            offset = -1 if _year_ago(mods) or "last year" in mods else (1 if "next year" in mods else 0)
            period = _closest_quarter(number, reference, future=False)
            period = period.shifted_years(offset) if offset else period
            relative = True
        if not _year_ago(mods):
            self.last_quarter, self.last_quarter_at = period, m.start()
        return _Reading(period, "season", relative)

    def _rule_quarter_code(self, m: re.Match[str]) -> _Reading:
        number = int(m["q"] or m["q2"])
        if m["year"]:
            year = self._year_of(m["year"])
        elif m["yy"] or m["yy2"]:
            year = 2000 + int(m["yy"] or m["yy2"])
        else:
            reference = self._reference()
            if reference is None:
                return self._unknown("season")
            return _Reading(_closest_quarter(number, reference, self._future(m)), "season", True)
        period = cal.quarter_period(year, number)
        self.last_quarter, self.last_quarter_at = period, m.start()
        return _Reading(period, "season", False)

    def _rule_quarter_anaphor(self, m: re.Match[str]) -> _Reading:
        det, mods, unit = m["det"].lower(), (m["mods"] or "").lower(), m["unit"].lower()
        current = "current" in mods or (det == "this" and not mods)
        if unit == "period" and not mods.strip():
            raise _Reject
        if current:
            if self.anchor is None:
                return self._unknown("season")
            return _Reading(cal.unit_period(self.anchor, "quarter"), "season", True)
        base = self.last_quarter
        if base is None:
            if self.anchor is None:
                return self._unknown("season")
            base = cal.shift(cal.day_period(self.anchor), "quarter", -1)
        year_text = _first_year(mods)
        if year_text:
            return _Reading(
                cal.quarter_period(_year_value(year_text), (base.start.month - 1) // 3 + 1), "season", False
            )
        if _year_ago(mods) or m["ago"] or det.startswith("last year"):
            return _Reading(base.shifted_years(-1), "season", True)
        return _Reading(base, "season", True)

    def _rule_quarters_of_year(self, m: re.Match[str]) -> _Reading:
        count = {"two": 2, "three": 3}[m["n"].lower()]
        return _Reading(cal.months_period(self._year_of(m["year"]), 1, 3 * count, "season"), "season", False)

    def _rule_half(self, m: re.Match[str]) -> _Reading:
        half = self.g.lex["halves"][m["h"].lower()]
        if m["year"]:
            return _Reading(cal.half_period(self._year_of(m["year"]), half), "season", False)
        reference = self._reference()
        if reference is None:
            return self._unknown("season")
        offset = {"this": 0, "last": -1, "next": 1, "the": 0}[m["rel"].lower()]
        return _Reading(cal.half_period(reference.year + offset, half), "season", True)

    # ---- deictic and anaphoric days, weeks, months, years

    def _rule_deictic_day(self, m: re.Match[str]) -> _Reading:
        if self.anchor is None:
            return self._unknown("day")
        offset = self.g.lex["deictic_days"][" ".join(m["deictic"].lower().split())]
        return _Reading(cal.day_period(self.anchor + timedelta(days=offset)), "day", True)

    def _rule_part_of_today(self, m: re.Match[str]) -> _Reading:
        if m["this"].lower() == "last" and m["part"].lower() != "night":
            raise _Reject
        if self.anchor is None:
            return self._unknown("day")
        offset = -1 if m["this"].lower() == "last" else 0
        return _Reading(cal.day_period(self.anchor + timedelta(days=offset)), "day", True)

    def _rule_weekday(self, m: re.Match[str]) -> _Reading:
        weekday = self.g.weekday(m["weekday"])
        rel = " ".join((m["rel"] or "").lower().split())
        if rel in ("the previous", "the following"):
            base = self.last.end if self.last is not None else self.anchor
            if base is None:
                return self._unknown("day")
            day = (
                cal.weekday_before(base, weekday, False) if rel == "the previous" else cal.weekday_after(base, weekday)
            )
            return _Reading(cal.day_period(day), "day", True)
        if self.anchor is None:
            return self._unknown("day")
        if rel in ("last", "this past", "past"):
            day = cal.weekday_before(self.anchor, weekday, include_same=False)
        elif rel in ("next", "this coming", "coming"):
            day = cal.weekday_after(self.anchor, weekday, include_same=False)
        elif rel == "this":
            day = cal.week_period(self.anchor).start + timedelta(days=weekday)
        elif self._plainly_future(m):
            day = cal.weekday_after(self.anchor, weekday, include_same=True)
        else:
            day = cal.weekday_before(self.anchor, weekday, include_same=True)
        return _Reading(cal.day_period(day), "day", True)

    def _rule_relative_unit(self, m: re.Match[str]) -> _Reading:
        rel = " ".join(m["rel"].lower().split())
        unit = m["unit"].lower()
        edge = " ".join((m["edge"] or "").lower().split())
        granularity = "season" if unit == "quarter" else unit
        anaphoric = rel in self.g.lex["anaphoric_relatives"]
        if unit == "quarter" and rel not in ("this", "last", "next", "the past", "the coming", "this coming"):
            raise _Reject  # "the quarter", "the latest quarter": the quarter rules read them
        if anaphoric and unit in ("week", "month") and rel in ("the", "that", "the same"):
            raise _Reject  # "the week": too vague to date
        if m["unit"][0].isupper() and not _sentence_start(self.text, m.start()):
            raise _Reject  # a title such as "This Week"
        if anaphoric:
            base = self.last if rel != "the" else None
            if base is None:
                if self.anchor is None:
                    return self._unknown(granularity)
                base = cal.day_period(self.anchor)
            offset = self.g.lex["relatives"][rel]
            return _Reading(cal.shift(base, unit, offset), granularity, True)
        if self.anchor is None:
            return self._unknown(granularity)
        offset = self.g.lex["relatives"].get(rel, 0)
        if m["orso"] and offset == 0:
            raise _Reject
        period = cal.shift(cal.day_period(self.anchor), unit, offset)
        if edge in ("early", "earlier", "late", "later") and unit == "week":
            granularity = "week"
        return _Reading(period, granularity, True)

    def _rule_year_end(self, m: re.Match[str]) -> _Reading:
        reference = self._reference()
        if reference is None:
            return self._unknown("year")
        year = reference.year
        if m["form"].lower() == "year-end" and not m["around"]:
            return _Reading(cal.day_period(date(year, 12, 31)), "day", True)
        return _Reading(cal.year_period(year), "year", True)

    def _rule_ago(self, m: re.Match[str]) -> _Reading:
        unit = self.g.lex["units"][m["unit"].lower()]
        count_text = " ".join(m["num"].lower().split())
        if count_text in ("a few", "several", "a couple of"):
            raise _Reject
        count = int(count_text) if count_text.isdigit() else self.g.lex["counts"][count_text]
        direction = m["dir"].lower()
        sign = 1 if direction in ("later", "hence") or direction.startswith("from") else -1
        anaphoric = direction in ("earlier", "later")
        if unit == "year" and count == 1:
            base = self._year_base(anaphoric)
            if base is None:
                return self._unknown(unit)
            return _Reading(base.shifted_years(sign), base.granularity, True)
        base = (self.last if anaphoric else None) or (cal.day_period(self.anchor) if self.anchor else None)
        if base is None:
            return self._unknown(unit)
        return _Reading(cal.shift(base, unit, sign * count), unit, True)

    def _year_base(self, anaphoric: bool) -> Period | None:
        """What "a year ago/earlier" is counted from: the quarter under discussion, else a whole year.

        "earlier" counts from the year the text last mentioned, "ago" from the publication year.
        """
        if self.last_quarter is not None and self.position - self.last_quarter_at < QUARTER_FOCUS_CHARS:
            return self.last_quarter
        if anaphoric and self.last is not None:
            return cal.year_period(self.last.start.year)
        return cal.year_period(self.anchor.year) if self.anchor else None

    def _rule_year_ago(self, m: re.Match[str]) -> _Reading:
        base = self._year_base(anaphoric=False)
        if base is None:
            return self._unknown("year")
        return _Reading(base.shifted_years(-1), base.granularity, True)


# --------------------------------------------------------------------------- helpers

_SPOKEN_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:no\.|number|flight|route|highway|unit|room|suite|box|page|pages|p\.|section|article|resolution|"
    r"decree|model|code|bus|line|gate|platform|channel|apartment)|[#$\u00a3\u20ac])\s*$",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"\b(?:about|some|nearly|over|than|around|approximately|almost|least|population\s+of|total\s+of)\s*$", re.IGNORECASE
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|before|after|during|of|the|fiscal|year|early|late|mid)\s*$", re.IGNORECASE
)


def _year_value(word: str) -> int:
    """1996 for "1996" or "nineteen ninety-six"; 2000 for "two thousand"."""
    if word.strip().isdigit():
        return int(word)
    words = re.sub(r"\b(?:the\s+year|and)\b", " ", word.lower()).replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPOKEN_UNITS.get(w, 0) for w in words[2:])
    if len(words) >= 2 and words[1] == "hundred":
        return _SPOKEN_UNITS[words[0]] * 100
    return _SPOKEN_UNITS[words[0]] * 100 + sum(_SPOKEN_UNITS.get(w, 0) for w in words[1:])


def _first_year(text: str) -> str | None:
    match = re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)", text)
    return match.group(0) if match else None


def _year_ago(mods: str) -> bool:
    return bool(re.search(r"year[\s-](?:ago|earlier|before)|prior[\s-]year|previous[\s-]year|last\s+year", mods))


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _Reject from exc


def _choose(past: Any, future: Any, past_distance: int, future_distance: int, tense: bool | None) -> Any:
    """Past unless the tense says future, or the future reading is much the nearer (a third of the distance)."""
    if past is None or tense is True:
        return future if future is not None else past
    if future is None or tense is False:
        return past
    return future if future_distance * FUTURE_PULL < past_distance else past


def _closest_month_year(month: int, reference: date, tense: bool | None) -> int:
    """The year that puts a year-less month nearest ``reference`` (see :func:`_choose`)."""
    here = reference.year * 12 + reference.month - 1
    past = next(y for y in (reference.year, reference.year - 1) if y * 12 + month - 1 <= here)
    future = next(y for y in (reference.year, reference.year + 1) if y * 12 + month - 1 > here)
    return _choose(past, future, here - (past * 12 + month - 1), future * 12 + month - 1 - here, tense)


def _closest_day(month: int, day: int, reference: date, tense: bool | None) -> date:
    """The (month, day) nearest ``reference``: on or before it unless the future is meant (see :func:`_choose`)."""
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        raise _Reject
    earlier = max((d for d in options if d <= reference), default=None)
    later = min((d for d in options if d > reference), default=None)
    if tense is True:
        recent = min((d for d in options if d >= reference - timedelta(days=FUTURE_GRACE_DAYS)), default=later)
        return recent if recent is not None else max(options)
    past_distance = (reference - earlier).days if earlier else 0
    future_distance = (later - reference).days if later else 0
    return _choose(earlier, later, past_distance, future_distance, tense)


def _closest_quarter(number: int, reference: date, future: bool) -> Period:
    """Quarter ``number``: the latest one begun by ``reference`` (or within the next weeks), or the next to end."""
    this_year = cal.quarter_period(reference.year, number)
    if future:
        return this_year if this_year.end >= reference else cal.quarter_period(reference.year + 1, number)
    soon = reference + timedelta(days=QUARTER_LOOKAHEAD_DAYS)
    return this_year if this_year.start <= soon else cal.quarter_period(reference.year - 1, number)


def _season_near(anchor: date, season: str, rel: str, future: bool) -> Period:
    """The season named relative to ``anchor`` ("this summer", "last fall", "next spring")."""
    options = [cal.season_period(year, season) for year in range(anchor.year - 2, anchor.year + 2)]
    current_year, current_season = cal.season_of(anchor)
    if rel in ("last", "past", "this past"):
        return max((p for p in options if p.end < anchor), key=lambda p: p.start)
    if rel in ("next", "coming", "this coming"):
        return min((p for p in options if p.start > anchor), key=lambda p: p.start)
    if rel == "this":
        if season == current_season:
            return cal.season_period(current_year, season)
        return cal.season_period(anchor.year, season)
    if future:
        return min((p for p in options if p.end >= anchor), key=lambda p: p.start)
    return max((p for p in options if p.start <= anchor), key=lambda p: p.start)


def _preceded_by(text: str, start: int, words: tuple[str, ...]) -> bool:
    match = re.search(r"([A-Za-z]+)[\s,]*$", text[max(0, start - 30) : start])
    return match is not None and match.group(1).lower() in words


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start]
    return start == 0 or bool(re.search(r"(?:^|[.!?\n\"\u201c]\s*)$", before)) or before.strip() == ""


def _not_a_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number that labels something ("Flight 1901") or counts something ("over 2000 soldiers")."""
    before = text[max(0, start - 20) : start]
    if _LABEL_BEFORE.search(before) or _AMOUNT_BEFORE.search(before):
        return True
    if (
        re.search(r"\b[A-Z][a-z]+\s+$", before)
        and not _sentence_start(text, start - len(before.split()[-1]) - 1)
        and not _YEAR_BEFORE.search(before)
    ):
        return True  # a name such as "Orion 1980"
    return not _YEAR_BEFORE.search(before) and _counted_after(text, end)


def _counted_after(text: str, end: int) -> bool:
    """Whether a plural common noun follows, as in "2000 soldiers"."""
    match = re.match(r"\s+([a-z]+s)\b", text[end : end + 40])
    return match is not None and not match.group(1).endswith("ss")


# --------------------------------------------------------------------------- quotations


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly, straight, ``TeX'' and guillemet quotes)."""
    spans = []
    for opening, closing in grammar().lex["quote_pairs"]:
        if opening == closing:
            for paragraph in re.finditer(r"[^\n]+", text):
                positions = [paragraph.start() + m.start() for m in re.finditer(re.escape(opening), paragraph.group(0))]
                spans += [(positions[k], positions[k + 1] + 1) for k in range(0, len(positions) - 1, 2)]
            continue
        pattern = re.compile(re.escape(opening) + r"[^\n]*?(?:" + re.escape(closing) + r"|\n|$)")
        spans += [m.span() for m in pattern.finditer(text)]
    return spans


def _reanchor_quoted(
    text: str, mentions: list[TimeMention], resolver: _Resolver, sentences: list[tuple[int, int]]
) -> list[TimeMention]:
    """Read "today", "yesterday"… inside a quotation from the day the quote was spoken, when given."""
    quotes = _quote_spans(text)
    if not quotes:
        return mentions

    def quote_of(mention: TimeMention) -> tuple[int, int] | None:
        return next((q for q in quotes if q[0] <= mention.start and mention.end <= q[1]), None)

    out = []
    for mention in mentions:
        quote = quote_of(mention) if mention.rule in ("deictic_day", "part_of_today") else None
        spoken = _speech_day(quote, mentions, quote_of, sentences) if quote else None
        if spoken is not None and spoken != resolver.published:
            mention = resolver.resolve(resolver.candidates[(mention.start, mention.end)], anchor=spoken) or mention
        out.append(mention)
    return out


def _speech_day(
    quote: tuple[int, int],
    mentions: list[TimeMention],
    quote_of: Callable[[TimeMention], Any],
    sentences: list[tuple[int, int]],
) -> date | None:
    """The single day named outside the quotation in the sentences that hold it."""
    first = next((s for s in sentences if s[0] <= quote[0] < s[1]), (quote[0], quote[1]))
    last = next((s for s in sentences if s[0] < quote[1] <= s[1]), first)
    days = {
        m.period.start
        for m in mentions
        if m.period is not None and m.granularity == "day" and first[0] <= m.start < last[1] and quote_of(m) is None
    }
    return days.pop() if len(days) == 1 else None


# --------------------------------------------------------------------------- the stage


def to_time(mention: TimeMention, time_id: str) -> Time:
    """The sitrep/1 ``Time`` for a mention."""
    start, end = mention.iso
    return Time(
        id=time_id,
        text=mention.text,
        span=(mention.start, mention.end),
        start=start,
        end=end,
        granularity=mention.granularity if mention.period is not None or mention.granularity else "unknown",
        relative=mention.relative,
    )


def run(analysis: Analysis) -> None:
    """Find the document's date expressions and append them to ``analysis.extraction.times``."""
    sentences = [(s.start, s.end) for s in analysis.parse.sentences] or None
    for mention in find_times(analysis.text, analysis.published, sentences):
        analysis.extraction.times.append(to_time(mention, analysis.extraction.next_id("times")))
