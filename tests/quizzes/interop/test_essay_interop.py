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
    assert essay.choices == {
        "response_lines": 20,
        "word_limit": 600,
        "response_template": "Thesis:\nArguments:",
        "attachments": "optional",
        "attachment_types": ["pdf"],
    }
    assert essay.answer == {"grader_info": '<p>Credit the "as it deems necessary" clause.</p>'}
    # What this platform cannot do is said, and kept for the way back to Moodle.
    assert essay.meta["moodle"]["responseformat"] == "editorfilepicker" and essay.meta["moodle"]["attachments"] == "2"
    notes = " ".join(n.reason for n in report.notes)
    assert "plain text" in notes and "Moodle allows 2 files per essay; here a student attaches one" in notes
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


def _essay_file(attachments: str, required: str, types: str) -> bytes:
    return MOODLE_ESSAY.replace(b"<attachments>2</attachments>", f"<attachments>{attachments}</attachments>".encode()).replace(
        b"<attachmentsrequired>0</attachmentsrequired><maxbytes>0</maxbytes><filetypeslist>.pdf</filetypeslist>".replace(
            b"><", b">\n    <"
        ),
        f"<attachmentsrequired>{required}</attachmentsrequired>\n    <maxbytes>0</maxbytes>\n    <filetypeslist>{types}</filetypeslist>".encode(),
    )


@pytest.mark.parametrize(
    ("attachments", "required", "types", "settings", "written"),
    [
        ("1", "1", ".pdf,.docx", {"attachments": "required", "attachment_types": ["pdf", "docx"]}, ".pdf,.docx"),
        ("1", "0", "", {"attachments": "optional"}, ""),
        # Moodle's "document" group holds more than this platform takes: written as what it takes.
        ("-1", "0", "document", {"attachments": "optional", "attachment_types": ["pdf", "docx", "odt", "txt"]}, ".pdf,.docx,.odt,.txt"),
        ("0", "0", ".pdf", {}, ".pdf"),
    ],
)
def test_moodle_attachment_settings_become_the_essays_and_round_trip(admin, attachments, required, types, settings, written) -> None:  # type: ignore[no-untyped-def]
    data = _essay_file(attachments, required, types)
    assert f"<attachmentsrequired>{required}</attachmentsrequired>".encode() in data
    report = questions_import(bank="Files", fmt="moodle-xml", data=data, user=admin)
    assert (report.imported, report.errors) == (1, [])
    essay = Question.objects.get(bank__name="Files")
    assert {k: v for k, v in essay.choices.items() if k.startswith("attachment")} == settings
    first = questions_export_result(fmt="moodle-xml", bank=essay.bank).text
    assert f"<attachments>{attachments}</attachments>" in first
    assert f"<attachmentsrequired>{required}</attachmentsrequired>" in first
    assert f"<filetypeslist>{written}</filetypeslist>" in first
    again = questions_import(bank="Files again", fmt="moodle-xml", data=first.encode(), user=admin)
    assert (again.imported, again.errors) == (1, [])
    copy = Question.objects.get(bank__name="Files again")
    assert (copy.choices, copy.meta.get("moodle")) == (essay.choices, essay.meta.get("moodle"))
    assert questions_export_result(fmt="moodle-xml", bank=copy.bank).text.replace("Files again", "Files") == first


def test_file_types_not_taken_here_are_noted_and_kept_for_export(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="Odd", fmt="moodle-xml", data=_essay_file("1", "0", ".pdf,.xlsx"), user=admin)
    essay = Question.objects.get(bank__name="Odd")
    assert essay.choices["attachment_types"] == ["pdf"]
    assert any("the file types .xlsx are not taken here; only pdf files are accepted" in n.reason for n in report.notes)
    assert "<filetypeslist>.pdf,.xlsx</filetypeslist>" in questions_export_result(fmt="moodle-xml", bank=essay.bank).text


def test_an_essay_made_here_with_an_attachment_is_written_for_moodle() -> None:
    bank = QuestionBankFactory(name="Own")
    QuestionFactory(bank=bank, essay=True, choices={"attachments": "required", "attachment_types": ["pdf", "jpeg"]}, answer={})
    text = questions_export_result(fmt="moodle-xml", bank=bank).text
    assert "<attachments>1</attachments>" in text and "<attachmentsrequired>1</attachmentsrequired>" in text
    assert "<filetypeslist>.pdf,.jpg</filetypeslist>" in text
    notes = questions_export_result(fmt="gift", bank=bank).notes
    assert any("GIFT essays have no attachment settings" in n.reason for n in notes)
