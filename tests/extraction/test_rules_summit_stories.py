"""Summit rules for how stories tell meetings (round 18): visits that a departure ends, meetings told
inside other meetings' phrases or in clauses placing them in time, live blogs, meetings counted in a
series, and the year a story is telling. Short texts written for the tests, with the real spaCy
pipeline and the shipped gazetteer; each test was checked to fail before the change it covers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest


def days(summit) -> tuple[str | None, str | None]:
    return (summit.start.value.date().isoformat() if summit.start else None,
            summit.end.value.date().isoformat() if summit.end else None)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Emmanuel Macron left Beijing on Wednesday after a three-day state visit during which he held talks with "
     "Xi Jinping.", datetime(2018, 1, 11, tzinfo=UTC), ("2018-01-08", "2018-01-10")),
    ("Narendra Modi headed home on Monday after a two-day visit to Tokyo for talks with Shinzo Abe.",
     datetime(2018, 10, 30, tzinfo=UTC), ("2018-10-28", "2018-10-29")),
])
def test_a_visit_of_stated_length_ends_on_the_day_its_visitor_leaves(run, text, published, expected) -> None:
    [summit] = run(text, published=published).summits
    assert days(summit) == expected
