"""Dates: publication timestamps from metadata, and date expressions in text resolved to what they state.

Two jobs, both small:

* ``parse_published`` reads the timestamps that feeds, JSON and HTML metadata carry (ISO 8601,
  RFC 822, plain dates) into an aware UTC ``datetime``.
* ``find``/``resolve`` turn what an article *says* ("on June 12, 2018", "February 27-28",
  "in June", "last year", "Thursday", "two months ago") into ``DateValue`` s with the precision the
  text gives (day, month or year). Relative and year-less expressions are anchored on the
  publication date; without one they resolve to nothing rather than to a guess.

Hand-written rather than ``dateparser``: dateparser returns a full timestamp for "in June" (June
of today's year, day filled in), so it loses the precision the ontology records, and it cannot say
"no year known".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal, NamedTuple

from dateutil import parser as dateutil_parser

from diplograph.ingest.facts import DateValue, Precision

Tense = Literal["past", "future"]


class DateRange(NamedTuple):
    """What a date expression states: a start, and an end for ranges ("February 27-28")."""

    start: DateValue
    end: DateValue | None = None


class DateMention(NamedTuple):
    """A date expression found in a text, with its offsets (Python string indices)."""

    start: int
    end: int
    text: str
    value: DateRange


# --- publication timestamps ------------------------------------------------------------------------

def parse_published(value: str) -> datetime:
    """A publication timestamp as an aware UTC datetime; naive values are taken as UTC.

    Raises ``ValueError`` naming the value when it is not a date.
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    parsed = _parse_timestamp(text)
    if parsed is None:
        raise ValueError(f"{value!r} is not a date or timestamp")
    return as_utc(parsed)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_timestamp(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        # A fixed default makes missing parts deterministic instead of "today".
        return dateutil_parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None


# --- date expressions in text ----------------------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>1[89]\d\d|2[01]\d\d)"
_TO = r"\s*(?:-|\u2013|\u2014|to|until|through|and)\s*"  # hyphen, en dash, em dash


def _p(template: str) -> re.Pattern[str]:
    """Compile a pattern written with M1/D1/Y1-style placeholders, whole words only."""
    def group(match: re.Match[str]) -> str:
        kind, index = match.group(1), match.group(2)
        return {"M": _MONTH, "D": _DAY, "Y": _YEAR}[kind].format(kind.lower() + index)

    return re.compile(r"(?<![\w-])" + re.sub(r"\b([MDY])(\d)\b", group, template) + r"(?![\w])", re.IGNORECASE)


class _Context(NamedTuple):
    published: date | None
    tense: Tense | None


Handler = Callable[[re.Match[str], _Context], DateRange | None]
PATTERNS: list[tuple[re.Pattern[str], Handler]] = []


def _pattern(template: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        PATTERNS.append((_p(template), handler))
        return handler
    return register


def find(text: str, published: datetime | None = None, *, tense: Tense | None = None) -> list[DateMention]:
    """Every date expression in ``text`` that resolves, left to right, longest match first.

    ``published`` anchors relative and year-less expressions; ``tense`` ("past" for something
    that happened, "future" for something planned) picks between last and next Thursday or June;
    without it the occurrence nearest the publication date wins.
    """
    context = _Context(published.date() if published else None, tense)
    candidates = []
    for pattern, handler in PATTERNS:
        for match in pattern.finditer(text):
            candidates.append((match.start(), -(match.end() - match.start()), match, handler))
    candidates.sort(key=lambda c: (c[0], c[1]))
    found: list[DateMention] = []
    taken_until = -1
    for start, _, match, handler in candidates:
        if start < taken_until:
            continue
        value = handler(match, context)
        if value is not None:
            found.append(DateMention(match.start(), match.end(), match.group(0), value))
            taken_until = match.end()
    return found


def resolve(text: str, published: datetime | None = None, *, tense: Tense | None = None) -> DateRange | None:
    """The first date expression in ``text`` (e.g. a spaCy DATE entity), or None if none resolves.

    >>> resolve("February 27-28", datetime(2019, 2, 20))  # doctest: +ELLIPSIS
    DateRange(start=DateValue(value=...2019, 2, 27..., precision='day'), end=DateValue(...2019, 2, 28...))
    >>> resolve("February 27-28") is None  # no year stated, none known: nothing invented
    True
    """
    mentions = find(text, published, tense=tense)
    return mentions[0].value if mentions else None


# --- building values -------------------------------------------------------------------------------

def _value(day: date, precision: Precision) -> DateValue:
    return DateValue(datetime.combine(day, time(), tzinfo=UTC), precision)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(match: re.Match[str], name: str) -> int:
    return MONTHS[match.group(name).lower().rstrip(".")]


def _period(start: date, precision: Precision) -> tuple[date, date]:
    if precision == "day":
        return start, start
    if precision == "month":
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start, start.replace(month=12, day=31)


def _pick_year(make: Callable[[int], date | None], precision: Precision, context: _Context) -> date | None:
    """The year a year-less date ("June 12", "in June") most plausibly means, given the anchor."""
    if context.published is None:
        return None
    anchor = context.published
    candidates = [d for d in (make(anchor.year + offset) for offset in (-1, 0, 1)) if d is not None]

    def distance(day: date) -> int:
        first, last = _period(day, precision)
        return 0 if first <= anchor <= last else min(abs((first - anchor).days), abs((last - anchor).days))

    if context.tense == "past":
        candidates = [d for d in candidates if _period(d, precision)[0] <= anchor]
    elif context.tense == "future":
        candidates = [d for d in candidates if _period(d, precision)[1] >= anchor]
    return min(candidates, key=lambda d: (distance(d), d), default=None)


def _days(first: date | None, last: date | None) -> DateRange | None:
    if first is None or last is None or last < first:
        return None
    return DateRange(_value(first, "day"), _value(last, "day") if last != first else None)


# --- the patterns, most specific first where they overlap --------------------------------------------

@_pattern(r"Y1-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
def _iso(match: re.Match[str], context: _Context) -> DateRange | None:
    day = _day(int(match["y1"]), int(match["m"]), int(match["d"]))
    return _days(day, day)


@_pattern(r"M1\s+D1(?:,?\s+Y2)?" + _TO + r"(?:M2\s+)?D2(?:,?\s+Y1)?")
def _month_day_range(match: re.Match[str], context: _Context) -> DateRange | None:
    """February 27-28 / June 30 to July 1, 2019 (the year, when stated, closes the range)."""
    m1 = _month(match, "m1")
    m2 = _month(match, "m2") if match["m2"] else m1
    d1, d2 = int(match["d1"]), int(match["d2"])
    if match["y2"]:  # December 30, 2018 - January 2, 2019 / June 12, 2018 - June 14
        first_year = int(match["y2"])
        last_year = int(match["y1"]) if match["y1"] else first_year + ((m1, d1) > (m2, d2))
        return _days(_day(first_year, m1, d1), _day(last_year, m2, d2))
    return _range(m1, d1, m2, d2, int(match["y1"]) if match["y1"] else None, context)


@_pattern(r"M1\s+D1(?:" + _TO + r"(?:M2\s+)?D2)?,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
def _month_day_relative_year(match: re.Match[str], context: _Context) -> DateRange | None:
    """"May 3 last year", "July 8 and 9 last year": days of the year named relative to publication."""
    if context.published is None:
        return None
    year = context.published.year + {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    m1, d1 = _month(match, "m1"), int(match["d1"])
    if match["d2"] is None:
        day = _day(year, m1, d1)
        return _days(day, day)
    return _range(m1, d1, _month(match, "m2") if match["m2"] else m1, int(match["d2"]), year, context)


@_pattern(r"D1\s*(?:M1\s*)?" + _TO.replace(r"|and", "") + r"D2\s+M2(?:,?\s+Y1)?")
def _day_month_range(match: re.Match[str], context: _Context) -> DateRange | None:
    """27-28 February 2019 / 30 June to 1 July."""
    m2 = _month(match, "m2")
    m1 = _month(match, "m1") if match["m1"] else m2
    return _range(m1, int(match["d1"]), m2, int(match["d2"]), int(match["y1"]) if match["y1"] else None, context)


@_pattern(r"D1\s+and\s+D2\s+M2(?:,?\s+Y1)?")
def _day_pair_month(match: re.Match[str], context: _Context) -> DateRange | None:
    """21 and 22 March 2019: two days in a row joined by "and" run from the first to the second (3 and 17
    June are two days apart, no range)."""
    d1, d2 = int(match["d1"]), int(match["d2"])
    if d2 != d1 + 1:
        return None
    m2 = _month(match, "m2")
    return _range(m2, d1, m2, d2, int(match["y1"]) if match["y1"] else None, context)


def _range(m1: int, d1: int, m2: int, d2: int, year: int | None, context: _Context) -> DateRange | None:
    if year is not None:
        first_year = year - 1 if (m1, d1) > (m2, d2) else year  # December 30 - January 2, 2019
        return _days(_day(first_year, m1, d1), _day(year, m2, d2))
    first = _pick_year(lambda y: _day(y, m1, d1), "day", context)
    if first is None:
        return None
    last_year = first.year + 1 if (m1, d1) > (m2, d2) else first.year
    return _days(first, _day(last_year, m2, d2))


@_pattern(r"M1\s+D1(?:,\s*|\s+)Y1")
def _month_day_year(match: re.Match[str], context: _Context) -> DateRange | None:
    day = _day(int(match["y1"]), _month(match, "m1"), int(match["d1"]))
    return _days(day, day)


@_pattern(r"(?:the\s+)?D1(?:\s+of)?\s+M1,?\s+Y1")
def _day_month_year(match: re.Match[str], context: _Context) -> DateRange | None:
    day = _day(int(match["y1"]), _month(match, "m1"), int(match["d1"]))
    return _days(day, day)


@_pattern(r"M1\s+D1")
def _month_day(match: re.Match[str], context: _Context) -> DateRange | None:
    month, number = _month(match, "m1"), int(match["d1"])
    day = _pick_year(lambda y: _day(y, month, number), "day", context)
    return _days(day, day)


@_pattern(r"(?:the\s+)?D1(?:\s+of)?\s+M1")
def _day_month(match: re.Match[str], context: _Context) -> DateRange | None:
    month, number = _month(match, "m1"), int(match["d1"])
    day = _pick_year(lambda y: _day(y, month, number), "day", context)
    return _days(day, day)


@_pattern(r"M1(?:\s+of)?,?\s+Y1")
def _month_year(match: re.Match[str], context: _Context) -> DateRange | None:
    return DateRange(_value(date(int(match["y1"]), _month(match, "m1"), 1), "month"))


@_pattern(r"M1\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
def _month_relative_year(match: re.Match[str], context: _Context) -> DateRange | None:
    """"June this year", "March of last year": the month of the year named relative to publication."""
    if context.published is None:
        return None
    year = context.published.year + {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    return DateRange(_value(date(year, _month(match, "m1"), 1), "month"))


@_pattern(r"(?P<pre>in|since|during|from|until|by|before|after|early|mid|late|of|this|last|next)[\s-]+M1"
          r"(?!,?\s+(?:of\s+)?(?:1[89]\d\d|2[01]\d\d|this\s+year|last\s+year|next\s+year)\b)")
def _month_alone(match: re.Match[str], context: _Context) -> DateRange | None:
    """"in June": a month name alone is only a date after a preposition ("May" is also a verb);
    "last October" is the latest October before publication, "next March" the first after it."""
    month = _month(match, "m1")
    pre = match["pre"].lower()
    if pre in ("last", "next") and context.published is not None:
        anchor = context.published
        year = anchor.year - (month >= anchor.month) if pre == "last" else anchor.year + (month <= anchor.month)
        return DateRange(_value(date(year, month, 1), "month"))
    first = _pick_year(lambda y: date(y, month, 1), "month", context)
    return DateRange(_value(first, "month")) if first else None


@_pattern(r"(?:^\s*Y1\s*$|(?:in|since|during|from|until|by|before|after|early|mid|late|of|end\s+of|for)\s+Y2)")
def _year(match: re.Match[str], context: _Context) -> DateRange | None:
    """A bare number is a year only alone or after a preposition: "2000 troops" is not a date."""
    return DateRange(_value(date(int(match["y1"] or match["y2"]), 1, 1), "year"))


@_pattern(r"(?P<rel>today|yesterday|tomorrow)")
def _near_day(match: re.Match[str], context: _Context) -> DateRange | None:
    if context.published is None:
        return None
    day = context.published + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[match["rel"].lower()])
    return _days(day, day)


@_pattern(r"(?P<rel>last|next|this|the\s+previous|the\s+following|the\s+past|the\s+coming)\s+(?P<unit>year|month)")
def _relative_period(match: re.Match[str], context: _Context) -> DateRange | None:
    if context.published is None:
        return None
    rel = match["rel"].lower().split()[-1]
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "following": 1, "coming": 1, "this": 0}[rel]
    return _shift(context.published, match["unit"].lower(), step)


@_pattern(r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
          r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before|from\s+now)")
def _offset(match: re.Match[str], context: _Context) -> DateRange | None:
    """"two years ago", "three days earlier" (anchored on publication, the only anchor we know)."""
    if context.published is None:
        return None
    raw = match["n"].lower()
    count = int(raw) if raw.isdigit() else NUMBERS[raw]
    sign = -1 if match["dir"].lower() in ("ago", "earlier", "before") else 1
    unit = match["unit"].lower()
    if unit in ("day", "week"):
        day = context.published + timedelta(days=sign * count * (7 if unit == "week" else 1))
        return _days(day, day)
    return _shift(context.published, unit, sign * count)


def _shift(anchor: date, unit: str, step: int) -> DateRange:
    if unit == "year":
        return DateRange(_value(date(anchor.year + step, 1, 1), "year"))
    months = anchor.year * 12 + anchor.month - 1 + step
    return DateRange(_value(date(months // 12, months % 12 + 1, 1), "month"))


@_pattern(r"(?:(?P<rel>last|next|this|on|by|until|since|from|before|after)\s+)?"
          r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
def _weekday(match: re.Match[str], context: _Context) -> DateRange | None:
    """"Thursday" in news is the Thursday nearest publication (past or coming, as ``tense`` says)."""
    if context.published is None:
        return None
    anchor = context.published
    target = WEEKDAYS[match["wd"].lower()]
    back = (anchor.weekday() - target) % 7
    rel = (match["rel"] or "").lower()
    past, coming = anchor - timedelta(days=back), anchor + timedelta(days=(target - anchor.weekday()) % 7)
    if rel == "last":
        day = anchor - timedelta(days=back or 7)
    elif rel == "next":
        day = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    elif rel == "this":
        day = anchor - timedelta(days=anchor.weekday()) + timedelta(days=target)
    elif context.tense == "past":
        day = past
    elif context.tense == "future":
        day = coming
    else:
        day = past if (anchor - past) <= (coming - anchor) else coming
    return _days(day, day)
