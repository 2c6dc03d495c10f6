"""Cutting article text at span offsets: nesting, overlaps, bad offsets, paragraph context."""

from __future__ import annotations

from diplograph.server.textmarks import Mark, runs, window


def test_nested_mention_inside_claim_sentence():
    text = "Kim said that talks would resume."
    cut = runs(text, [Mark(0, len(text), "claim", "c1"), Mark(0, 3, "mention", "kim")])
    assert "".join(run.text for run in cut) == text
    assert [run.text for run in cut] == ["Kim", " said that talks would resume."]
    assert cut[0].of_kind("mention").target == "kim" and cut[0].of_kind("claim").target == "c1"
    assert cut[1].of_kind("mention") is None
    assert [mark.anchor for mark in cut[0].starts] == ["char=0,33", "char=0,3"]


def test_two_claims_on_one_sentence_are_both_kept():
    cut = runs("abc", [Mark(0, 3, "claim", "c1"), Mark(0, 3, "claim", "c2")])
    assert [mark.target for mark in cut[0].all_of("claim")] == ["c1", "c2"]


def test_offsets_outside_the_text_or_empty_are_ignored():
    cut = runs("short", [Mark(2, 99, "mention", "x"), Mark(3, 3, "mention", "y"), Mark(-1, 2, "claim", "z")])
    assert [(run.text, run.marks) for run in cut] == [("short", [])]


def test_code_point_offsets():
    text = "Erdoğan 🇹🇷 met Putin"
    begin = text.index("Putin")
    cut = runs(text, [Mark(begin, begin + 5, "mention", "putin")])
    assert cut[-1].text == "Putin" and cut[-1].marks


def test_window_is_the_paragraph_and_its_neighbours():
    text = "A one.\n\nB two.\n\nC three.\n\nD four."
    b = text.index("C")
    assert text[slice(*window(text, b, b + 8, around=0))] == "C three."
    assert text[slice(*window(text, b, b + 8, around=1))] == "B two.\n\nC three.\n\nD four."
    assert window(text, 0, 6, around=1) == (0, text.index("\n\nC"))
