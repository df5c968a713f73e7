"""Question banks in and out of Moodle's formats through the API: the same service as the
``import_questions`` / ``export_questions`` commands and the review page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courseware.models import User
from quizzes.models import Question
from quizzes.services.interop import TOO_MANY_QUESTIONS, questions_export, questions_import
from tests.api.conftest import World, token_client
from tests.conftest import client_for

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


# --- hardening (security review 2026-11-30) ---------------------------------------------------------------


def _gift(text: str, name: str = "file.gift") -> dict[str, object]:
    return {"file": SimpleUploadedFile(name, text.encode()), "format": "gift"}


def test_an_import_over_the_question_cap_is_refused_whole_with_a_400(world: World, instructor: User, settings) -> None:  # type: ignore[no-untyped-def]
    """F9: the review's 3 MB file made 88,888 drafts in 12 s inside the request."""
    settings.QUESTION_IMPORT_MAX_QUESTIONS = 5
    before = Question.objects.count()
    text = "".join(f"::Q{i}::Is claim {i} true?{{T}}\n\n" for i in range(6))

    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/import/", _gift(text), format="multipart")

    assert response.status_code == 400
    assert TOO_MANY_QUESTIONS.format(limit=5) in response.json()["detail"]
    assert Question.objects.count() == before
    at_cap = token_client(instructor).post(f"/api/banks/{world.bank.pk}/import/", _gift(text.split("\n\n", 1)[1]), format="multipart")
    assert (at_cap.status_code, at_cap.json()["imported"]) == (201, 5)


def test_the_import_page_refuses_a_file_over_the_cap_with_the_reason(world: World, instructor: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.QUESTION_IMPORT_MAX_QUESTIONS = 2
    text = "".join(f"::Q{i}::Is claim {i} true?{{T}}\n\n" for i in range(3))
    page = client_for(instructor).post(f"/teach/banks/{world.bank.pk}/import/", _gift(text))
    assert page.status_code == 400
    assert "more than 2 questions" in page.content.decode()
    assert not Question.objects.filter(bank=world.bank, origin=Question.Origin.IMPORTED).exists()


MATCHING_WITH_SCRIPTS = """::Match::[markdown]Match each system. {
=Stinger -> <script>alert('r2')</script>air defence
=Javelin -> <img src\\=x onerror\\=alert('r1')>anti-tank
}
"""


def test_the_right_hand_column_of_an_imported_matching_question_is_sanitised(world: World, instructor: User, student: User) -> None:
    """F15: the right column was stored and served as written, with text_format "markdown"."""
    client = token_client(instructor)
    assert client.post(f"/api/banks/{world.bank.pk}/import/", _gift(MATCHING_WITH_SCRIPTS), format="multipart").status_code == 201
    question = Question.objects.get(bank=world.bank, origin=Question.Origin.IMPORTED)
    client.post(f"/api/banks/{world.bank.pk}/approve/", {"questions": [question.pk]}, format="json")
    quiz = client.post(
        "/api/quizzes/create/",
        {"module": world.module.pk, "title": "F15", "is_published": True, "fixed_questions": [question.pk]},
        format="json",
    ).json()["id"]

    served = token_client(student).post(f"/api/quizzes/{quiz}/attempts/").json()["questions"][0]

    texts = [o["text"] for o in served["options"]]
    assert served["text_format"] == "markdown"
    # The image source goes too: only the question's own files may be shown (quizzes.media).
    assert sorted(texts) == ["<img>anti-tank", "air defence"]
    assert not any("script" in t or "onerror" in t for t in texts)


def test_stored_xss_through_an_imported_stem_and_choices_is_served_clean(world: World, instructor: User, student: User) -> None:
    """What held in the review: imported HTML is cleaned before it is stored, so neither the API
    nor the page can serve a script."""
    text = (
        '::X::[html]<p onclick\\="steal()">Pick<script>steal()</script></p>{=<b onmouseover\\=x()>a</b> ~<iframe src\\=evil>b</iframe>c}\n'
    )
    client = token_client(instructor)
    assert client.post(f"/api/banks/{world.bank.pk}/import/", _gift(text), format="multipart").status_code == 201
    question = Question.objects.get(bank=world.bank, origin=Question.Origin.IMPORTED)
    client.post(f"/api/banks/{world.bank.pk}/approve/", {"questions": [question.pk]}, format="json")
    quiz = client.post(
        "/api/quizzes/create/",
        {"module": world.module.pk, "title": "XSS", "is_published": True, "fixed_questions": [question.pk]},
        format="json",
    ).json()["id"]

    attempt = token_client(student).post(f"/api/quizzes/{quiz}/attempts/").json()
    page = client_for(student).get(f"/attempts/{attempt['id']}/").content.decode()

    served = attempt["questions"][0]
    for text_served in [served["stem"], *[o["text"] for o in served["options"]]]:
        assert not any(bad in text_served for bad in ("<script", "onclick", "onmouseover", "<iframe"))
    assert "steal()" not in page and "onmouseover" not in page and "<iframe" not in page


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&secret;</text></name></question></quiz>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_entity_attacks_through_the_api_import_nothing_and_say_why(world: World, instructor: User, payload: bytes) -> None:
    upload_ = {"file": SimpleUploadedFile("attack.xml", payload), "format": "moodle-xml"}
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/import/", upload_, format="multipart")
    assert response.status_code == 200
    assert response.json()["imported"] == 0
    assert "refused for safety" in response.json()["errors"][0]["reason"]
    assert "root:" not in response.content.decode()


def test_a_path_in_the_upload_name_or_export_format_reaches_no_file(world: World, instructor: User, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What held: the uploaded file is read in memory, never saved under its name; the export
    format is a fixed choice, never a path."""
    monkeypatch.chdir(tmp_path)
    client = token_client(instructor)
    named = client.post(
        f"/api/banks/{world.bank.pk}/import/", _gift("::Q::Is this safe?{T}\n", name="../../../../tmp/evil.gift"), format="multipart"
    )
    assert named.status_code == 201
    assert list(tmp_path.iterdir()) == []
    for fmt in ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd"):
        exported = client.get(f"/api/banks/{world.bank.pk}/export/", {"fmt": fmt})
        assert exported.status_code == 400
    assert client_for(instructor).get(f"/teach/banks/{world.bank.pk}/export/..%2Fsettings/").status_code == 404
