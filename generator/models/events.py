"""Events: festivals, ceremonies, anniversaries, exhibitions, performances and fairs (content/events/<id>.yml).

An event is a record like the others (name, summary, description, photos,
sources...), with a kind, a `when` and, instead of coordinates of its own, the
record of the place where it is held. `when` takes one of three forms:
- once: `{from: 2023-11-11, to: 2023-11-12}`;
- every year: `{yearly: {month: 6, day: 24, since: 1967}}`, on the solar
  calendar, or `{yearly: {month: 1, day: 4, calendar: lunar}}` on the
  Vietnamese lunar calendar (events.py computes its dates; `lunar-leap` is the
  leap month of that number);
- usually in some months, when no source gives a date: `{usually: [11, 12, 1]}`.
"""

from __future__ import annotations

import calendar as solar_calendar
import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, Field, WithJsonSchema, field_validator, model_validator

from .fields import STRICT, CountryCode, LocalizedText, Slug, UniqueList, describe, error
from .records import FIRST_YEAR, _RecordBase
from .vocabulary import kinds_of

EventKind = Literal[kinds_of("events")]
Calendar = Literal["solar", "lunar", "lunar-leap"]
Month = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12})]
MAX_DAYS = 366  # the longest an event runs: National Tourism Year


def _year(year: int | None) -> int | None:
    if year is not None and year < FIRST_YEAR - 200:  # anniversaries may count from long ago, not from before history
        raise error("implausible_year", year=year, low=FIRST_YEAR - 200)
    return year


class YearlyDate(BaseModel):
    """Every year on the same day of the solar or the Vietnamese lunar calendar."""

    model_config = STRICT
    month: int = Field(**describe("Month, 1 to 12 (a lunar month with calendar: lunar).", "Tháng, 1 đến 12 (tháng âm lịch khi calendar: lunar).",
                                  examples=[6]))
    day: int = Field(**describe("Day of the month.", "Ngày trong tháng.", examples=[24]))
    calendar: Calendar = Field("solar", **describe(
        "solar (the usual calendar), lunar (the Vietnamese lunar calendar: Tết is 1/1) or lunar-leap (the leap month of that number).",
        "solar (dương lịch), lunar (âm lịch Việt Nam: Tết là 1/1) hoặc lunar-leap (tháng nhuận của tháng đó)."))
    since: Optional[int] = Field(None, **describe(
        "The year it was first held, or the year it commemorates: an anniversary counts from it.",
        "Năm tổ chức lần đầu, hoặc năm của sự kiện được kỷ niệm: ngày kỷ niệm tính từ năm này.", examples=[1967]))
    until: Optional[int] = Field(None, **describe("The last year it is held, when it has ended.", "Năm tổ chức lần cuối, nếu đã ngừng."))

    @field_validator("month")
    @classmethod
    def _month(cls, month: int) -> int:
        if not 1 <= month <= 12:
            raise error("month_range", value=month)
        return month

    @field_validator("since", "until")
    @classmethod
    def _years(cls, year: int | None) -> int | None:
        return _year(year)

    @model_validator(mode="after")
    def _day(self) -> "YearlyDate":
        # A lunar month has 29 or 30 days; a solar one has its own (29 February only in leap years).
        longest = 30 if self.calendar != "solar" else solar_calendar.monthrange(2024, self.month)[1]
        if not 1 <= self.day <= longest:
            raise error("day_range", value=self.day, month=self.month, days=longest)
        if self.since is not None and self.until is not None and self.until < self.since:
            raise error("years_backwards", since=self.since, until=self.until)
        return self


class When(BaseModel):
    """When an event takes place: once (from, to), every year (yearly), or usually in some months."""

    model_config = STRICT
    start: Optional[dt.date] = Field(None, alias="from", **describe("Once: its first day.", "Tổ chức một lần: ngày đầu.",
                                                                   examples=["2023-11-11"]))
    end: Optional[dt.date] = Field(None, alias="to", **describe("Once: its last day, when it runs several.", "Tổ chức một lần: ngày cuối, nếu kéo dài nhiều ngày."))
    yearly: Optional[YearlyDate] = Field(None, **describe("Every year on the same day.", "Hằng năm vào cùng một ngày."))
    days: int = Field(1, **describe("Every year: how many days it lasts.", "Hằng năm: kéo dài bao nhiêu ngày."))
    usually: UniqueList(Month) = Field(default_factory=list, **describe(
        "When no source gives a date: the months it is usually held in, e.g. [11, 12, 1].",
        "Khi không nguồn nào ghi ngày: các tháng thường tổ chức, ví dụ [11, 12, 1]."))
    only_in: Optional[int] = Field(None, **describe(
        "With usually: the one year it is held in, when it is announced by month only (a programme for one year).",
        "Với usually: năm duy nhất tổ chức, khi chỉ công bố theo tháng (chương trình của một năm)."))
    note: Optional[LocalizedText] = Field(None, **describe(
        "What the dates do not say, per language: every two years, Saturday evenings 19:00-21:00...",
        "Điều ngày tháng không nói được, theo từng ngôn ngữ: hai năm một lần, tối thứ Bảy 19:00-21:00..."))

    @field_validator("only_in")
    @classmethod
    def _only_in(cls, year: int | None) -> int | None:
        return _year(year)

    @field_validator("usually")
    @classmethod
    def _months(cls, months: list[int]) -> list[int]:
        for month in months:
            if not 1 <= month <= 12:
                raise error("month_range", value=month)
        return months

    @model_validator(mode="after")
    def _one_form(self) -> "When":
        forms = [name for name, given in (("from", self.start), ("yearly", self.yearly), ("usually", self.usually)) if given]
        if len(forms) != 1:
            raise error("when_forms", given=", ".join(forms) or "-")
        if self.end is not None and self.start is None:
            raise error("when_to_alone")
        if self.start and self.end and self.end < self.start:
            raise error("when_backwards", start=self.start.isoformat(), end=self.end.isoformat())
        if self.start and self.end and (self.end - self.start).days >= MAX_DAYS:
            raise error("event_too_long", days=MAX_DAYS)
        if not 1 <= self.days <= MAX_DAYS or (self.days != 1 and self.yearly is None):
            raise error("event_days", days=MAX_DAYS)
        if self.only_in is not None and not self.usually:
            raise error("only_in_alone")
        return self

    @property
    def form(self) -> str:
        return "once" if self.start else "yearly" if self.yearly else "usually"


class EventRecord(_RecordBase):
    """An event: content/events/<id>.yml"""

    kind: EventKind = Field(**describe("What kind of event this is.", "Loại sự kiện."))
    when: When = Field(**describe("When it takes place.", "Thời gian tổ chức.", examples=[{"from": "", "to": ""}]))
    place: Optional[Slug] = Field(None, **describe(
        "The id of the record of the place where it is held (or give a location).",
        "Mã bản ghi của nơi tổ chức (hoặc ghi vị trí)."))
    countries: UniqueList(CountryCode) = Field(default_factory=list, **describe(
        "Countries it concerns, as ISO codes (KH, LA): a visit from there is told of it.",
        "Các nước liên quan, theo mã ISO (KH, LA): đoàn từ nước đó được giới thiệu sự kiện này."))

