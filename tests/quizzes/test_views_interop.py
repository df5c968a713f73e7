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
    # The corpus has an essay and a description, which do not map: each is listed with its reason.
    assert report.errors and all(e.reason in html for e in report.errors)


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
