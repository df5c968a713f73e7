"""Quality gates: each gate on its own, then every gate over the whole generated seed bank."""

from __future__ import annotations

import pytest

from quizzes.generation import bank_generate_for_reading
from quizzes.generation.gates import GateItem, bank_gate_failures, check_item, filter_items, is_near_duplicate
from quizzes.generation.service import lexicon_load_seed
from quizzes.models import Question, QuestionType
from tests.quizzes.seed_readings import import_seed_readings

PASSAGE = "Neighboring NATO countries like Poland, Romania, and Hungary have provided refuge."


def item(**overrides) -> GateItem:
    values = {
        "ref": "q",
        "type": QuestionType.CLOZE,
        "stem": "Complete: “Neighboring NATO countries like ____, Romania, and Hungary have provided refuge.”",
        "choices": [],
        "answer": {"accepted": ["Poland"]},
        "passage": PASSAGE,
        "meta": {"quoted": "Neighboring NATO countries like ____, Romania, and Hungary have provided refuge."},
        "section_kind": "body",
        "section_language": "en",
    }
    values.update(overrides)
    return GateItem(**values)


def gates(i: GateItem) -> set[str]:
    return {f.gate for f in check_item(i)}


def test_a_good_question_passes_every_gate():
    assert gates(item()) == set()


def test_an_answer_missing_from_the_cited_passage_fails():
    assert gates(item(answer={"accepted": ["Slovakia"]})) == {"answerable"}


def test_an_answer_in_the_stem_fails():
    assert "answer_in_stem" in gates(item(stem="Poland is one; complete: “… like ____, Romania …”"))
    numeric = item(
        type=QuestionType.NUMERIC,
        stem="The aid was $280 billion; how many billions?",
        answer={"value": 280, "tolerance": 0, "unit": "billion USD"},
        passage="The aid amounted to $280 billion.",
        meta={"evidence": ["280"]},
    )
    assert gates(numeric) == {"answer_in_stem"}


def test_which_article_is_given_away_by_the_article_named_in_the_provision_not_by_a_paragraph_number():
    passage = "Article I … 2. Each Party undertakes to refrain from any explosion described in paragraph 1 of this Article."
    article = {
        "type": QuestionType.SHORT_ANSWER,
        "answer": {"accepted": ["Article I", "I", "Article 1", "1"]},
        "passage": passage,
        "meta": {"section_label": "Article I"},
    }
    quoted = "“Each Party undertakes to refrain from any explosion described in paragraph 1 of this Article.”"
    assert gates(item(stem=f"Which article of the Treaty contains this provision? {quoted}", **article)) == set()
    assert gates(item(stem="Which article contains this provision? “Under Article I, each Party refrains.”", **article)) == {
        "answer_in_stem"
    }


def test_a_cloze_sentence_opening_with_an_unresolved_reference_fails():
    for opener in ("This", "These", "It", "Such"):
        quoted = f"{opener} ____ strikes proved critical."
        assert "unresolved_reference" in gates(
            item(
                stem=f"Complete: “{quoted}”",
                meta={"quoted": quoted},
                passage="These HIMARS strikes proved critical.",
                answer={"accepted": ["HIMARS"]},
            )
        )


def test_options_must_be_distinct_after_normalisation():
    choices = [{"id": "a1", "text": "Poland"}, {"id": "b2", "text": "poland."}, {"id": "c3", "text": "Romania"}]
    assert "options_distinct" in gates(
        item(type=QuestionType.SINGLE_CHOICE, stem="Which country?", choices=choices, answer={"correct": "a1"})
    )


def test_a_foreign_language_or_reference_section_fails():
    assert gates(item(section_kind="foreign_abstract", section_language="pl")) == {"source_section"}
    assert gates(item(section_kind="references")) == {"source_section"}


def test_a_false_statement_whose_swapped_term_is_in_the_passage_fails():
    tf = item(
        type=QuestionType.TRUE_FALSE,
        stem="True or false? “… like Romania …”",
        answer={"correct": False},
        meta={"tf_original": "Poland", "tf_swapped": "Romania"},
    )
    assert gates(tf) == {"answerable"}


def test_near_duplicate_stems_are_caught_but_different_names_are_different_questions():
    assert is_near_duplicate(
        "Which year is missing: “Russia annexed Crimea in ____.”", "Which year is missing:  “Russia annexed Crimea in ____”"
    )
    assert is_near_duplicate(
        "What is the capital city named in the reading as host?", "What is the capital city named in the reading as the host?"
    )
    assert not is_near_duplicate("What does the abbreviation CCDCOE stand for?", "What does the abbreviation EADRCC stand for?")
    kept, dropped = filter_items([item(ref=1), item(ref=2)])
    assert [i.ref for i in kept] == [1] and [(f.ref, f.gate) for f in dropped] == [(2, "near_duplicate")]


@pytest.mark.django_db
def test_the_whole_generated_seed_bank_passes_every_gate():
    lexicon_load_seed()
    for reading in import_seed_readings():
        bank_generate_for_reading(reading=reading)
    for bank_id in Question.objects.values_list("bank_id", flat=True).distinct():
        questions = Question.objects.filter(bank_id=bank_id, is_current=True, origin=Question.Origin.GENERATED).select_related(
            "source_section"
        )
        assert questions.exists()
        assert bank_gate_failures(questions) == []
