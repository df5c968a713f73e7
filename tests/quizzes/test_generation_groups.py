"""Exclusion groups (``quality``): a select-all of the names filling one blank of a quoted sentence joins another
question's group only when that question's stem prints the whole set; one of its names printed elsewhere answers nothing.

The quiz draw still keeps two questions apart when one's key term is printed in the other (``services.draws``): the
groups say which questions a bank holds as independent facts, the draw which of them meet in one quiz."""

from __future__ import annotations

from quizzes.generation.builders import QuestionDraft
from quizzes.generation.quality import _relations
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType

SECTION = SectionText(0, "Support for the region", "body", "en", "", 0)


def draft(qtype: str, stem: str, choices: list[str], correct: list[str], start: int) -> QuestionDraft:
    options = [{"id": f"c{i}", "text": t} for i, t in enumerate(choices)]
    ids = [o["id"] for o in options if o["text"] in correct]
    answer = {"correct": ids} if qtype == QuestionType.MULTIPLE_RESPONSE else {"correct": ids[0]}
    return QuestionDraft(qtype, stem, options, answer, "", "t", 0.5, SECTION, f"sentence {start}", start, start + 10, f"k{start}")


def joined(a: QuestionDraft, b: QuestionDraft) -> bool:
    edges, _, _ = _relations([a, b])
    return (0, 1) in edges or (1, 0) in edges


COUNTRIES_IN_A_BLANK = draft(
    QuestionType.MULTIPLE_RESPONSE,
    "Which countries belong in the blank of this sentence from the reading? Select all that apply. "
    "“Countries like ____ have expressed concerns about the risks of enlargement.”",
    ["France", "Germany", "Greece", "Montenegro", "Slovakia"],
    ["France", "Germany"],
    start=0,
)


def test_one_country_of_a_select_all_printed_in_another_stem_does_not_tie_the_two_questions():
    # "Germany's IRIS-T" says nothing of who voiced concerns: a quiz may ask both.
    other = draft(
        QuestionType.SINGLE_CHOICE,
        "Which air-defence system completes this sentence from the reading? “Allies sent the ____ and Germany's IRIS-T.”",
        ["Patriot", "Hawk", "Gepard", "SAMP/T"],
        ["Patriot"],
        start=100,
    )
    assert not joined(COUNTRIES_IN_A_BLANK, other)


def test_countries_of_a_select_all_offered_in_another_select_all_do_not_tie_them():
    other = draft(
        QuestionType.MULTIPLE_RESPONSE,
        "Which countries belong in the blank of this sentence from the reading? Select all that apply. "
        "“Countries like ____ have rebuilt schools and hospitals.”",
        ["France", "Germany", "Italy", "Greece", "Slovakia"],
        ["France", "Italy"],
        start=100,
    )
    assert not joined(COUNTRIES_IN_A_BLANK, other)


def test_a_stem_printing_every_country_of_the_select_all_gives_it_away_and_ties_them():
    other = draft(
        QuestionType.SINGLE_CHOICE,
        "Which term completes this sentence from the reading? “Germany and France fear the costs of ____.”",
        ["collective defence", "burden sharing", "sanctions", "interoperability"],
        ["collective defence"],
        start=100,
    )
    assert joined(COUNTRIES_IN_A_BLANK, other)


def test_a_select_all_of_what_the_reading_names_is_tied_to_a_stem_printing_one_of_them():
    # "Which of these does the reading name?" is answered in part by any stem quoting one of the names.
    named = draft(
        QuestionType.MULTIPLE_RESPONSE,
        "Which of these weapons systems does the reading name? Select all that apply.",
        ["HIMARS", "Javelin", "Leopard 2", "Mirage 2000"],
        ["HIMARS", "Javelin"],
        start=0,
    )
    other = draft(
        QuestionType.SINGLE_CHOICE,
        "Which anti-tank weapon completes this sentence from the reading? “The ____ stopped the column, and HIMARS struck depots.”",
        ["Javelin", "NLAW", "Carl Gustaf", "Panzerfaust 3"],
        ["Javelin"],
        start=100,
    )
    assert joined(named, other)
