"""Calendar arithmetic for time values: periods as inclusive (start, end) date pairs.

A :class:`Period` is what a time expression denotes: its first and last day and a
granularity from the sitrep/1 contract. Weeks run Monday to Sunday (ISO 8601), seasons
are meteorological (northern hemisphere: spring = March to May), quarters are calendar
quarters and decades start at a year ending in 0.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


@dataclass(frozen=True)
class Period:
    """Inclusive first and last day of what a time expression denotes."""

    start: date
    end: date
    granularity: str

    def shifted_years(self, years: int) -> Period:
        """The same period ``years`` later (negative: earlier)."""
        return Period(add_years(self.start, years), _end_after_year_shift(self.end, years), self.granularity)


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years, 29 February becoming 28 February when needed."""
    year = day.year + years
    return date(year, day.month, min(day.day, month_length(year, day.month)))


def _end_after_year_shift(day: date, years: int) -> date:
    year = day.year + years
    if day.day == month_length(day.year, day.month):
        return date(year, day.month, month_length(year, day.month))
    return add_years(day, years)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, month_length(year, month + 1)))


def month_length(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def day_period(day: date) -> Period:
    return Period(day, day, "day")


def days_period(first: date, last: date) -> Period:
    """A run of days such as "October 27-28"."""
    return Period(min(first, last), max(first, last), "day")


def week_period(day: date) -> Period:
    """The Monday-to-Sunday week that contains ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, month_length(year, month)), "month")


def months_period(year: int, first_month: int, months: int, granularity: str) -> Period:
    """``months`` whole months from ``first_month`` of ``year`` (may run into the next year)."""
    start = date(year, first_month, 1)
    last = add_months(start, months - 1)
    return Period(start, date(last.year, last.month, month_length(last.year, last.month)), granularity)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def years_period(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31), "year")


def quarter_period(year: int, quarter: int) -> Period:
    """Calendar quarter 1-4 (granularity "season", the contract's sub-year period)."""
    return months_period(year, 3 * (quarter - 1) + 1, 3, "season")


def half_period(year: int, half: int) -> Period:
    return months_period(year, 6 * (half - 1) + 1, 6, "season")


def season_period(year: int, season: str) -> Period:
    """A meteorological season; winter ``year`` runs from December ``year`` to February."""
    return months_period(year, SEASON_MONTHS[season], 3, "season")


def season_of(day: date) -> tuple[int, str]:
    """The (year, season) a day falls in; January and February belong to the winter before."""
    for name, first in (("winter", 12), ("fall", 9), ("summer", 6), ("spring", 3)):
        if day.month >= first:
            return day.year, name
    return day.year - 1, "winter"


def decade_period(first_year: int) -> Period:
    decade = first_year - first_year % 10
    return Period(date(decade, 1, 1), date(decade + 9, 12, 31), "decade")


def weekday_before(day: date, weekday: int, include_same: bool = True) -> date:
    """The latest day with ``weekday`` (Monday = 0) on or before ``day``."""
    back = (day.weekday() - weekday) % 7
    if back == 0 and not include_same:
        back = 7
    return day - timedelta(days=back)


def weekday_after(day: date, weekday: int, include_same: bool = False) -> date:
    """The earliest day with ``weekday`` (Monday = 0) on or after ``day``."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not include_same:
        ahead = 7
    return day + timedelta(days=ahead)


def shift(period: Period, unit: str, amount: int) -> Period:
    """``period``'s containing unit moved by ``amount`` units ("week", -1 is last week)."""
    anchor = period.start
    if unit == "day":
        return day_period(anchor + timedelta(days=amount))
    if unit == "week":
        return week_period(anchor + timedelta(weeks=amount))
    if unit == "month":
        moved = add_months(anchor, amount)
        return month_period(moved.year, moved.month)
    if unit == "year":
        return year_period(anchor.year + amount)
    if unit == "decade":
        return decade_period(anchor.year + 10 * amount)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + amount
        return quarter_period(index // 4, index % 4 + 1)
    raise ValueError(f"unknown calendar unit {unit!r}")


def unit_period(day: date, unit: str) -> Period:
    """The ``unit`` (day, week, month, quarter, year, decade) that contains ``day``."""
    return shift(day_period(day), unit, 0)
