"""A file attached to an essay: the question says whether one may (or must) be attached and of
which kinds; the student uploads one while the attempt is open, judged by its content; a refused
upload costs nothing already saved; a new upload replaces the old one; only the student and the
quiz's markers may download it, markers under a neutral name."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from quizzes.attachments import NO_FILE, attachment_kind
from quizzes.models import Attempt, QuestionType, Response, ResponseFile
from quizzes.questiontypes import QuestionDefinitionError, validate_definition
from quizzes.services.attachments import NO_ATTACHMENTS
from quizzes.services.attempt_rules import ATTEMPT_NOT_IN_PROGRESS
from quizzes.services.attempts import attempt_start, attempt_submit, response_save
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import QuestionFactory
from tests.pages.editor_posts import editor_post
from tests.quizzes.builders import fixed_quiz, question_of
from tests.quizzes.images import GIF, png

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ESSAY_TEXT = "Article 5 obliges each ally to assist, each as it deems necessary."


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])
ODT = _zip([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document-content/>")])
XLSX = _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def _attempt(course, student, **settings: Any) -> Attempt:  # type: ignore[no-untyped-def]
    essay = QuestionFactory(
        essay=True, stem="Does admission trigger Article 5?", choices={"attachments": "optional", **settings}, answer={}, points=4
    )
    quiz = fixed_quiz(course=course, questions=[question_of("single_choice"), essay], shuffle_questions=False)
    return attempt_start(quiz=quiz, user=student)


def _essay(attempt: Attempt) -> Response:
    return Response.objects.select_related("question").get(attempt=attempt, question__type=QuestionType.ESSAY)


def _upload(web: Client, attempt: Attempt, name: str, data: bytes, **extra: str) -> Any:
    essay = _essay(attempt)
    fields = {"question": essay.question_id, "position": essay.position, "number": "2", "page": "1", **extra}
    if name:
        fields["file"] = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return web.post(f"/attempts/{attempt.pk}/attach/", fields, follow=True)


def _messages(page: Any) -> list[str]:
    return [str(m) for m in page.context["messages"]]


# --- the question's settings ---------------------------------------------------------------------------


def test_an_essay_says_whether_a_file_may_be_attached_and_of_which_kinds() -> None:
    validate_definition(type="essay", choices={"attachments": "required", "attachment_types": ["pdf", "odt"]}, answer={})
    validate_definition(type="essay", choices={"attachments": "none"}, answer={})
    with pytest.raises(QuestionDefinitionError, match="attachments is one of none, optional, required"):
        validate_definition(type="essay", choices={"attachments": "3"}, answer={})
    with pytest.raises(QuestionDefinitionError, match="attachment_types"):
        validate_definition(type="essay", choices={"attachments": "optional", "attachment_types": ["exe"]}, answer={})


def test_the_editor_saves_the_attachment_settings(instructor, course) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import QuestionBankFactory

    bank = QuestionBankFactory(course=course)
    settings = {"attachments": "required", "attachment_types": ["pdf", "docx"], "response_lines": "10"}
    posted = client_for(instructor).post(
        f"/teach/banks/{bank.pk}/new/", editor_post("essay", stem="Discuss Article 5.", settings=settings, criteria=[])
    )
    assert posted.status_code == 302
    assert bank.questions.get().choices == {"response_lines": 10, "attachments": "required", "attachment_types": ["pdf", "docx"]}


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PDF, "pdf"), (DOCX, "docx"), (ODT, "odt"), (b"Plain notes\n", "txt"), (png(), "png"), (b"\xff\xd8\xff\xe0rest", "jpeg")],
)
def test_a_file_is_judged_by_its_content(data: bytes, kind: str) -> None:
    assert attachment_kind(data) == kind


@pytest.mark.parametrize("data", [XLSX, GIF, b"MZ\x90\x00\x03\x00\x00\x00", b"\xff\xfe\x00bad", b"PK\x03\x04broken"])
def test_other_files_are_of_no_kind_taken_here(data: bytes) -> None:
    assert attachment_kind(data) is None


# --- uploading ---------------------------------------------------------------------------------------


def test_the_student_attaches_a_file_while_the_attempt_is_open_and_sees_it_on_the_page(course, student) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student)
    web = client_for(student)
    page = _upload(web, attempt, "My essay.pdf", PDF)
    assert "My essay.pdf is attached to question 2." in _messages(page)
    stored = ResponseFile.objects.get(response=_essay(attempt))
    assert (stored.name, stored.kind, stored.size, stored.sha256) == ("My essay.pdf", "pdf", len(PDF), hashlib.sha256(PDF).hexdigest())
    assert "My essay" not in stored.file.name and stored.file.name.startswith("response-files/")
    html = page.content.decode()
    assert 'Attached: <a href="/essay-files/' in html and "My essay.pdf" in html


def test_a_new_file_replaces_the_old_one_which_is_deleted(course, student, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student)
    web = client_for(student)
    _upload(web, attempt, "draft.pdf", PDF)
    old_blob = ResponseFile.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        page = _upload(web, attempt, "final.docx", DOCX)
    assert "final.docx is attached to question 2." in _messages(page)
    assert list(ResponseFile.objects.values_list("name", "kind")) == [("final.docx", "docx")]
    assert not default_storage.exists(old_blob)
    with django_capture_on_commit_callbacks(execute=True):
        removed = _upload(web, attempt, "", b"", remove="1")
    assert "The file attached to question 2 is removed." in _messages(removed)
    assert not ResponseFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("essay.pdf", b"<html><script>alert(1)</script></html>\x00", "essay.pdf is not a file this question accepts"),
        ("virus.exe", b"MZ\x90\x00\x03\x00\x00\x00", "attach PDF or Word (.docx)"),
        ("diagram.png", png(), "diagram.png is not a file this question accepts"),
        ("empty.pdf", b"", "empty.pdf is empty."),
        ("", b"", NO_FILE),
    ],
)
def test_a_refused_upload_says_why_and_keeps_the_essay_and_the_file_already_attached(course, student, name, data, says) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student, attachment_types=["pdf", "docx"])
    essay = _essay(attempt)
    response_save(attempt_id=attempt.pk, user=student, question_id=essay.question_id, answer=ESSAY_TEXT)
    web = client_for(student)
    _upload(web, attempt, "kept.pdf", PDF)
    page = _upload(web, attempt, name, data)
    assert page.status_code == 200
    assert any(says in m and "Your essay and any file attached before are kept." in m for m in _messages(page))
    essay.refresh_from_db()
    assert essay.answer == ESSAY_TEXT
    assert list(ResponseFile.objects.values_list("name", "sha256")) == [("kept.pdf", hashlib.sha256(PDF).hexdigest())]


def test_a_file_over_the_size_limit_is_refused_by_its_size(course, student, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ESSAY_FILE_MAX_BYTES = 2048
    attempt = _attempt(course, student)
    page = _upload(client_for(student), attempt, "long.pdf", PDF + b"0" * 4096)
    assert any("long.pdf is 5 KB; a file may be at most 2 KB." in m for m in _messages(page))
    assert not ResponseFile.objects.exists()


def test_an_essay_without_attachments_and_other_questions_take_no_file(course, student) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student, attachments="none")
    page = _upload(client_for(student), attempt, "essay.pdf", PDF)
    assert any(NO_ATTACHMENTS in m for m in _messages(page))
    assert "Attached file for question" not in page.content.decode()
    other = Response.objects.get(attempt=attempt, position=1)
    web = client_for(student)
    refused = web.post(
        f"/attempts/{attempt.pk}/attach/", {"question": other.question_id, "file": SimpleUploadedFile("a.pdf", PDF)}, follow=True
    )
    assert any(NO_ATTACHMENTS in m for m in _messages(refused))
    assert not ResponseFile.objects.exists()


def test_the_submit_page_names_an_essay_that_asks_for_a_file_and_has_none_but_still_submits(course, student) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student, attachments="required")
    web = client_for(student)
    page = web.get(f"/attempts/{attempt.pk}/submit/").content.decode()
    assert "1 essay asks for a file, and none is attached yet" in page
    assert f'<ul id="files-missing"><li><a href="/attempts/{attempt.pk}/?page=1#q-2">Question 2</a></li></ul>' in page
    _upload(web, attempt, "essay.pdf", PDF)
    assert 'id="files-missing"' not in web.get(f"/attempts/{attempt.pk}/submit/").content.decode()
    # As in Moodle, the missing file is the student's to judge: the submit goes through without it.
    other = _attempt(course, student, attachments="required")
    web.post(f"/attempts/{other.pk}/submit/")
    assert Attempt.objects.get(pk=other.pk).state == Attempt.State.SUBMITTED


def test_an_optional_file_is_not_asked_for_on_the_submit_page(course, student) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student, attachments="optional")
    assert 'id="files-missing"' not in client_for(student).get(f"/attempts/{attempt.pk}/submit/").content.decode()


def test_after_submitting_an_upload_is_refused(course, student) -> None:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student)
    attempt_submit(attempt=attempt, user=student)
    page = _upload(client_for(student), attempt, "late.pdf", PDF)
    assert page.redirect_chain[-1][0] == f"/attempts/{attempt.pk}/result/"
    assert any(ATTEMPT_NOT_IN_PROGRESS in m for m in _messages(page))
    assert not ResponseFile.objects.exists()


def test_another_students_attempt_is_not_found(course, student, other_student) -> None:  # type: ignore[no-untyped-def]
    from courseware.models import Enrollment
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    attempt = _attempt(course, student)
    essay = _essay(attempt)
    refused = client_for(other_student).post(
        f"/attempts/{attempt.pk}/attach/", {"question": essay.question_id, "file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert refused.status_code == 404 and not ResponseFile.objects.exists()


# --- downloading ---------------------------------------------------------------------------------------


def _graded_with_file(course, student, name: str = "Jane Smith - essay.pdf", **quiz: Any) -> Response:  # type: ignore[no-untyped-def]
    attempt = _attempt(course, student)
    _upload(client_for(student), attempt, name, PDF)
    if quiz:
        type(attempt.quiz).objects.filter(pk=attempt.quiz_id).update(**quiz)
    attempt_submit(attempt=attempt, user=student)
    attempt_grade(attempt_id=attempt.pk)
    return _essay(attempt)


def test_the_student_and_the_quizs_markers_may_download_the_file_and_nobody_else(  # type: ignore[no-untyped-def]
    course, other_course, student, other_student, instructor, other_instructor, admin
) -> None:
    essay = _graded_with_file(course, student)
    url = f"/essay-files/{essay.pk}/"
    for who, status, filename in [
        (student, 200, "Jane Smith - essay.pdf"),
        (instructor, 200, f"essay-{essay.pk}.pdf"),
        (admin, 200, f"essay-{essay.pk}.pdf"),
        (other_student, 404, None),
        (other_instructor, 404, None),
    ]:
        got = client_for(who).get(url)
        assert got.status_code == status, who
        if status == 200:
            assert b"".join(got.streaming_content) == PDF
            assert got["Content-Type"] == "application/pdf" and got["X-Content-Type-Options"] == "nosniff"
            assert got["Content-Disposition"].startswith("attachment;") and filename in got["Content-Disposition"]
    assert Client().get(url).status_code == 404
    assert client_for(student).get(f"/essay-files/{essay.pk + 1000}/").status_code == 404


def test_anonymous_marking_never_shows_the_students_file_name(course, student, instructor) -> None:  # type: ignore[no-untyped-def]
    essay = _graded_with_file(course, student, name="Jane Smith - essay.pdf", anonymous_marking=True)
    marker = client_for(instructor)
    queue = marker.get(f"/teach/quizzes/{essay.attempt.quiz_id}/marking/").content.decode()
    page = marker.get(f"/teach/marking/{essay.pk}/").content.decode()
    download = marker.get(f"/essay-files/{essay.pk}/")
    for shown in (queue, page, download["Content-Disposition"]):
        assert "Jane" not in shown and "Smith" not in shown
    assert f'href="/essay-files/{essay.pk}/"' in queue and f'href="/essay-files/{essay.pk}/"' in page
    assert download["Content-Disposition"] == f'attachment; filename="essay-{essay.pk}.pdf"'


# --- the API ---------------------------------------------------------------------------------------------


def test_the_api_attaches_replaces_and_removes_the_file_as_the_page_does(course, student) -> None:  # type: ignore[no-untyped-def]
    from tests.api.conftest import token_client

    attempt = _attempt(course, student, attachment_types=["pdf", "odt"])
    essay = _essay(attempt)
    api = token_client(student)
    url = f"/api/attempts/{attempt.pk}/responses/{essay.question_id}/file/"
    put = api.put(url, {"file": SimpleUploadedFile("essay.odt", ODT)}, format="multipart")
    assert put.status_code == 200
    assert put.json() == {
        "name": "essay.odt",
        "kind": "odt",
        "size": len(ODT),
        "sha256": hashlib.sha256(ODT).hexdigest(),
        "download": f"/api/responses/{essay.pk}/file/",
    }
    refused = api.put(url, {"file": SimpleUploadedFile("essay.docx", DOCX)}, format="multipart")
    assert refused.status_code == 400 and refused.json()["code"] == "attachment_refused"
    assert b"".join(api.get(f"/api/responses/{essay.pk}/file/").streaming_content) == ODT
    assert api.delete(url).status_code == 204 and not ResponseFile.objects.exists()
    api.put(url, {"file": SimpleUploadedFile("essay.pdf", PDF)}, format="multipart")
    attempt_submit(attempt=attempt, user=student)
    late = api.put(url, {"file": SimpleUploadedFile("late.pdf", PDF)}, format="multipart")
    assert late.status_code == 409 and late.json()["detail"] == ATTEMPT_NOT_IN_PROGRESS
    assert list(ResponseFile.objects.values_list("name", flat=True)) == ["essay.pdf"]


def test_the_api_serves_the_file_to_the_student_and_the_markers_only(  # type: ignore[no-untyped-def]
    course, other_course, student, other_student, instructor, other_instructor, admin
) -> None:
    from tests.api.conftest import token_client

    essay = _graded_with_file(course, student, anonymous_marking=True)
    url = f"/api/responses/{essay.pk}/file/"
    assert f'filename="{"Jane Smith - essay.pdf"}"' in token_client(student).get(url)["Content-Disposition"]
    for marker in (instructor, admin):
        assert token_client(marker).get(url)["Content-Disposition"] == f'attachment; filename="essay-{essay.pk}.pdf"'
    for outsider in (other_student, other_instructor):
        assert token_client(outsider).get(url).status_code == 404
    queue = token_client(instructor).get(f"/api/quizzes/{essay.attempt.quiz_id}/marking/").json()
    assert [(r["attachment_kind"], r["attachment_url"]) for r in queue] == [("pdf", url)]


def test_a_submit_between_the_checks_and_the_write_wins_and_leaves_no_blob(course, student, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The service checks the open attempt, then writes the blob, then locks the attempt row and
    # checks again: a submit that lands in between refuses the file and its blob goes.
    from quizzes.services import attachments as service

    attempt = _attempt(course, student)
    real_check = service.attachment_check
    written: list[str] = []

    def check_then_submit(**kwargs: Any) -> Any:
        attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student)
        return real_check(**kwargs)

    real_save = ResponseFile.file.field.attr_class.save

    def save_and_note(self, name, content, save=True):  # type: ignore[no-untyped-def]
        real_save(self, name, content, save=save)
        written.append(self.name)

    monkeypatch.setattr(service, "attachment_check", check_then_submit)
    monkeypatch.setattr(ResponseFile.file.field.attr_class, "save", save_and_note)
    with pytest.raises(service.AttemptNotInProgress):
        service.response_file_attach(
            attempt_id=attempt.pk, user=student, question_id=_essay(attempt).question_id, upload=SimpleUploadedFile("a.pdf", PDF)
        )
    assert len(written) == 1 and not default_storage.exists(written[0])
    assert not ResponseFile.objects.exists()
