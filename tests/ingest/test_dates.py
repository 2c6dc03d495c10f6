"""Date expressions resolve to what the text states, anchored on publication, never invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from diplograph.ingest.dates import find, parse_published, resolve

# A Friday: 22 February 2019, a few days before the Hanoi summit.
PUBLISHED = datetime(2019, 2, 22, 15, 30, tzinfo=UTC)


def stated(text: str, published: datetime | None = PUBLISHED, **kw) -> tuple | None:
    """(start ISO date, precision, end ISO date or None) for a compact comparison."""
    found = resolve(text, published, **kw)
    if found is None:
        return None
    start, end = found
    return start.value.date().isoformat(), start.precision, end.value.date().isoformat() if end else None


@pytest.mark.parametrize(("text", "expected"), [
    ("on June 12, 2018", ("2018-06-12", "day", None)),
    ("12 June 2018", ("2018-06-12", "day", None)),
    ("the 12th of June, 2018", ("2018-06-12", "day", None)),
    ("2018-06-12", ("2018-06-12", "day", None)),
    ("Feb. 27, 2019", ("2019-02-27", "day", None)),
    ("June 2018", ("2018-06-01", "month", None)),
    ("in 2018", ("2018-01-01", "year", None)),
    ("2018", ("2018-01-01", "year", None)),
    ("June 12-14, 2018", ("2018-06-12", "day", "2018-06-14")),
    ("27-28 February 2019", ("2019-02-27", "day", "2019-02-28")),
    ("June 30 to July 1, 2019", ("2019-06-30", "day", "2019-07-01")),
    ("December 30, 2018 - January 2, 2019", ("2018-12-30", "day", "2019-01-02")),
    ("June 12, 2018 - June 14", ("2018-06-12", "day", "2018-06-14")),
])
def test_absolute_dates_need_no_anchor(text: str, expected: tuple) -> None:
    assert stated(text, None) == expected
    assert stated(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("February 27-28", ("2019-02-27", "day", "2019-02-28")),
    ("February 27\u201328", ("2019-02-27", "day", "2019-02-28")),
    ("in June", ("2019-06-01", "month", None)),
    ("last year", ("2018-01-01", "year", None)),
    ("this year", ("2019-01-01", "year", None)),
    ("next month", ("2019-03-01", "month", None)),
    ("last month", ("2019-01-01", "month", None)),
    ("Thursday", ("2019-02-21", "day", None)),
    ("last Friday", ("2019-02-15", "day", None)),
    ("next Tuesday", ("2019-02-26", "day", None)),
    ("yesterday", ("2019-02-21", "day", None)),
    ("two years ago", ("2017-01-01", "year", None)),
    ("three days ago", ("2019-02-19", "day", None)),
    ("eight months ago", ("2018-06-01", "month", None)),
    ("June 12", ("2019-06-12", "day", None)),  # nearer the anchor than June 12, 2018
    ("December 12", ("2018-12-12", "day", None)),  # nearer than December 12, 2019
])
def test_relative_and_year_less_dates_use_the_publication_date(text: str, expected: tuple) -> None:
    assert stated(text) == expected


@pytest.mark.parametrize("text", [
    "February 27-28", "in June", "last year", "Thursday", "yesterday", "two years ago", "June 12",
])
def test_without_a_publication_date_nothing_is_invented(text: str) -> None:
    assert resolve(text, None) is None


def test_tense_chooses_between_last_and_next_occurrence() -> None:
    assert stated("Monday", tense="past") == ("2019-02-18", "day", None)
    assert stated("Monday", tense="future") == ("2019-02-25", "day", None)
    assert stated("in December", tense="past") == ("2018-12-01", "month", None)
    assert stated("in December", tense="future") == ("2019-12-01", "month", None)
    assert stated("in February", tense="past") == ("2019-02-01", "month", None)


@pytest.mark.parametrize("text", ["2000 troops", "May", "February 30, 2019", "the summit", "", "1 2 3"])
def test_non_dates_and_impossible_dates_resolve_to_nothing(text: str) -> None:
    assert resolve(text, PUBLISHED) is None


def test_find_reports_every_expression_with_its_offsets() -> None:
    text = "They first met in Singapore on June 12, 2018, and meet again in Hanoi on February 27-28."
    found = find(text, PUBLISHED)
    assert [(text[m.start:m.end], m.value.start.value.date().isoformat()) for m in found] == [
        ("June 12, 2018", "2018-06-12"), ("February 27-28", "2019-02-27")]
    assert found[1].value.end.value.date().isoformat() == "2019-02-28"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2019-02-27T08:30:00+07:00", datetime(2019, 2, 27, 1, 30, tzinfo=UTC)),
    ("2019-02-27T08:30:00Z", datetime(2019, 2, 27, 8, 30, tzinfo=UTC)),
    ("2019-02-27", datetime(2019, 2, 27, tzinfo=UTC)),
    ("Wed, 27 Feb 2019 08:30:00 GMT", datetime(2019, 2, 27, 8, 30, tzinfo=UTC)),
    ("February 27, 2019", datetime(2019, 2, 27, tzinfo=UTC)),
])
def test_publication_timestamps_parse_to_utc(raw: str, expected: datetime) -> None:
    assert parse_published(raw) == expected


@pytest.mark.parametrize("raw", ["", "soon", "not a date at all"])
def test_bad_publication_timestamps_are_errors_naming_the_value(raw: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_published(raw)


@pytest.mark.parametrize(("text", "expected"), [
    ("on 21 and 22 March 2019", ("2019-03-21", "day", "2019-03-22")),
    ("3 and 17 June 2019", ("2019-06-17", "day", None)),  # two separate days: no range, the first date named fully
])
def test_two_days_in_a_row_joined_by_and_are_a_range(text: str, expected: tuple) -> None:
    assert stated(text) == expected
