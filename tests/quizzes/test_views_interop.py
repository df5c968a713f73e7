"""The question review page imports GIFT, Moodle XML and Aiken files and exports the bank, through
the same service as the commands and the API, and says plainly what went wrong with a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Question
from quizzes.services.interop import questions_export
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "interop" / "corpus"


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (CORPUS / name).read_bytes())


def test_the_review_page_offers_an_import_form_and_an_export_link_per_format(instructor, course):
    bank = QuestionBankFactory(course=course)
    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert f'action="{reverse("bank-import", args=[bank.pk])}"' in html
    assert 'enctype="multipart/form-data"' in html
    for fmt in ("gift", "moodle-xml", "aiken", "json"):
        assert reverse("bank-export", args=[bank.pk, fmt]) in html


def test_importing_a_gift_file_creates_drafts_and_shows_the_report(instructor, course):
    bank = QuestionBankFactory(course=course)
    response = client_for(instructor).post(
        reverse("bank-import", args=[bank.pk]), {"format": "gift", "file": _file("all_constructs.gift.txt")}
    )

    assert response.status_code == 200
    imported = Question.objects.filter(bank=bank, origin=Question.Origin.IMPORTED)
    assert imported.exists() and set(imported.values_list("status", flat=True)) == {"draft"}
    report = response.context["report"]
    html = response.content.decode()
    assert report.imported == imported.count()
    assert f"{report.imported} questions imported as drafts" in html
    # Every question of the corpus maps now, the description and the essay too.
    assert report.errors == [] and report.imported == 26


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(instructor, course):
    bank = QuestionBankFactory(course=course)
    response = client_for(instructor).post(reverse("bank-import", args=[bank.pk]), {"format": "gift", "file": _file("latin1.gift.txt")})

    html = response.content.decode()
    assert "0 questions imported" in html
    assert "not UTF-8" in html
    assert not Question.objects.filter(bank=bank).exists()


def test_a_missing_file_re_shows_the_form_with_the_error(instructor, course):
    bank = QuestionBankFactory(course=course)
    response = client_for(instructor).post(reverse("bank-import", args=[bank.pk]), {"format": "gift"})

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_the_export_link_downloads_the_services_file(instructor, course):
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank, true_false=True)
    response = client_for(instructor).get(reverse("bank-export", args=[bank.pk, "moodle-xml"]))

    assert response["Content-Type"].startswith("application/xml")
    assert response.content.decode() == questions_export(fmt="moodle-xml", bank=bank)
    assert client_for(instructor).get(reverse("bank-export", args=[bank.pk, "csv"])).status_code == 404


def test_another_courses_bank_can_be_neither_imported_into_nor_exported(other_instructor, student, course):
    bank = QuestionBankFactory(course=course)
    for user in (other_instructor,):
        client = client_for(user)
        assert client.get(reverse("bank-export", args=[bank.pk, "gift"])).status_code == 404
        assert (
            client.post(reverse("bank-import", args=[bank.pk]), {"format": "gift", "file": _file("questions.aiken.txt")}).status_code == 404
        )
    assert client_for(student).get(reverse("bank-export", args=[bank.pk, "gift"])).status_code in (302, 403, 404)
    assert not Question.objects.filter(bank=bank).exists()


# --- imported text formats: shown as sanitised HTML, never as tags, never unsanitised -----------------

HTML_STEM = '<p>Which <b>treaty</b> founded NATO?</p><script>alert(1)</script><img src=x onerror="alert(2)">'
HTML_CHOICES = [{"id": "c1", "text": "The <i>Washington</i> Treaty"}, {"id": "c2", "text": "The Brussels Treaty"}]


def _imported(bank, **kwargs):  # type: ignore[no-untyped-def]
    fields = {"stem": HTML_STEM, "choices": HTML_CHOICES, "meta": {"format": "html"}, "explanation": "<p>Signed in <b>1949</b>.</p>"}
    return QuestionFactory(bank=bank, **{**fields, **kwargs})


def _assert_rendered_and_sanitised(html: str) -> None:
    assert "Which <b>treaty</b> founded NATO?" in html
    assert "The <i>Washington</i> Treaty" in html
    assert "&lt;b&gt;treaty" not in html  # not shown as tags
    assert "alert(" not in html and "onerror" not in html


def test_the_review_page_shows_an_imported_html_question_rendered_and_sanitised(instructor, course):
    bank = QuestionBankFactory(course=course)
    _imported(bank, status="draft")
    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk])).content.decode()
    _assert_rendered_and_sanitised(html)
    assert "Signed in <b>1949</b>." in html


def test_taking_and_the_result_show_imported_html_rendered_and_sanitised(student, course, django_capture_on_commit_callbacks):
    from quizzes.services.grading import attempt_grade
    from tests.factories import ModuleFactory, QuizFactory, QuizSourceFactory

    bank = QuestionBankFactory()
    _imported(bank)
    quiz = QuizFactory(module=ModuleFactory(course=course), review_after_submit=4)
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    client = client_for(student)
    client.post(reverse("quiz-start", args=[quiz.pk]))
    attempt = quiz.attempts.get()
    _assert_rendered_and_sanitised(client.get(reverse("attempt-take", args=[attempt.pk])).content.decode())
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("attempt-submit", args=[attempt.pk]))
    attempt_grade(attempt_id=attempt.pk)
    result = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "Which <b>treaty</b> founded NATO?" in result
    assert "alert(" not in result and "onerror" not in result


def test_the_preview_renders_markdown_and_keeps_the_cloze_blank(instructor, course):
    from tests.factories import ModuleFactory, QuizFactory, QuizSourceFactory

    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank, cloze=True, stem="The **Hague** summit of ____ set the 5% target.", meta={"format": "markdown"})
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    html = client_for(instructor).get(reverse("quiz-preview", args=[quiz.pk])).content.decode()
    assert 'The <strong>Hague</strong> summit of <span class="muted">[blank]</span> set the 5% target.' in html


def test_matching_options_and_aria_labels_get_text_without_tags(instructor, course):
    bank = QuestionBankFactory(course=course)
    QuestionFactory(
        bank=bank,
        type="matching",
        stem="Match",
        meta={"format": "html"},
        choices={"left": [{"id": "l1", "text": "<b>Stinger</b>"}], "right": [{"id": "r1", "text": "air &amp; <i>missile</i> defence"}]},
        answer={"pairs": {"l1": "r1"}},
        status="draft",
    )
    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk]) + "?type=matching").content.decode()
    assert '<label for="b' in html and "><b>Stinger</b></label>" in html
    assert ">air &amp; missile defence</option>" in html


def test_the_filters_escape_plain_text_exactly_as_before() -> None:
    from django.template import Context, Template

    template = Template("{% load question_text %}{{ s|question_text:f }}|{{ s|question_inline:f }}|{{ s|question_plain:f }}")
    assert template.render(Context({"s": "a <b> & c", "f": "plain"})) == "a &lt;b&gt; &amp; c|a &lt;b&gt; &amp; c|a &lt;b&gt; &amp; c"
    assert template.render(Context({"s": "<b>x</b><script>y</script>", "f": "html"})) == "<b>x</b>|<b>x</b>|x"
