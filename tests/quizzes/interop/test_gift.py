"""GIFT import and export, construct by construct, on the corpus written from Moodle's GIFT documentation."""

from __future__ import annotations

import pytest

from quizzes.interop.base import BLANK
from quizzes.models import Question
from quizzes.questiontypes import grade_answer
from quizzes.services.interop import questions_export, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.interop.conftest import by_title, corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(import_file):  # type: ignore[no-untyped-def]
    return import_file("all_constructs.gift.txt", "gift")


def grade(question: Question, response: object) -> float:
    return grade_answer(type=question.type, choices=question.choices, answer=question.answer, response=response).fraction


def test_it_imports_every_question_of_the_corpus_as_a_draft_the_description_too(report) -> None:  # type: ignore[no-untyped-def]
    assert (report.imported, report.errors) == (26, [])
    description = by_title("Description")
    assert (description.type, description.stem, description.choices, description.answer, description.points) == (
        "description",
        "The following questions are about the 2023 Vilnius summit.",
        [],
        {},
        0,
    )
    essay = by_title("Essay")
    assert (essay.type, essay.stem, essay.choices, essay.answer) == ("essay", "Discuss NATO's open-door policy.", {}, {})
    assert set(Question.objects.values_list("status", "origin")) == {(Question.Status.DRAFT, Question.Origin.IMPORTED)}


