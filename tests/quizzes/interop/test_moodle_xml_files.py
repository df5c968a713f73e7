"""Moodle XML carries a question's images as base64 <file> elements next to the text that shows
them (and, from Moodle 1.x, as <image> + <image_base64>): they are imported as question files,
written back where Moodle expects them, and whatever cannot be carried is named in the notes."""

from __future__ import annotations

import base64

import pytest

from quizzes.models import Question, QuestionBank, QuestionFile
from quizzes.services.interop import FILE_MISSING, questions_export_result, questions_import
from tests.quizzes.images import GIF, SVG, png

pytestmark = pytest.mark.django_db

MAP, FLAG = png(3, 2), GIF


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def quiz(*questions: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "".join(questions) + "</quiz>\n").encode()


def multichoice(name: str, text: str, *, text_files: str = "", feedback_files: str = "", extra: str = "") -> str:
    return f"""  <question type="multichoice">
    <name><text>{name}</text></name>
    <questiontext format="html">
      <text><![CDATA[{text}]]></text>
      {text_files}
    </questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html">
      <text>NATO</text>
      <feedback format="html"><text><![CDATA[Right: <img src="@@PLUGINFILE@@/flag.gif" alt="flag">]]></text>{feedback_files}</feedback>
    </answer>
    <answer fraction="0" format="html"><text>CSTO</text><feedback format="html"><text></text></feedback></answer>
    {extra}
  </question>
"""


def file(name: str, data: bytes | str) -> str:
    content = data if isinstance(data, str) else b64(data)
    return f'<file name="{name}" path="/" encoding="base64">{content}</file>'


def files_of(question: Question) -> dict[str, bytes]:
    out = {}
    for stored in QuestionFile.objects.filter(question=question):
        with stored.file.open("rb") as handle:
            out[stored.name] = handle.read()
    return out


def test_files_in_the_question_text_and_in_answer_feedback_are_stored_with_their_references(admin) -> None:
    xml = quiz(
        multichoice(
            "Map",
            '<p>Which alliance?</p><img src="@@PLUGINFILE@@/map%20of%20Europe.png" alt="map">',
            text_files=file("map of Europe.png", MAP),
            feedback_files=file("flag.gif", FLAG),
        )
    )
    report = questions_import(bank="Files", fmt="moodle-xml", data=xml, user=admin)
    assert report.errors == [] and report.notes == []
    question = Question.objects.get(bank__name="Files")
    assert question.stem == '<p>Which alliance?</p><img src="@@PLUGINFILE@@/map%20of%20Europe.png" alt="map">'
    assert question.choices[0]["feedback"] == 'Right: <img src="@@PLUGINFILE@@/flag.gif" alt="flag">'
    assert files_of(question) == {"map of Europe.png": MAP, "flag.gif": FLAG}
    assert QuestionFile.objects.get(question=question, name="flag.gif").content_type == "image/gif"


def test_the_legacy_image_tag_is_stored_and_shown_at_the_end_of_the_question_text(admin) -> None:
    xml = quiz(
        multichoice("Legacy", "<p>Which alliance?</p>", extra=f"<image>maps/old map.png</image><image_base64>{b64(MAP)}</image_base64>")
    )
    report = questions_import(bank="Legacy", fmt="moodle-xml", data=xml, user=admin)
    assert report.errors == []
    question = Question.objects.get(bank__name="Legacy")
    assert question.stem == '<p>Which alliance?</p><img src="@@PLUGINFILE@@/old%20map.png" alt="">'
    assert files_of(question) == {"old map.png": MAP}
    # The answer feedback's flag.gif is referenced but not carried by this file:
    assert [n.reason for n in report.notes] == [FILE_MISSING.format(name="flag.gif")]


