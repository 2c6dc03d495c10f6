"""Leaders the facts' leaders file lacks but its GoS source names (``raw/gos_speakers.tsv``, cited as
"GoS" in leaders.csv): a speaker whose description is an office the annotation counts as a Leader
without being a state's head, the President of the European Commission. Each becomes a facts-style
row for ``build_gazetteer.build_people``, with the office and no dates (the file gives none).
"""

from __future__ import annotations

import csv
from pathlib import Path

SPEAKERS = Path("raw") / "gos_speakers.tsv"
# description in the file -> the role ``build_people`` records (see OFFICES there)
LEADER_OFFICES = {"President of the European Commission": "commission_president"}
ORGANISATION = {"commission_president": "EU Q458"}  # whose office it is (organizations.csv)


def speaker_leaders(facts: Path) -> list[tuple[dict[str, str], str]]:
    """(row, where) for each speaker of a leader office, in file order (a speaker listed twice, twice)."""
    path = facts / SPEAKERS
    if not path.is_file():
        return []
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, values in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            office = values[3].strip() if len(values) > 3 else ""
            if office in LEADER_OFFICES:
                role = LEADER_OFFICES[office]
                found.append(({"qid": values[0].strip(), "name": values[1].strip(), "aliases": "", "state_iso3": "",
                               "role": role, "start": "", "end": "", "verified": "single-source",
                               "sources": f"GoS (raw/gos_speakers.tsv) | organisation: {ORGANISATION[role]}"},
                              f"{path}:{number}"))
    return found