def test_multiple_choice_keeps_the_feedback_of_each_answer(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("MC with feedback")
    assert question.type == "single_choice"
    assert [c["text"] for c in question.choices] == ["IRIS-T SLM", "Patriot", "NASAMS", "Stinger"]
    assert question.choices[0]["feedback"] == "Right: the first unit arrived in October 2022."
    assert "feedback" not in question.choices[2]
    assert question.answer == {"correct": "c1"}


def test_comments_set_the_idnumber_and_tags(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("MC with feedback")
    assert question.meta["idnumber"] == "GIFT-MC-1"
    assert question.meta["tags"] == ["nato", "air defence"]
    assert by_title("Escapes: all of them").meta["idnumber"] == "ESC-]-1"


def test_a_category_with_spaces_becomes_the_topic(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("MC with feedback")
    assert question.meta["category"] == "$course$/top/Air defence systems"
    assert question.topic == "Air defence systems"


def test_a_double_slash_in_a_category_is_a_slash_in_the_name(report) -> None:  # type: ignore[no-untyped-def]
    assert by_title("TF short").topic == "Article 5 and beyond"
    assert by_title("TF short").meta["category"] == "$course$/top/Treaties//Agreements/Article 5 and beyond"


def test_an_answer_block_in_the_middle_of_the_sentence_leaves_a_blank(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Missing word MC")
    assert question.stem == f"The alliance's collective defence clause is Article {BLANK} of the Washington Treaty."
    assert question.choices[1]["text"] == "5"
    assert question.answer == {"correct": "c2"}


def test_partial_and_negative_weights_on_a_single_answer(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Partial single")
    assert question.answer == {"correct": "c1", "weights": {"c1": 1.0, "c2": 0.5, "c3": -0.25}}
    assert grade(question, "c2") == 0.5
    assert grade(question, "c3") == 0.0


def test_decimal_weights_make_a_multiple_response_question(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Multiple answers")
    assert question.type == "multiple_response"
    assert question.answer["correct"] == ["c1", "c2", "c3"]
    assert question.answer["weights"] == {"c1": 0.3333333, "c2": 0.3333333, "c3": 0.3333334, "c4": -1.0}
    assert grade(question, ["c1", "c2", "c3"]) == pytest.approx(1.0)
    assert grade(question, ["c1", "c2", "c3", "c4"]) == pytest.approx(0.0, abs=1e-9)  # summed in set order
    assert question.explanation == "Three of the four defend against aircraft and missiles."


@pytest.mark.parametrize(
    ("title", "correct", "feedback"),
    [
        ("TF short", True, None),
        ("TF both feedbacks", False, {"true": "Wrong: it was founded in 1949.", "false": "Right: 1949, not 1955."}),
        ("TF word", True, {"true": "Yes, on 4 April 1949.", "false": "It was signed in Paris."}),
        ("TF F with general feedback", False, None),
    ],
)
def test_true_false_in_every_spelling_with_both_feedbacks(report, title, correct, feedback) -> None:  # type: ignore[no-untyped-def]
    question = by_title(title)
    assert question.type == "true_false"
    assert question.answer == {"correct": correct}
    assert question.meta.get("answer_feedback") == feedback


def test_general_feedback_on_true_false_is_the_explanation(report) -> None:  # type: ignore[no-untyped-def]
    assert by_title("TF F with general feedback").explanation == "It was dissolved in 1991."


def test_short_answer_with_several_accepted_answers_and_weights(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Short answer")
    assert question.type == "short_answer"
    assert question.answer == {"accepted": ["Jens Stoltenberg", "Stoltenberg", "Jens"], "weights": {"Jens": 0.5}}
    assert question.meta["answer_feedback"] == {"Jens Stoltenberg": "Correct.", "Jens": "Give his surname too."}
    assert grade(question, "jens") == 0.5
    assert grade(question, "Stoltenberg") == 1.0


def test_a_short_answer_in_the_middle_of_the_sentence_is_a_cloze(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Missing word SA")
    assert question.type == "cloze"
    assert question.stem == f"The {BLANK} summit of 2023 promised Ukraine a path to membership."
    assert question.answer == {"accepted": ["Vilnius"]}


def test_matching_with_an_extra_wrong_answer(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Matching")
    assert [item["text"] for item in question.choices["left"]] == ["Stinger", "Javelin", "HIMARS"]
    assert [item["text"] for item in question.choices["right"]] == ["air defence", "anti-tank", "rocket artillery", "naval mine"]
    assert question.answer == {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}
    assert question.explanation == "Each system has exactly one role."


def test_numeric_tolerance_range_and_several_answers(report) -> None:  # type: ignore[no-untyped-def]
    assert by_title("Numeric tolerance").answer == {"value": 32, "tolerance": 0, "unit": ""}
    assert by_title("Numeric range").answer == {"value": 1993, "tolerance": 2, "unit": ""}
    assert by_title("Numeric negative").answer == {"value": -40, "tolerance": 0.5, "unit": ""}
    several = by_title("Numeric several")
    assert several.answer["alternatives"] == [{"value": 1949, "tolerance": 2, "weight": 0.5}]
    assert several.meta["answer_feedback"] == {"0": "Exactly right.", "1": "Within two years."}
    assert several.meta["other_feedback"] == "It was signed in April 1949."
    assert grade(several, 1950) == 0.5


def test_text_formats_are_kept_and_html_is_sanitised(report) -> None:  # type: ignore[no-untyped-def]
    assert by_title("Markdown").meta["format"] == "markdown"
    assert by_title("Markdown").stem == "Which treaty is **Article 5** part of?"
    assert by_title("Moodle format").meta["format"] == "moodle"
    plain = by_title("Plain")
    assert plain.meta["format"] == "plain"
    assert plain.stem == 'Is "a < b" & "c > d" shown as written?'
    unsafe = by_title("Unsafe HTML")
    assert unsafe.stem == "<p>Which is safe?</p>"


def test_escaped_characters_inside_html_attributes(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("HTML with escaped attribute")
    assert question.meta["format"] == "html"
    assert 'href="https://www.nato.int/cps/en/natohq/topics_110496.htm?selectedLocale=en#art5"' in question.stem
    assert question.choices[0] == {"id": "c1", "text": "<i>Article 5</i>", "feedback": "<b>Yes.</b>"}


def test_every_escape_and_a_literal_backslash(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Escapes: all of them")
    assert question.stem == "Which string uses ~ = # { } : and a backslash \\?"
    assert question.choices[0] == {"id": "c1", "text": "a~b=c#d{e}f:g\\h", "feedback": "It is a\\b."}
    assert by_title("Newline").stem == "Line one\nLine two: which line is first?"


def test_multi_line_questions_and_comments_inside_them(report) -> None:  # type: ignore[no-untyped-def]
    question = by_title("Multi-line")
    assert question.stem == "Which body of the alliance\ntakes decisions by consensus?"
    assert [c["text"] for c in question.choices] == ["The North Atlantic Council", "The Military Committee"]


def test_a_question_without_a_title_keeps_an_empty_title(report) -> None:  # type: ignore[no-untyped-def]
    assert Question.objects.get(stem="Which question has no title?").title == ""


def test_windows_line_endings_read_like_unix_ones(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("windows.gift.txt", "gift")
    assert (report.imported, report.errors) == (3, [])
    question = by_title("Windows one")
    assert [c["text"] for c in question.choices] == ["CRLF", "LF"]
    assert question.choices[0]["feedback"] == "Windows."
    assert "\r" not in "".join(Question.objects.values_list("stem", flat=True))
    assert by_title("Windows three").stem == f"NATO has {BLANK} members."


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("latin1.gift.txt", "gift")
    assert report.imported == 0
    assert len(report.errors) == 1
    reason = report.errors[0].reason
    assert "not UTF-8" in reason
    assert "0xE9 at line 1" in reason
    assert "Save the file with UTF-8 encoding" in reason
    assert not Question.objects.exists()


def test_malformed_questions_are_reported_by_line_and_the_rest_imports(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("malformed.gift.txt", "gift")
    assert report.imported == 1
    reasons = {e.question: (e.line, e.reason) for e in report.errors}
    assert reasons["Unbalanced"] == (2, reasons["Unbalanced"][1])
    assert "unbalanced braces" in reasons["Unbalanced"][1]
    assert "invalid grade fraction '%abc%'" in reasons["Bad weight"][1]
    assert "between -100% and 100%" in reasons["Weight too large"][1]
    assert "at least two choices" in reasons["One choice"][1]
    assert "'twelve' is not a number" in reasons["Not a number"][1]
    assert "more than one answer block" in reasons["Two blocks"][1]
    assert "not 100%" in reasons["No full credit"][1]
    assert len(report.errors) == 7


def test_export_escapes_special_characters_and_doubles_backslashes(admin) -> None:  # type: ignore[no-untyped-def]
    bank = QuestionBankFactory(name="Escapes")
    QuestionFactory(
        bank=bank,
        title="a:b",
        stem="Is {x} = ~y # z \\ w?\nSecond line",
        choices=[{"id": "c1", "text": "back\\slash"}, {"id": "c2", "text": "no"}],
        answer={"correct": "c1"},
        explanation="",
        topic="",
    )
    text = questions_export(fmt="gift", bank=bank)
    assert text == "::a\\:b::[plain]Is \\{x\\} \\= \\~y \\# z \\\\ w?\\nSecond line{\n\t=back\\\\slash\n\t~no\n}\n"
    questions_import(bank="Escapes again", fmt="gift", data=text.encode(), user=admin)
    copy = Question.objects.get(bank__name="Escapes again")
    assert copy.stem == "Is {x} = ~y # z \\ w?\nSecond line"
    assert copy.choices[0]["text"] == "back\\slash"


def test_export_writes_a_cloze_with_the_answers_in_place_of_the_blank() -> None:
    bank = QuestionBankFactory(name="Cloze")
    QuestionFactory(bank=bank, cloze=True, explanation="", topic="Air defence")
    expected = "$CATEGORY: $course$/top/Air defence\n\n[plain]Ukraine received {\n\t=HIMARS\n} in 2022.\n"
    assert questions_export(fmt="gift", bank=bank) == expected


def test_ordering_is_not_exported_to_gift_and_the_note_says_so() -> None:
    from quizzes.services.interop import questions_export_result

    bank = QuestionBankFactory(name="Ordering")
    QuestionFactory(bank=bank, ordering=True)
    result = questions_export_result(fmt="gift", bank=bank)
    assert result.text == ""
    assert "ordering questions do not exist in GIFT" in result.notes[0].reason


def test_the_corpus_file_is_utf8_without_carriage_returns() -> None:
    # Guards the Windows-line-endings test: only windows.gift.txt carries CRLF.
    assert b"\r\n" in corpus("windows.gift.txt")
    assert b"\r" not in corpus("all_constructs.gift.txt")


def test_it_reads_what_moodles_own_gift_export_writes(import_file) -> None:  # type: ignore[no-untyped-def]
    # Laid out as Moodle's qformat_gift::writequestion writes: a comment per question, "=%100%"
    # weights, empty feedback after "#", and the category switch in a block of its own.
    report = import_file("moodle_export.gift.txt", "gift")
    assert report.imported == 6
    assert report.errors == []
    assert by_title("Essay").type == "essay"
    year = by_title("Founding year")
    assert year.topic == "Default for NATO course"
    assert year.answer == {"value": 1949, "tolerance": 0, "unit": "", "alternatives": [{"value": 1949, "tolerance": 1, "weight": 0.5}]}
    assert year.meta["answer_feedback"] == {"0": "<p>Yes.</p>"}
    assert year.meta["other_feedback"] == "<p>It was April 1949.</p>"
    assert year.explanation == "<p>The treaty was signed in Washington.</p>"
    assert by_title("Secretary General").answer == {"accepted": ["Jens Stoltenberg", "Stoltenberg"]}
    assert by_title("Members").answer == {"correct": "c1", "weights": {"c1": 1.0, "c3": -0.5}}
    assert by_title("Pairs").choices["left"][0]["text"] == "<p>Vilnius</p>"
    assert by_title("Treaty").meta["answer_feedback"] == {"true": "<p>Yes, 14.</p>", "false": "<p>It has 14.</p>"}
