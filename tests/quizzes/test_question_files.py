"""Images in questions: stored with a question version, served only to those who may see that
version, shown through their serving URL, and added in the question editor (quizzes.media,
quizzes.services.question_files, quizzes.selectors.files, quizzes.views.files)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from quizzes.models import Question, QuestionFile, QuestionType, Quiz
from quizzes.services.attempts import attempt_start
from quizzes.services.banks import bank_copy_to_course
from quizzes.services.grading import attempt_grade
from quizzes.services.question_files import question_files_store, question_image_check
from quizzes.services.review import question_edit
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.pages.editor_posts import editor_post
from tests.quizzes.builders import fixed_quiz
from tests.quizzes.images import SVG, png

pytestmark = pytest.mark.django_db

MAP = png(2, 2)
STEM = '<p>Which alliance does the map show?</p><img src="@@PLUGINFILE@@/map%20of%20Europe.png" alt="a map">'


@pytest.fixture
def question(course):  # type: ignore[no-untyped-def]
    question = QuestionFactory(bank=QuestionBankFactory(course=course), stem=STEM, meta={"format": "html"})
    question_files_store(question=question, images=[question_image_check(name="map of Europe.png", data=MAP)])
    return question


def _url(question: Question, name: str = "map of Europe.png") -> str:
    return reverse("question-file", kwargs={"question_id": question.pk, "name": name})


# --- serving -----------------------------------------------------------------------------------


def test_an_instructor_of_the_course_gets_the_image_inline_with_its_checked_type(instructor, question) -> None:
    response = client_for(instructor).get(_url(question))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MAP
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(MAP))


def test_a_student_gets_the_image_while_and_after_answering_an_attempt_that_holds_the_version(course, student, question) -> None:
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = attempt_start(quiz=quiz, user=student)
    client = client_for(student)
    assert client.get(_url(question)).status_code == 200
    client.post(reverse("attempt-submit", args=[attempt.pk]))
    assert client.get(_url(question)).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "student_without_attempt", "other_student", "other_instructor"])
def test_everyone_else_gets_the_same_404_as_for_a_file_that_does_not_exist(who, request, question, other_course) -> None:  # type: ignore[no-untyped-def]
    client = Client() if who == "anonymous" else client_for(request.getfixturevalue(who.removesuffix("_without_attempt")))
    assert client.get(_url(question)).status_code == 404
    assert client.get(_url(question, "no-such-file.png")).status_code == 404


def test_an_admin_gets_it_and_nobody_gets_a_name_the_version_does_not_have(admin, question) -> None:
    client = client_for(admin)
    assert client.get(_url(question)).status_code == 200
    assert client.get(_url(question, "other.png")).status_code == 404


def test_a_student_sees_only_the_files_of_the_version_in_their_attempt(course, instructor, student, question) -> None:
    attempt_start(quiz=fixed_quiz(course=course, questions=[question]), user=student)
    newer = question_edit(question=question, user=instructor, stem=STEM + " (new)", status=Question.Status.APPROVED)
    question_files_store(question=newer, images=[question_image_check(name="legend.png", data=png(seed=9))])
    client = client_for(student)
    assert client.get(_url(question)).status_code == 200
    assert client.get(_url(newer, "legend.png")).status_code == 404
    assert client_for(instructor).get(_url(newer, "legend.png")).status_code == 200


def test_the_permission_checked_fetch_is_one_query(student, course, question, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    attempt_start(quiz=fixed_quiz(course=course, questions=[question]), user=student)
    client = client_for(student)
    client.get(_url(question))  # the session is loaded once
    with django_assert_num_queries(3):  # session, user, the permission-checked file
        assert client.get(_url(question)).status_code == 200


# --- shown through the serving URL -------------------------------------------------------------


def test_the_attempt_page_and_api_show_the_image_through_the_versions_url(course, student, question) -> None:
    attempt = attempt_start(quiz=fixed_quiz(course=course, questions=[question]), user=student)
    client = client_for(student)
    served = f'src="/question-files/{question.pk}/map%20of%20Europe.png"'
    page = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert served in page and "@@PLUGINFILE@@" not in page
    body = client.get(f"/api/attempts/{attempt.pk}/").json()
    assert f"/question-files/{question.pk}/map%20of%20Europe.png" in body["questions"][0]["stem"]


def test_the_result_page_and_the_instructors_inspection_show_it_through_the_same_url(course, instructor, student, question) -> None:
    quiz = fixed_quiz(course=course, questions=[question], review_after_submit=Quiz.Review.FEEDBACK)
    attempt = attempt_start(quiz=quiz, user=student)
    client_for(student).post(reverse("attempt-submit", args=[attempt.pk]))
    attempt_grade(attempt_id=attempt.pk)
    served = f'src="/question-files/{question.pk}/map%20of%20Europe.png"'
    result = client_for(student).get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert served in result and "@@PLUGINFILE@@" not in result
    inspection = client_for(instructor).get(reverse("attempt-inspect", args=[attempt.pk])).content.decode()
    assert served in inspection


def test_the_stored_text_keeps_moodles_reference(question) -> None:
    assert Question.objects.get(pk=question.pk).stem == STEM


def test_an_edit_gives_the_new_version_the_same_images_without_copying_the_blob(instructor, question) -> None:
    newer = question_edit(question=question, user=instructor, stem=STEM + " Edited.")
    old_file, new_file = QuestionFile.objects.get(question=question), QuestionFile.objects.get(question=newer)
    assert (new_file.name, new_file.sha256, new_file.file.name) == (old_file.name, old_file.sha256, old_file.file.name)
    assert client_for(instructor).get(_url(newer)).status_code == 200


def test_a_bank_copied_into_a_course_shows_the_same_images(instructor, course, question) -> None:
    copy = bank_copy_to_course(bank=question.bank, course=course, user=instructor, name="Copy")
    copied = Question.objects.get(bank=copy)
    assert copied.stem == STEM
    assert QuestionFile.objects.get(question=copied).file.name == QuestionFile.objects.get(question=question).file.name
    assert client_for(instructor).get(_url(copied)).status_code == 200


def test_a_stored_blob_has_a_random_path_not_the_uploaded_name(question) -> None:
    path = QuestionFile.objects.get(question=question).file.name
    assert path.startswith("question-files/") and "map" not in path and ".png" not in path


# --- the editor ---------------------------------------------------------------------------------


def _choices() -> list[dict[str, object]]:
    return [{"text": "NATO", "correct": True, "ORDER": "1"}, {"text": "CSTO", "ORDER": "2"}]


def _upload(data: bytes, name: str = "map.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_an_instructor_adds_an_image_with_a_new_question_and_sees_it_in_the_preview(course, instructor) -> None:
    bank = QuestionBankFactory(course=course)
    client = client_for(instructor)
    post = editor_post(QuestionType.SINGLE_CHOICE, stem="Which alliance & which map?", rows=_choices())
    response = client.post(reverse("question-new", args=[bank.pk]), {**post, "image": _upload(MAP), "image_alt": "Europe in 2024"})
    assert response.status_code == 302
    question = Question.objects.get(bank=bank)
    # Plain text cannot show an image: the question becomes auto-format HTML, its text escaped.
    assert question.meta["format"] == "moodle"
    assert question.stem == 'Which alliance &amp; which map?\n<p><img src="@@PLUGINFILE@@/map.png" alt="Europe in 2024"></p>'
    stored = QuestionFile.objects.get(question=question)
    assert (stored.name, stored.content_type, stored.size) == ("map.png", "image/png", len(MAP))
    page = client.get(reverse("question-edit", args=[question.pk])).content.decode()
    preview = page[page.index('id="preview"') :]
    assert f'<img src="/question-files/{question.pk}/map.png" alt="Europe in 2024">' in preview
    assert "Which alliance &amp; which map?" in preview


def test_the_live_preview_of_unsaved_text_shows_the_edited_versions_images(instructor, question) -> None:
    bank = question.bank
    post = editor_post(QuestionType.SINGLE_CHOICE, stem=STEM + "<p>More.</p>", rows=_choices(), button="preview")
    page = client_for(instructor).post(reverse("question-preview", args=[bank.pk]), {**post, "question": question.pk}).content.decode()
    assert f'src="/question-files/{question.pk}/map%20of%20Europe.png"' in page


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7", "is not a PNG, JPEG, GIF or WebP image"),
        (SVG, "SVG can carry scripts"),
        (png() + b"\0" * 3000, "an image may be at most 2 KB"),
    ],
)
def test_a_refused_image_saves_nothing_and_keeps_what_was_saved(settings, instructor, question, data, says) -> None:  # type: ignore[no-untyped-def]
    settings.QUESTION_FILE_MAX_BYTES = 2048
    post = editor_post(QuestionType.SINGLE_CHOICE, stem=STEM + " Edited.", rows=_choices())
    response = client_for(instructor).post(reverse("question-edit", args=[question.pk]), {**post, "image": _upload(data, "x.png")})
    assert response.status_code == 200
    alert = re.search(r'role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert alert is not None and says in alert.group(1) and "Nothing was saved" in alert.group(1)
    assert "Edited." in response.content.decode()  # the form keeps what was typed
    assert list(Question.objects.filter(root_id=question.pk)) == []
    assert [f.name for f in QuestionFile.objects.all()] == ["map of Europe.png"]


def test_an_image_the_text_already_shows_is_not_shown_twice(instructor, question) -> None:
    post = editor_post(QuestionType.SINGLE_CHOICE, stem=STEM, rows=_choices())
    client_for(instructor).post(reverse("question-edit", args=[question.pk]), {**post, "image": _upload(png(seed=3), "map of Europe.png")})
    newer = Question.objects.get(root_id=question.pk)
    assert newer.stem == STEM
    assert QuestionFile.objects.get(question=newer).sha256 != QuestionFile.objects.get(question=question).sha256


# --- the API -------------------------------------------------------------------------------------


def _api(user):  # type: ignore[no-untyped-def]
    from tests.api.conftest import token_client

    return token_client(user)


def test_the_api_adds_an_image_as_a_new_version_like_the_editor(instructor, question) -> None:
    url = f"/api/questions/{question.pk}/images/"
    response = _api(instructor).post(url, {"file": _upload(png(seed=5), "legend.png"), "alt": "legend"}, format="multipart")
    assert response.status_code == 201
    newer = Question.objects.get(pk=response.json()["id"])
    assert newer.root_id == question.pk
    assert newer.stem == STEM + '\n<p><img src="@@PLUGINFILE@@/legend.png" alt="legend"></p>'
    assert sorted(QuestionFile.objects.filter(question=newer).values_list("name", flat=True)) == ["legend.png", "map of Europe.png"]


def test_the_api_refuses_a_file_that_is_not_an_image_and_saves_nothing(instructor, question) -> None:
    response = _api(instructor).post(f"/api/questions/{question.pk}/images/", {"file": _upload(SVG, "d.svg")}, format="multipart")
    assert response.status_code == 400
    assert "SVG can carry scripts" in str(response.json())
    assert not Question.objects.filter(root_id=question.pk).exists()
    assert QuestionFile.objects.count() == 1
