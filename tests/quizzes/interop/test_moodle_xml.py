"""Moodle XML import and export on the corpus written from Moodle's XML format documentation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring

from quizzes.interop.base import BLANK
from quizzes.models import Question
from quizzes.questiontypes import grade_answer
from quizzes.services.interop import questions_export, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.interop.conftest import by_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(import_file):  # type: ignore[no-untyped-def]
    return import_file("all_types.moodle.xml", "moodle-xml")


def test_it_imports_every_type_the_description_too(report) -> None:  # type: ignore[no-untyped-def]
    assert (report.imported, report.errors) == (12, [])
    description = Question.objects.get(type="description")
    assert (description.stem, description.choices, description.answer, description.points) == (
        "The next questions are about the Vilnius summit.",
        [],
        {},
        0,
    )
    types = sorted(Question.objects.exclude(type="description").values_list("type", flat=True))
    assert types == sorted(
        [
            "single_choice",
            "multiple_response",
            "true_false",
            "short_answer",
            "numeric",
            "matching",
            "ordering",
            "cloze",
            "single_choice",
            "single_choice",
            "essay",
        ]
    )


def test_cdata_html_is_kept_sanitised_with_points_idnumber_tags_and_options(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Single choice in CDATA")
    assert question.stem == "<p>Which system did Germany deliver <b>first</b> to Ukraine in 2022?</p>"
    assert question.explanation == "<p>IRIS-T SLM arrived in October 2022.</p>"
    assert question.points == Decimal("2.00")
    assert question.meta["idnumber"] == "XML-MC-1"
    assert question.meta["tags"] == ["nato", "air defence"]
    assert question.meta["moodle"] == {"answernumbering": "ABCD"}
    assert question.meta["combined_feedback"]["correctfeedback"] == "Your answer is correct."
    assert question.answer == {"correct": "c1", "weights": {"c1": 1.0, "c3": -0.3333333}}
    assert question.choices[1]["feedback"] == "Patriot came in 2023."


def test_nested_categories_set_the_topic_and_a_double_slash_is_a_slash(report) -> None:  # type: ignore[no-untyped-def]
    assert by_title("Single choice in CDATA").topic == "Air defence"
    assert by_title("Single choice in CDATA").meta["category"] == "$course$/top/Security studies/Air defence"
    assert by_title("Matching").topic == "Treaties/Agreements"


def test_entity_escapes_are_decoded(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Multiple response with entity escapes")
    assert question.stem == "<p>Which of these are air-defence systems &amp; missiles?</p>"
    assert question.type == "multiple_response"
    assert question.answer["weights"]["c4"] == -1.0


def test_escaped_characters_inside_html_attributes(report) -> None:  # type: ignore[no-untyped-def]
    stem = by_title("Escaped characters in an HTML attribute").stem
    assert 'href="https://www.nato.int/cps/en/natohq/topics_110496.htm?selectedLocale=en&amp;x=1#art5"' in stem
    assert 'title="&quot;Article 5&quot;"' in stem


def test_true_false_with_feedback_and_its_own_penalty(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("True/false with feedback")
    assert question.answer == {"correct": False}
    assert question.meta["answer_feedback"] == {"true": "No: 1949.", "false": "Right: it was 1949."}
    assert question.meta["moodle"] == {"penalty": "1.0000000"}


def test_short_answer_keeps_weights_and_the_catch_all_feedback(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Short answer")
    assert question.meta["format"] == "plain"
    assert question.answer == {"accepted": ["Jens Stoltenberg", "Jens"], "weights": {"Jens": 0.5}}
    assert question.meta["other_feedback"] == "He was Norway's prime minister before."


def test_numeric_keeps_the_base_unit_and_alternatives(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Numeric with unit")
    assert question.answer == {
        "value": 32,
        "tolerance": 0,
        "unit": "states",
        "alternatives": [{"value": 31, "tolerance": 0, "weight": 0.5}],
    }


def test_matching_with_an_extra_wrong_answer(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Matching")
    assert question.choices["left"] == [{"id": "l1", "text": "<p>Stinger</p>"}, {"id": "l2", "text": "<p>Javelin</p>"}]
    assert [r["text"] for r in question.choices["right"]] == ["air defence", "anti-tank", "naval mine"]
    assert question.points == Decimal("3.00")


def test_ordering_items_follow_their_stored_positions_and_other_grading_is_noted(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Ordering of summits")
    assert [c["text"] for c in question.choices] == ["Vilnius 2023", "Washington 2024", "The Hague 2025"]
    assert question.answer == {"order": ["o1", "o2", "o3"]}
    assert any("not ABSOLUTE_POSITION" in n.reason for n in report.notes if n.question == "#9 Ordering of summits")


def test_a_cloze_with_one_short_answer_gap_is_our_cloze(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Cloze with one gap")
    assert question.type == "cloze"
    assert question.stem == f"<p>The {BLANK} summit of 2023 promised Ukraine a path.</p>"
    assert question.answer == {"accepted": ["Vilnius", "Vilnjus"], "weights": {"Vilnjus": 0.5}}
    assert question.meta["answer_feedback"] == {"Vilnius": "Right", "Vilnjus": "Spelling"}
    assert question.meta["other_feedback"] == "Think of Lithuania"
    assert grade_answer(type="cloze", choices=[], answer=question.answer, response="vilnjus").fraction == 0.5


def test_a_cloze_multiple_choice_gap_becomes_single_choice_with_the_blank(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Cloze multiple-choice gap")
    assert question.type == "single_choice"
    assert question.stem == f"<p>Collective defence is Article {BLANK} of the treaty.</p>"
    assert question.answer == {"correct": "c2"}


def test_malformed_questions_are_reported_one_by_one_and_the_valid_one_imports(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("malformed.moodle.xml", "moodle-xml")
    # A cloze with two gaps is no longer malformed: it becomes embedded answers.
    assert report.imported == 2
    assert sorted(Question.objects.values_list("title", flat=True)) == ["Cloze with two gaps", "Valid one"]
    assert [e.line for e in report.errors] == [3, 7, 13, 20, 27, 38]
    assert [(e.question, e.reason) for e in report.errors] == [
        ("#1 Cloze without subquestions", "the cloze question has no subquestions (no {1:SHORTANSWER:...} style gap)"),
        ("#2 One choice", "a multiple-choice question needs at least two choices, it has 1"),
        ("#3 No fully correct answer", "the multiple-choice question has no fully correct (100%) answer"),
        ("#4 Invalid grade fraction", "invalid grade fraction 'lots' on answer 1"),
        ("#5 Fraction out of range", "invalid grade fraction '150' on answer 1: it must be between -100% and 100%"),
        ("#7 Calculated", "calculated questions have no equivalent question type here"),
    ]


def test_a_file_that_is_not_well_formed_is_refused_with_the_line(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="B", fmt="moodle-xml", data=b"<quiz>\n<question type='truefalse'>\n</quiz>", user=admin)
    assert report.imported == 0
    assert report.errors[0].line == 3
    assert report.errors[0].reason.startswith("the file is not well-formed XML")


def test_entity_declarations_are_refused_for_safety(admin) -> None:  # type: ignore[no-untyped-def]
    bomb = b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz><question type="truefalse"><name><text>&a;</text></name></question></quiz>'
    report = questions_import(bank="B", fmt="moodle-xml", data=bomb, user=admin)
    assert report.imported == 0
    assert "refused for safety" in report.errors[0].reason


def test_export_is_well_formed_and_uses_cdata_only_where_needed() -> None:
    bank = QuestionBankFactory(name="XML export")
    QuestionFactory(
        bank=bank, stem="Is a < b & c > d? ]]> too", explanation="plain", topic="Treaties and agreements", meta={"idnumber": "Q-1"}
    )
    text = questions_export(fmt="moodle-xml", bank=bank)
    root = fromstring(text)
    question = root.findall("question")[1]
    assert root.findall("question")[0].findtext("category/text") == "$course$/top/Treaties and agreements"
    assert question.findtext("questiontext/text") == "Is a < b & c > d? ]]> too"
    assert "<text>plain</text>" in text
    assert question.findtext("idnumber") == "Q-1"
    assert [a.get("fraction") for a in question.findall("answer")] == ["100", "0", "0", "0"]


def test_a_case_sensitive_short_answer_is_graded_with_capitals_and_written_back_so(admin) -> None:  # type: ignore[no-untyped-def]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="shortanswer"><name><text>Acronym</text></name>'
        '<questiontext format="html"><text>Which alliance?</text></questiontext><usecase>1</usecase>'
        '<answer fraction="100"><text>NATO</text></answer></question></quiz>'
    )
    report = questions_import(bank="Case", fmt="moodle-xml", data=xml.encode(), user=admin)
    assert (report.imported, report.notes) == (1, [])
    question = Question.objects.get(bank__name="Case")
    assert question.answer == {"accepted": ["NATO"], "case_sensitive": True}
    graded = {
        typed: grade_answer(type=question.type, choices=[], answer=question.answer, response=typed).fraction for typed in ("NATO", "Nato")
    }
    assert graded == {"NATO": 1.0, "Nato": 0.0}
    assert "<usecase>1</usecase>" in questions_export(fmt="moodle-xml", bank=question.bank)
