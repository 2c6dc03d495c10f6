"""The publication date a plain text's header states, for articles saved without metadata.

Relative dates ("on Thursday", "last night") and the leader "the president" means need the day an
article was written. A text file has it only in its header, in one of these shapes:

* a date line below the title: "Published: 2023-11-16", "Date: June 12, 2018" (taken out of the text);
* a short dated byline or dateline among a scraped page's first lines: "By Jane Doe | March 24, 2023",
  "Fri 27 Apr 2018 14.52 BST", or a metadata line of short fields set apart by bars ("Outlet | Opinion |
  June 24, 2024 | By Jane Doe, editorial writer");
* a transcript's or live blog's verbless header, a full stop and all: "Thursday 28 February 2019.",
  "Seoul, 27 May 2018, 10:00 KST." (a weekday or a clock time marks it; a caption has neither);
* a wire story's dateline before its dash: "SEOUL, May 27, 2024 (Agency) -", and "BEIJING, Jan 10
  (Reuters) -" without a year, which takes the latest year the story states (not a deadline's), or
  the year beside it when only that one makes the day fit the weekday the lede names.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime

from diplograph.ingest.dates import find as find_dates
from diplograph.ingest.dates import parse_published

# "Published: 2023-11-16", "Date: June 12, 2018": a date line in the header of a saved article.
DATE_LINE = re.compile(r"^[ \t]*(?:published|date|posted|dated)(?:[ \t]+on)?[ \t]*:[ \t]*"
                       r"(?P<value>[^\n]{4,60}?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
HEADER_LINES = 6  # how far below the title a date line still counts as header, in non-blank lines
# A scraped page's header (section line, repeated title, standfirst, captions, byline) is longer.
BYLINE_LINES = 14
BYLINE_MAX_CHARS = 100
BYLINE_MAX_WORDS = 8  # words besides the date: "By Jane Doe | Updated 6 hours ago"
# A wire story's dateline opens its first paragraph: "SEOUL, May 27, 2024 (Agency) - The summit ...".
WIRE_DATELINE = re.compile(r"^[A-Z]{2}[A-Z.'\- ]*(?:,[ \t]+[A-Z][\w.' ]*)?,[ \t]+[^()\n]{6,40}?[ \t]*"
                           r"(?:\([^()\n]{1,40}\)[ \t]*)?(?:-|\u2013|\u2014|--)[ \t]")
# What makes a line ending in a full stop a header rather than a caption: a weekday or a clock time.
HEADER_MARK = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b|\b\d{1,2}[:.]\d{2}\b", re.IGNORECASE)
WEEKDAYS = [name.lower() for name in calendar.day_name]
WEEKDAY = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")
CLOCK_END = re.compile(r"\b[ap]\.m\.$")  # "By Jane Doe | March 24, 2023 at 9:41 a.m."
DEADLINE = re.compile(r"\b(?:by|until|till|through|before)\s+(?:\w+\s+)?$", re.IGNORECASE)


def header_date(body: str) -> tuple[str, datetime | None]:
    """The body without its header date line, and that date (else a byline's or dateline's, which
    stays in the text); an unparsable date line stays text."""
    header_end = 0
    for _ in range(HEADER_LINES):
        while body.startswith("\n", header_end):
            header_end += 1
        line_end = body.find("\n", header_end)
        header_end = len(body) if line_end < 0 else line_end
    match = DATE_LINE.search(body, 0, header_end)
    if match is None:
        return body, _byline_date(body)
    try:
        published = parse_published(match["value"])
    except ValueError:
        return body, None
    return body[:match.start()] + body[match.end():], published


def _byline_date(body: str) -> datetime | None:
    """The first full date on a short header line that is little else (a scraped page's dateline or
    byline), or in a wire story's dateline before the dash. A caption or body sentence (too long, or
    ending in a full stop without a header's weekday or clock time) does not qualify, and a month
    without a day ("April 2023") is no publication date."""
    lines = [line.strip() for line in body.split("\n") if line.strip()][:BYLINE_LINES]
    for line in lines:
        anchor = None
        if (dateline := WIRE_DATELINE.match(line)) is not None:
            lede = line[dateline.end():].split(". ", 1)[0]
            line = dateline.group(0).rstrip(" \t-\u2013\u2014")  # the dateline, not the story after it
            anchor = _dateline_year(body, line, lede)
        if len(line) > BYLINE_MAX_CHARS or (line.endswith(".") and not CLOCK_END.search(line)
                                            and not _verbless_header(line)):
            continue  # a body sentence or a caption, not a dateline
        days = [m for m in find_dates(line, anchor) if m.value.start.precision == "day"]
        if not days:
            continue
        rest = line[:days[0].start] + line[days[0].end:]
        if len(re.findall(r"[A-Za-z]+", rest)) <= BYLINE_MAX_WORDS or _short_fields(line):
            return days[0].value.start.value
    return None


def _short_fields(line: str) -> bool:
    """'East Coast Daily (Gangwon) | Opinion | June 24, 2024 | By Choi Eun-ji, editorial writer': a scraped
    page's metadata line, its fields (outlet, section, date, byline) set apart by bars, each of them short,
    however many words they hold together."""
    fields = line.split("|")
    return len(fields) > 2 and all(len(re.findall(r"[A-Za-z]+", field)) <= BYLINE_MAX_WORDS for field in fields)


def _verbless_header(line: str) -> bool:
    """'Thursday 28 February 2019.': a header's date with a weekday or a clock time, and capitalised
    words only ('Trump and Kim in Singapore, June 12, 2018.' is a caption)."""
    return HEADER_MARK.search(line) is not None and all(w[:1].isupper() for w in re.findall(r"[A-Za-z]+", line))


def _dateline_year(body: str, dateline: str, lede: str) -> datetime | None:
    """The year of a dateline that gives none: the latest year the text states, or the year either side
    of it when only there is the dateline's day a weekday the lede names, or the day after one ("BEIJING,
    Jan 10 (Reuters) - ... ended a visit on Thursday" over a story naming 2018 only: 2019)."""
    stated = _stated_year(body)
    named = {WEEKDAYS.index(word.lower()) for word in WEEKDAY.findall(lede)}
    if stated is None or not named:
        return stated
    for year in (stated.year, stated.year + 1, stated.year - 1):
        anchor = datetime(year, 7, 1, tzinfo=UTC)
        days = [m.value.start.value for m in find_dates(dateline, anchor) if m.value.start.precision == "day"]
        if days and {days[0].weekday(), (days[0].weekday() - 1) % 7} & named:
            return anchor
    return stated


def _stated_year(body: str) -> datetime | None:
    """Mid-year of the latest year the text states, the year of a dateline that gives none ("BEIJING,
    Jan 10 (Reuters) -" over a story of "his first trip abroad in 2019"); a deadline ("by 2030",
    "runs until 2027") is no year the story is in."""
    years = [m.value.start.value.year for m in find_dates(body)
             if not DEADLINE.search(body[max(0, m.start - 20):m.start])
             and not re.match(r"(?:by|until|till|through|before)\b", m.text, re.IGNORECASE)]
    return datetime(max(years), 7, 1, tzinfo=UTC) if years else None
