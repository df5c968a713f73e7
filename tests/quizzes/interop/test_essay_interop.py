"""Essays in and out of Moodle's formats: GIFT's ``{}`` and Moodle XML's ``<question type="essay">``
with its response options and grader information; a bank of essays round-trips in both."""

from __future__ import annotations

import pytest

from quizzes.models import Question, QuestionBank
from quizzes.services.interop import questions_export_result, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.interop.test_roundtrip import assert_round_trip

pytestmark = pytest.mark.django_db

MOODLE_ESSAY = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>Article 5 essay</text></name>
    <questiontext format="html"><text><![CDATA[<p>Assess whether admitting Ukraine during the war would trigger Article 5.</p>]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <defaultgrade>10.0000000</defaultgrade>
    <penalty>0.0000000</penalty>
    <hidden>0</hidden>
    <idnumber>ESSAY-5</idnumber>
    <responseformat>editorfilepicker</responseformat>
    <responserequired>1</responserequired>
    <responsefieldlines>20</responsefieldlines>
    <minwordlimit>100</minwordlimit>
    <maxwordlimit>600</maxwordlimit>
    <attachments>2</attachments>
    <attachmentsrequired>0</attachmentsrequired>
    <maxbytes>0</maxbytes>
    <filetypeslist>.pdf</filetypeslist>
    <graderinfo format="html"><text><![CDATA[<p>Credit the "as it deems necessary" clause.</p>]]></text></graderinfo>
    <responsetemplate format="html"><text><![CDATA[<p>Thesis:</p><p>Arguments:</p>]]></text></responsetemplate>
  </question>
</quiz>
"""


def test_a_moodle_essay_keeps_its_box_word_limit_template_and_grader_information(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="Essays", fmt="moodle-xml", data=MOODLE_ESSAY, user=admin)
    assert report.imported == 1 and report.errors == []
    essay = Question.objects.get(bank__name="Essays")
    assert essay.type == "essay" and essay.points == 10 and essay.meta["idnumber"] == "ESSAY-5"
    assert essay.choices == {"response_lines": 20, "word_limit": 600, "response_template": "Thesis:\nArguments:"}
    assert essay.answer == {"grader_info": '<p>Credit the "as it deems necessary" clause.</p>'}
    # What this platform cannot do yet is said, and kept for the way back to Moodle.
    assert essay.meta["moodle"]["responseformat"] == "editorfilepicker" and essay.meta["moodle"]["attachments"] == "2"
    notes = " ".join(n.reason for n in report.notes)
    assert "plain text" in notes and "attachments to essays are not supported" in notes
    exported = questions_export_result(fmt="moodle-xml", bank=QuestionBank.objects.get(name="Essays")).text
    for written in (
        "<responseformat>editorfilepicker</responseformat>",
        "<attachments>2</attachments>",
        "<minwordlimit>100</minwordlimit>",
        "<maxwordlimit>600</maxwordlimit>",
        "<responsefieldlines>20</responsefieldlines>",
        "<filetypeslist>.pdf</filetypeslist>",
    ):
        assert written in exported


def test_gift_reads_an_empty_block_as_an_essay_with_its_general_feedback(admin) -> None:  # type: ignore[no-untyped-def]
    data = "::Open door:: Discuss NATO's open-door policy. {}\n\n::With feedback::Assess the Madrid summit.{####Mention Finland.}\n"
    report = questions_import(bank="Gift essays", fmt="gift", data=data.encode(), user=admin)
    assert report.imported == 2 and report.errors == []
    plain, with_feedback = Question.objects.filter(bank__name="Gift essays").order_by("id")
    assert (plain.type, plain.title, plain.stem, plain.choices, plain.answer) == (
        "essay",
        "Open door",
        "Discuss NATO's open-door policy.",
        {},
        {},
    )
    assert (with_feedback.type, with_feedback.explanation) == ("essay", "Mention Finland.")
    text = questions_export_result(fmt="gift", bank=QuestionBank.objects.get(name="Gift essays")).text
    assert (
        "::Open door::Discuss NATO's open-door policy.{}" in text
        and "::With feedback::Assess the Madrid summit.{####Mention Finland.}" in text
    )


def essay_bank() -> QuestionBank:
    bank = QuestionBankFactory(name="Essay bank")
    QuestionFactory(bank=bank, essay=True, title="Plain essay", choices={}, answer={}, explanation="")
    QuestionFactory(
        bank=bank,
        essay=True,
        title="Essay with settings",
        stem="Compare {Article 4} and Article 5 = consultation ~ defence #1.",
        choices={"word_limit": 300, "response_lines": 8, "response_template": "Thesis:\nEvidence:"},
        answer={
            "grader_info": "Article 4 is consultation only.",
            "rubric": [{"id": "k1", "criterion": "Accuracy", "levels": [{"id": "a", "label": "Right", "points": 2}]}],
        },
    )
    return bank


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_a_bank_of_essays_round_trips(admin, fmt) -> None:  # type: ignore[no-untyped-def]
    bank = essay_bank()
    assert_round_trip(bank, fmt, admin)
    copy = Question.objects.filter(bank__name=f"{bank.name} ({fmt} copy)").order_by("id")
    assert [q.type for q in copy] == ["essay", "essay"]
    if fmt == "moodle-xml":
        # Everything but the rubric (Moodle keeps rubrics outside question files) comes back.
        assert copy[1].choices == {"word_limit": 300, "response_lines": 8, "response_template": "Thesis:\nEvidence:"}
        assert copy[1].answer == {"grader_info": "Article 4 is consultation only."}
        assert copy[1].points == 4
    else:
        assert copy[1].stem == "Compare {Article 4} and Article 5 = consultation ~ defence #1."


@pytest.mark.parametrize(("fmt", "says"), [("gift", "no response settings"), ("moodle-xml", "rubric is not written")])
def test_export_says_what_the_format_cannot_hold(fmt, says) -> None:  # type: ignore[no-untyped-def]
    notes = questions_export_result(fmt=fmt, bank=essay_bank()).notes
    assert any(says in n.reason for n in notes)