def test_every_file_that_cannot_be_carried_is_named_in_the_notes_with_its_question(admin, settings) -> None:
    settings.QUESTION_FILE_MAX_BYTES = 1024
    xml = quiz(
        multichoice(
            "Uncarriable",
            '<p>Files</p><img src="@@PLUGINFILE@@/ok.png"><img src="@@PLUGINFILE@@/gone.png">',
            text_files=file("ok.png", MAP)
            + file("notes.pdf", b"%PDF-1.4 minutes")
            + file("huge.png", png() + b"\0" * 2048)
            + file("broken.png", "this is not base64!")
            + file("drawing.svg", SVG),
            feedback_files=file("flag.gif", FLAG),
        ),
        multichoice("Link only", "<p>Old</p>", extra="<image>course/files/map.png</image>"),
    )
    report = questions_import(bank="Notes", fmt="moodle-xml", data=xml, user=admin)
    assert report.imported == 2 and report.errors == []
    notes = [(n.question, n.reason) for n in report.notes]
    first, second = "#1 Uncarriable", "#2 Link only"
    assert (first, "the file broken.png is not valid base64; it is not imported") in notes
    assert any(q == first and "notes.pdf is not a PNG, JPEG, GIF or WebP image" in r for q, r in notes)
    assert any(q == first and "huge.png is 3 KB; an image may be at most 1 KB" in r for q, r in notes)
    assert any(q == first and "drawing.svg is an SVG drawing" in r for q, r in notes)
    assert (first, FILE_MISSING.format(name="gone.png")) in notes
    assert any(q == second and "course/files/map.png is a link to a file outside this XML" in r for q, r in notes)
    assert files_of(Question.objects.get(title="Uncarriable")) == {"ok.png": MAP, "flag.gif": FLAG}


def test_import_export_import_gives_the_same_file_and_the_same_images(admin) -> None:
    xml = quiz(
        multichoice(
            "Round trip",
            '<p>Which alliance?</p><img src="@@PLUGINFILE@@/map%20of%20Europe.png" alt="map">',
            text_files=file("map of Europe.png", MAP) + file("unused.png", png(seed=7)),
            feedback_files=file("flag.gif", FLAG),
        )
    )
    questions_import(bank="Trip", fmt="moodle-xml", data=xml, user=admin)
    first = questions_export_result(fmt="moodle-xml", bank=QuestionBank.objects.get(name="Trip"))
    # Each file sits in the part whose text shows it (Moodle keeps files per part); one no text
    # shows goes with the question text, so nothing is lost.
    text_part = first.text[first.text.index("<questiontext") : first.text.index("</questiontext>")]
    assert file("map of Europe.png", MAP) in text_part and file("unused.png", png(seed=7)) in text_part
    feedback = first.text[first.text.index("<answer") : first.text.index("</answer>")]
    assert file("flag.gif", FLAG) in feedback and "map of Europe" not in feedback
    report = questions_import(bank="Trip again", fmt="moodle-xml", data=first.text.encode(), user=admin)
    assert report.errors == [] and report.notes == []
    copy = Question.objects.get(bank__name="Trip again")
    assert files_of(copy) == files_of(Question.objects.get(bank__name="Trip"))
    assert questions_export_result(fmt="moodle-xml", bank=QuestionBank.objects.get(name="Trip again")).text == first.text


def test_gift_and_aiken_exports_name_the_images_they_cannot_carry(admin) -> None:
    questions_import(
        bank="Gift", fmt="moodle-xml", data=quiz(multichoice("Map", "<p>Which?</p>", feedback_files=file("flag.gif", FLAG))), user=admin
    )
    bank = QuestionBank.objects.get(name="Gift")
    for fmt in ("gift", "aiken"):
        notes = [(n.question, n.reason) for n in questions_export_result(fmt=fmt, bank=bank).notes]
        assert ("Map", f"{fmt.upper()} cannot carry files: the images flag.gif are not in the export (Moodle XML carries them)") in notes


def _legacy(fmt: str) -> bytes:
    return quiz(
        f"""  <question type="truefalse">
    <name><text>Old {fmt}</text></name>
    <questiontext format="{fmt}"><text>Sweden joined NATO in 2024.</text></questiontext>
    <image>map.png</image><image_base64>{b64(MAP)}</image_base64>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
"""
    )


def test_a_legacy_image_in_markdown_is_shown_with_markdowns_image_syntax(admin) -> None:
    questions_import(bank="Markdown", fmt="moodle-xml", data=_legacy("markdown"), user=admin)
    question = Question.objects.get(bank__name="Markdown")
    assert question.stem == "Sweden joined NATO in 2024.\n\n![](@@PLUGINFILE@@/map.png)"
    assert files_of(question) == {"map.png": MAP}


def test_a_legacy_image_of_a_plain_text_question_is_noted_not_imported(admin) -> None:
    report = questions_import(bank="Plain", fmt="moodle-xml", data=_legacy("plain_text"), user=admin)
    assert [n.reason for n in report.notes] == ["the image map.png is not imported: the question text is plain text, which shows no image"]
    assert Question.objects.get(bank__name="Plain").stem == "Sweden joined NATO in 2024."
    assert not QuestionFile.objects.exists()
