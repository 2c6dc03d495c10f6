"""Short news-like test articles generated from templates with real names (our own words).

Kept short (about 60 words) so a 200-article batch parses in seconds with the small spaCy model.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

LEADERS = [
    ("U.S. President Joe Biden", "Biden", "the United States", "Washington"),
    ("Russian President Vladimir Putin", "Putin", "Russia", "Moscow"),
    ("Chinese President Xi Jinping", "Xi", "China", "Beijing"),
    ("French President Emmanuel Macron", "Macron", "France", "Paris"),
    ("German Chancellor Olaf Scholz", "Scholz", "Germany", "Berlin"),
    ("Japanese Prime Minister Fumio Kishida", "Kishida", "Japan", "Tokyo"),
    ("Indian Prime Minister Narendra Modi", "Modi", "India", "New Delhi"),
    ("South Korean President Yoon Suk Yeol", "Yoon", "South Korea", "Seoul"),
    ("North Korean leader Kim Jong Un", "Kim", "North Korea", "Pyongyang"),
    ("Turkish President Recep Tayyip Erdogan", "Erdogan", "Turkey", "Ankara"),
    ("Brazilian President Luiz Inacio Lula da Silva", "Lula", "Brazil", "Brasilia"),
    ("British Prime Minister Rishi Sunak", "Sunak", "the United Kingdom", "London"),
]
VENUES = ["Geneva", "Vienna", "Helsinki", "Singapore", "Bali", "Hiroshima", "Brussels", "Istanbul"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "November"]

TEMPLATES = [
    "{a} met {b} in {venue} on {month} {day}, {year}, for talks on trade and security. {a_short} said the "
    "meeting was frank and useful. Officials in {b_capital} said {b_short} wanted closer ties with {a_state}.",
    "{a} hosted {b} in {a_capital} on {month} {day}, {year}. The two leaders discussed energy prices and the war "
    "in Ukraine. Analysts said the visit could ease tensions between {a_state} and {b_state}.",
    "{a_state} imposed new sanctions on {b_state} on {month} {day}, {year}, freezing the assets of several "
    "banks. {b_short} denied that his government had broken any rules. {a_short} said the measures would stay.",
    "{a} warned {b_state} on {month} {day}, {year}, that further missile tests would bring new sanctions. "
    "{b_short} said {b_state} would not give up its defences. Diplomats in {venue} called for calm.",
]


def article(index: int, rng: random.Random) -> dict:
    """One article as a JSON record; ``index`` makes its title and URL unique."""
    a, b = rng.sample(LEADERS, 2)
    text = rng.choice(TEMPLATES).format(
        a=a[0], a_short=a[1], a_state=a[2], a_capital=a[3], b=b[0], b_short=b[1], b_state=b[2], b_capital=b[3],
        venue=rng.choice(VENUES), month=rng.choice(MONTHS), day=rng.randint(1, 28), year=rng.randint(2019, 2024))
    return {"title": f"Dispatch {index}: {a[1]} and {b[1]}", "url": f"https://wire.example.org/dispatch/{index}",
            "published": f"{rng.randint(2019, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "text": text}


def write_batch(folder: Path, count: int = 200, seed: int = 8) -> Path:
    """``count`` articles, one JSON file each (so a killed run can stop between any two)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"{index:03d}.json").write_text(json.dumps(article(index, rng)), encoding="utf-8")
    return folder
