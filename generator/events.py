"""When events happen: the dates of an event's `when` within a span of days (pure, no clock).

A yearly event on the Vietnamese lunar calendar is converted with lunar-vn
(Hồ Ngọc Đức's algorithm at UTC+7, the calendar Vietnam's almanacs print;
China's calendar, at UTC+8, differs in some years, as it did for Tết 1985).
An event "usually" held in some months has approximate occurrences: the
months, never invented days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import lunar_vn

from .models import When

LOOK_AHEAD_YEARS = 3  # how far calendars and event pages look: the coming years' dates of yearly events


@dataclass(frozen=True, order=True)
class Occurrence:
    start: dt.date
    end: dt.date
    approximate: bool = False  # "usually": the months it is held in, not its days
    number: int | None = None  # a yearly event's count from its `since` year (an anniversary's 60th)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and self.end >= first


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _yearly_start(when: When, year: int) -> dt.date | None:
    rule = when.yearly
    assert rule is not None
    if rule.calendar != "solar":
        wanted = lunar_vn.LunarDate(day=rule.day, month=rule.month, year=year, leap=rule.calendar == "lunar-leap")
        try:
            day = lunar_vn.lunar_to_solar(wanted)
        except ValueError:
            return None
        # The library does not refuse every day that a year lacks (a leap month it does not have, a 30th
        # in a 29-day month): a day that does not convert back to the same lunar day is not there.
        return day if lunar_vn.solar_to_lunar(day) == wanted else None
    try:
        return dt.date(year, rule.month, rule.day)
    except ValueError:  # 29 February outside a leap year
        return None


def _seasons(months: list[int]) -> list[tuple[int, int]]:
    """[11, 12, 1, 6] -> [(11, 3), (6, 1)]: runs of months that follow each other, as (first month, length)."""
    runs: list[list[int]] = []
    for month in months:
        if runs and month == runs[-1][-1] % 12 + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return [(run[0], len(run)) for run in runs]


def occurrences(when: When, first: dt.date, last: dt.date) -> list[Occurrence]:
    """Every occurrence of `when` that overlaps the days from `first` to `last`, in order."""
    found: list[Occurrence] = []
    if when.start:
        found.append(Occurrence(when.start, when.end or when.start))
    elif when.yearly:
        rule = when.yearly
        for year in range(first.year - 1, last.year + 1):  # a span may begin the year before `first`
            if (rule.since is not None and year < rule.since) or (rule.until is not None and year > rule.until):
                continue
            start = _yearly_start(when, year)
            if start is not None:
                number = year - rule.since if rule.since is not None else None
                found.append(Occurrence(start, start + dt.timedelta(days=when.days - 1), number=number))
    else:
        for year in range(first.year - 1, last.year + 1):
            if when.only_in is not None and year != when.only_in:
                continue
            for month, length in _seasons(when.usually):
                end_month = (month + length - 2) % 12 + 1
                end_year = year + (month + length - 2) // 12
                found.append(Occurrence(dt.date(year, month, 1), _month_end(end_year, end_month), approximate=True))
    return sorted(o for o in found if o.overlaps(first, last))


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February, in a year without one, is 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def next_occurrences(when: When, day: dt.date, years: int = LOOK_AHEAD_YEARS) -> list[Occurrence]:
    """The occurrences that have not ended by `day`, over the coming `years` (a one-off event: itself, if still to come)."""
    return occurrences(when, day, _years_after(day, years) - dt.timedelta(days=1))


def next_occurrence(when: When, day: dt.date) -> Occurrence | None:
    """The first occurrence that has not ended by `day`, within a year for a recurring event."""
    coming = next_occurrences(when, day, 1)
    return coming[0] if coming else None


def is_round(number: int | None) -> bool:
    """An anniversary worth a ceremony: every fifth year (the Plan's 'round-number years')."""
    return number is not None and number > 0 and number % 5 == 0
