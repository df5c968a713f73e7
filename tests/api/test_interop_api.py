"""Question banks in and out of Moodle's formats through the API: the same service as the
``import_questions`` / ``export_questions`` commands and the review page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courseware.models import User
from quizzes.models import Question
from quizzes.services.interop import questions_export, questions_import
from tests.api.conftest import World, token_client

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "quizzes" / "interop" / "corpus"


def upload(name: str, fmt: str) -> dict[str, object]:
    return {"file": SimpleUploadedFile(name, (CORPUS / name).read_bytes()), "format": fmt}


def test_an_instructor_imports_a_moodle_xml_file_into_their_bank_as_drafts(world: World, instructor: User) -> None:
    response = token_client(instructor).post(
        f"/api/banks/{world.bank.pk}/import/", upload("all_types.moodle.xml", "moodle-xml"), format="multipart"
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"imported", "errors", "notes"}
    imported = Question.objects.filter(bank=world.bank, origin=Question.Origin.IMPORTED)
    assert body["imported"] == imported.count() > 0
    assert set(imported.values_list("status", flat=True)) == {Question.Status.DRAFT}
    assert all("reason" in issue for issue in body["errors"] + body["notes"])


def test_the_reasons_for_refused_questions_come_back_one_by_one(admin: User, world: World, instructor: User) -> None:
    expected = questions_import(bank="Scratch", fmt="moodle-xml", data=(CORPUS / "malformed.moodle.xml").read_bytes(), user=admin)

    response = token_client(instructor).post(
        f"/api/banks/{world.bank.pk}/import/", upload("malformed.moodle.xml", "moodle-xml"), format="multipart"
    )

    assert response.json()["errors"] == [e.as_dict() for e in expected.errors]
    assert len(expected.errors) > 1


def test_a_file_that_is_not_utf8_imports_nothing_and_says_why(world: World, instructor: User) -> None:
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/import/", upload("latin1.gift.txt", "gift"), format="multipart")

    assert response.status_code == 200
    body = response.json()
    assert body["imported"] == 0
    assert "not UTF-8" in body["errors"][0]["reason"]
    assert not Question.objects.filter(bank=world.bank, origin=Question.Origin.IMPORTED).exists()


def test_an_unknown_format_is_a_validation_error(world: World, instructor: User) -> None:
    response = token_client(instructor).post(
        f"/api/banks/{world.bank.pk}/import/", upload("questions.aiken.txt", "csv"), format="multipart"
    )

    assert response.status_code == 400
    assert "format" in response.json()["errors"]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("gift", "text/plain"), ("moodle-xml", "application/xml"), ("aiken", "text/plain"), ("json", "application/json")],
)
def test_the_export_is_the_services_file_for_every_format(world: World, instructor: User, fmt: str, content_type: str) -> None:
    response = token_client(instructor).get(f"/api/banks/{world.bank.pk}/export/", {"fmt": fmt})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode() == questions_export(fmt=fmt, bank=world.bank)


def test_export_is_gift_unless_asked_otherwise(world: World, admin: User) -> None:
    response = token_client(admin).get(f"/api/banks/{world.bank.pk}/export/")

    assert response.content.decode() == questions_export(fmt="gift", bank=world.bank)


def test_an_export_holds_answer_keys_so_a_student_cannot_tell_the_bank_exists(world: World, student: User) -> None:
    assert token_client(student).get(f"/api/banks/{world.bank.pk}/export/").status_code == 404
    assert token_client(student).get("/api/banks/999999/export/").status_code == 404


def test_an_exported_bank_imports_back_into_a_new_bank_with_the_same_file(world: World, instructor: User, course) -> None:  # type: ignore[no-untyped-def]
    client = token_client(instructor)
    first = client.get(f"/api/banks/{world.bank.pk}/export/", {"fmt": "moodle-xml"}).content
    new_bank = client.post("/api/banks/create/", {"name": "Copy", "course": course.pk}, format="json").json()["id"]

    client.post(
        f"/api/banks/{new_bank}/import/", {"file": SimpleUploadedFile("bank.xml", first), "format": "moodle-xml"}, format="multipart"
    )

    assert client.get(f"/api/banks/{new_bank}/export/", {"fmt": "moodle-xml"}).content == first

