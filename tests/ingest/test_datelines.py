"""The publication date a plain text's header states (``ingest.datelines``), read through ``read_file``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from diplograph.ingest.readers import read_file


def _published(tmp_path: Path, text: str) -> datetime | None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    [article] = read_file(path)
    return article.published


def test_a_transcript_s_weekday_header_with_a_full_stop_dates_the_article(tmp_path: Path) -> None:
    assert _published(tmp_path, "Remarks by the Prime Minister in Ottawa\n\nTuesday 14 March 2023.\n\n"
                                "THE PRIME MINISTER: Good morning. We met the premiers yesterday.\n") \
        == datetime(2023, 3, 14, tzinfo=UTC)


def test_a_dated_caption_ending_in_a_full_stop_dates_nothing(tmp_path: Path) -> None:
    assert _published(tmp_path, "Macron hosts Scholz\n\nMacron and Scholz at the Elysee Palace, January 22, 2023.\n\n"
                                "The two leaders met on Sunday to mark the treaty's anniversary.\n") is None


def test_a_wire_dateline_without_a_year_takes_the_year_the_story_states(tmp_path: Path) -> None:
    story = ("Erdogan to visit Gulf\n\nANKARA, July 14 (Reuters) - Turkish President Tayyip Erdogan will tour "
             "three Gulf states next week, his first trip to the region since elections in May 2023. Officials "
             "said a trade deal could be signed by 2030.\n")
    assert _published(tmp_path, story) == datetime(2023, 7, 14, tzinfo=UTC)


def test_a_wire_dateline_without_a_year_in_a_story_stating_none_dates_nothing(tmp_path: Path) -> None:
    assert _published(tmp_path, "Erdogan to visit Gulf\n\nANKARA, July 14 (Reuters) - Turkish President Tayyip "
                                "Erdogan will tour three Gulf states next week.\n") is None


def test_a_yearless_dateline_takes_the_year_beside_the_stated_one_that_fits_the_lede_s_weekday(tmp_path: Path) -> None:
    story = ("Erdogan to visit Gulf\n\nANKARA, July 14 (Reuters) - Turkish President Tayyip Erdogan said on Friday "
             "he would tour three Gulf states, his first trip since the elections of May 2022.\n")
    assert _published(tmp_path, story) == datetime(2023, 7, 14, tzinfo=UTC)  # a Friday; July 14, 2022 was not


def test_a_metadata_line_of_short_fields_set_apart_by_bars_dates_the_article(tmp_path: Path) -> None:
    assert _published(tmp_path, "Seoul must keep its nerve\nHarbour Times (Sokcho) | Opinion | June 24, 2024 | By Lee "
                                "Min-ho, senior columnist\n\nThe border station has not sold a ticket north in "
                                "decades.\n") == datetime(2024, 6, 24, tzinfo=UTC)
