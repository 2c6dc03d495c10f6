"""The time axis: proportional positions, labels that do not overlap, undated events left out."""

from __future__ import annotations

import itertools

from diplograph.server.entity_pages import Event
from diplograph.server.timeline import CHAR_WIDTH, WIDTH, layout


def test_positions_follow_dates_and_labels_do_not_overlap():
    events = [Event(f"urn:e{i}", "summit", f"Summit number {i} with a long name", f"2019-0{1 + i % 9}-1{i % 9}")
              for i in range(20)] + [Event("urn:late", "sanction", "Late", "2024-06-24T00:00:00Z")]
    picture = layout(events)
    assert picture is not None and len(picture.items) == len(events)
    by_iri = {item.event.iri: item for item in picture.items}
    assert by_iri["urn:late"].x > by_iri["urn:e8"].x > by_iri["urn:e0"].x
    assert all(0 < item.x < WIDTH for item in picture.items)
    lanes: dict[float, list] = {}
    for item in picture.items:
        lanes.setdefault(item.y, []).append((item.label_x, item.label_x + len(item.label) * CHAR_WIDTH))
    for boxes in lanes.values():
        boxes.sort()
        assert all(left[1] <= right[0] for left, right in itertools.pairwise(boxes))
    assert [tick.label for tick in picture.ticks][:2] == ["2019", "2020"]


def test_no_dated_events_no_picture():
    assert layout([Event("urn:x", "summit", "Undated", "")]) is None
    assert layout([Event("urn:x", "summit", "Bad date", "sometime in spring")]) is None
