"""Moodle's cloze with several gaps (multianswer) becomes embedded answers: a gap per code, of
its kind (short answer, numeric, drop-down), with its weight and feedback; each gap is graded on
its own, and the question comes back out as the same Moodle XML."""

from __future__ import annotations

import pytest

from quizzes.models import Question
from quizzes.questiontypes import grade_answer
from quizzes.services.interop import questions_export_result, questions_import
from tests.factories import QuestionBankFactory

pytestmark = pytest.mark.django_db

TWO_KINDS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>Founding</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>NATO was founded in {2:NUMERICAL:=1949:0#Right~%50%1949:2#Close} in {1:SHORTANSWER:=Washington#Yes~%50%Washington DC}; its first Secretary General was {1:MULTICHOICE:=Lord Ismay#Yes~Paul-Henri Spaak#No, the third~Dirk Stikker}.</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>Signed on 4 April 1949.</text></generalfeedback>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber>CLOZE-3</idnumber>
  </question>
</quiz>
"""


def _imported(admin) -> Question:  # type: ignore[no-untyped-def]
    report = questions_import(bank=QuestionBankFactory(name="Cloze"), fmt="moodle-xml", data=TWO_KINDS.encode(), user=admin)
    assert (report.imported, report.errors) == (1, [])
    return Question.objects.get(bank__name="Cloze")


def test_each_gap_keeps_its_kind_weight_answers_and_feedback(admin) -> None:  # type: ignore[no-untyped-def]
    question = _imported(admin)
    assert question.type == "embedded_answers"
    assert question.stem == "<p>NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]].</p>"
    numeric, text, choice = question.answer["gaps"]
    assert (numeric["kind"], numeric["points"], numeric["value"], numeric["alternatives"]) == (
        "numeric",
        2,
        1949,
        [{"value": 1949, "tolerance": 2, "weight": 0.5}],
    )
    assert (text["kind"], text["accepted"], text["weights"], text["feedback"]) == (
        "text",
        ["Washington", "Washington DC"],
        {"Washington DC": 0.5},
        {"Washington": "Yes"},
    )
    options = {c["text"]: c for c in question.choices}
    assert set(options) == {"Lord Ismay", "Paul-Henri Spaak", "Dirk Stikker"}
    assert all(c["id"].startswith("g3-") and len(c["id"]) > 6 for c in question.choices), "opaque ids that name their gap"
    assert choice["correct"] == options["Lord Ismay"]["id"] and options["Paul-Henri Spaak"]["feedback"] == "No, the third"


def test_each_gap_earns_its_share(admin) -> None:  # type: ignore[no-untyped-def]
    question = _imported(admin)
    ismay = next(c["id"] for c in question.choices if c["text"] == "Lord Ismay")

    def fraction(response: dict[str, str]) -> float:
        return grade_answer(type=question.type, choices=question.choices, answer=question.answer, response=response).fraction

    assert fraction({"1": "1949", "2": "Washington", "3": ismay}) == 1.0
    assert fraction({"1": "1949", "2": "Paris", "3": ismay}) == pytest.approx(3 / 4)  # weights 2, 1, 1
    assert fraction({"1": "1950", "2": "washington dc", "3": ""}) == pytest.approx((2 * 0.5 + 0.5) / 4)
    assert fraction({"1": "many", "2": "Washington"}) == pytest.approx(1 / 4), "a non-number is a wrong gap, not a broken answer"


def test_the_round_trip_through_moodle_xml_is_identical(admin) -> None:  # type: ignore[no-untyped-def]
    question = _imported(admin)
    first = questions_export_result(fmt="moodle-xml", bank=question.bank)
    assert "{2:NUMERICAL:=1949:0#Right~%50%1949:2#Close}" in first.text
    assert "{1:SHORTANSWER:=Washington#Yes~%50%Washington DC}" in first.text
    assert "{1:MULTICHOICE:=Lord Ismay#Yes~Paul-Henri Spaak#No, the third~Dirk Stikker}" in first.text
    again = questions_import(bank="Cloze copy", fmt="moodle-xml", data=first.text.encode(), user=admin)
    assert (again.imported, again.errors) == (1, [])
    second = questions_export_result(fmt="moodle-xml", bank=Question.objects.get(bank__name="Cloze copy").bank)
    assert second.text.replace("Cloze copy", "Cloze") == first.text


def test_gift_says_it_cannot_hold_several_gaps(admin) -> None:  # type: ignore[no-untyped-def]
    question = _imported(admin)
    result = questions_export_result(fmt="gift", bank=question.bank)
    assert result.exported == 0 and "several gaps need Moodle XML" in result.notes[0].reason


def _cloze_file(text: str, grade: str | None = None) -> bytes:
    default = f"<defaultgrade>{grade}</defaultgrade>" if grade is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="cloze"><name><text>Gaps</text></name>'
        f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>{default}</question></quiz>'
    ).encode()


FIVE_GAPS = "".join(f"<p>Gap {n}: {{1:SHORTANSWER:=answer{n}}}</p>" for n in range(1, 6))


def test_without_a_default_grade_a_cloze_is_worth_the_sum_of_its_gaps_as_in_moodle(admin) -> None:  # type: ignore[no-untyped-def]
    # Moodle's import_multianswer adds the gaps' marks; it never falls back to 1 point.
    questions_import(bank="Five", fmt="moodle-xml", data=_cloze_file(FIVE_GAPS), user=admin)
    questions_import(bank="Weighted", fmt="moodle-xml", data=_cloze_file("<p>{3:SHORTANSWER:=a} and {2:NUMERICAL:=4}</p>"), user=admin)
    questions_import(bank="One", fmt="moodle-xml", data=_cloze_file("<p>Capital: {2:SHORTANSWER:=Paris}</p>"), user=admin)
    questions_import(bank="Given", fmt="moodle-xml", data=_cloze_file(FIVE_GAPS, grade="2.0000000"), user=admin)
    points = {q.bank.name: q.points for q in Question.objects.select_related("bank")}
    assert points == {"Five": 5, "Weighted": 5, "One": 2, "Given": 2}


def test_the_summed_grade_is_exported_and_survives_a_second_round_trip(admin) -> None:  # type: ignore[no-untyped-def]
    questions_import(bank="Five", fmt="moodle-xml", data=_cloze_file(FIVE_GAPS), user=admin)
    first = questions_export_result(fmt="moodle-xml", bank=Question.objects.get().bank)
    assert "<defaultgrade>5.0000000</defaultgrade>" in first.text
    questions_import(bank="Five again", fmt="moodle-xml", data=first.text.encode(), user=admin)
    again = Question.objects.get(bank__name="Five again")
    assert again.points == 5
    assert questions_export_result(fmt="moodle-xml", bank=again.bank).text.replace("Five again", "Five") == first.text


def test_feedback_on_typed_gaps_is_sanitised_like_feedback_on_choice_gaps(admin) -> None:  # type: ignore[no-untyped-def]
    text = (
        "<p>{1:SHORTANSWER:=Paris#<b>Yes</b><script>alert(1)</script>~*#<img src\\=x onerror\\=alert(2)>No}"
        " and {1:NUMERICAL:=4#<i onclick\\=x()>Four</i>} and {1:MULTICHOICE:=a#<script>y</script>ok~b}</p>"
    )
    report = questions_import(bank="Unsafe", fmt="moodle-xml", data=_cloze_file(text), user=admin)
    assert (report.imported, report.errors) == (1, [])
    text_gap, numeric_gap, _ = Question.objects.get().answer["gaps"]
    assert text_gap["feedback"] == {"Paris": "<b>Yes</b>"}
    assert text_gap["other_feedback"] == "<img>No"
    assert numeric_gap["feedback"] == {"0": "<i>Four</i>"}
    assert [c.get("feedback") for c in Question.objects.get().choices] == ["ok", None]
