"""Lay out dated summits and sanctions on a proportional time axis, drawn as SVG by the template.

Positions are computed here so the picture needs no script; labels go into lanes below the axis
so that they do not overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WIDTH = 1000
MARGIN = 20
AXIS_Y = 30
LANE_HEIGHT = 18
CHAR_WIDTH = 6.2  # an estimate for the 11px sans-serif labels
MAX_LABEL = 44
MAX_LANES = 24


@dataclass(frozen=True)
class Placed:
    event: object  # entity_pages.Event
    x: float
    x_end: float
    y: float
    label: str
    label_x: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    items: list[Placed]
    ticks: list[Tick]
    height: float
    width: int = WIDTH
    axis_y: int = AXIS_Y


def layout(events: list) -> Layout | None:
    """Place events that have a parseable start date; None when there are none."""
    dated = [(event, start, _date(event.end) or start) for event in events if (start := _date(event.start))]
    if not dated:
        return None
    first = min(start for _, start, _ in dated)
    last = max(end for _, _, end in dated)
    pad = max((last - first) * 0.04, timedelta(days=60))
    low, high = first - pad, last + pad
    scale = (WIDTH - 2 * MARGIN) / (high - low).total_seconds()

    def x_of(moment: datetime) -> float:
        return round(MARGIN + (moment - low).total_seconds() * scale, 1)

    lanes: list[float] = []  # the x where each lane is free again
    items = []
    for event, start, end in sorted(dated, key=lambda item: item[1]):
        x = x_of(start)
        label = event.label if len(event.label) <= MAX_LABEL else event.label[: MAX_LABEL - 1] + "…"
        label_x = round(max(MARGIN, min(x, WIDTH - MARGIN - len(label) * CHAR_WIDTH)), 1)
        lane = next((i for i, free in enumerate(lanes) if free <= label_x), None)
        if lane is None and len(lanes) < MAX_LANES:
            lanes.append(0.0)
            lane = len(lanes) - 1
        elif lane is None:  # crowded: reuse the lane that frees up first
            lane = min(range(len(lanes)), key=lanes.__getitem__)
        lanes[lane] = label_x + len(label) * CHAR_WIDTH + 8
        items.append(Placed(event, x, max(x_of(end), x), AXIS_Y + 24 + lane * LANE_HEIGHT, label, label_x))
    ticks = [Tick(x_of(datetime(year, 1, 1, tzinfo=low.tzinfo)), str(year))
             for year in range(low.year + 1, high.year + 1)]
    step = max(1, len(ticks) // 12)
    return Layout(items, ticks[::step], AXIS_Y + 24 + len(lanes) * LANE_HEIGHT + 10)


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
