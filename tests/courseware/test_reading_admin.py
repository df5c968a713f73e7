"""The admin's upload page: upload or paste, preview, confirm."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courseware.ingest.errors import UNSUPPORTED_TYPE_MESSAGE
from courseware.models import Reading, StagedUpload
from courseware.services.readings import STAGING_EXPIRED_MESSAGE
from tests.conftest import client_for
from tests.courseware.readings_support import PAPER_HEADINGS, SEED_NEWS_VILNIUS, SEED_PAPER

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:courseware_reading_upload")


def test_a_confirmed_upload_leaves_no_staged_upload_behind(admin):
    client = client_for(admin)
    response = client.post(UPLOAD, {"step": "preview", "text": "Baltic Air Policing\n\nJets guard the skies.\n", "title": "BAP"})
    assert StagedUpload.objects.count() == 1
    client.post(UPLOAD, {"step": "confirm", "token": response.context["token"]})
    assert StagedUpload.objects.count() == 0


def test_an_admin_previews_an_upload_then_confirms_it(admin):
    client = client_for(admin)
    with SEED_PAPER.open("rb") as file:
        response = client.post(UPLOAD, {"step": "preview", "file": file, "title": "The paper", "kind": "paper"})
    assert response.status_code == 200
    page = response.content.decode()
    for heading in PAPER_HEADINGS:
        assert heading.replace("'", "&#x27;") in page
    assert "foreign_abstract" in page
    assert Reading.objects.count() == 0, "the preview saves nothing"

    token = response.context["token"]
    response = client.post(UPLOAD, {"step": "confirm", "token": token})
    reading = Reading.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:courseware_reading_change", args=[reading.pk])
    assert (reading.title, reading.kind, reading.imported_by) == ("The paper", "paper", admin)
    assert [s.heading for s in reading.sections.order_by("order")] == PAPER_HEADINGS


def test_the_preview_lists_removed_boilerplate(admin):
    with SEED_NEWS_VILNIUS.open("rb") as file:
        response = client_for(admin).post(UPLOAD, {"step": "preview", "file": file})
    assert "summary_widget" in response.content.decode()
    assert "article_navigation" in response.content.decode()


def test_pasted_text_can_be_imported(admin):
    client = client_for(admin)
    text = "Baltic Air Policing\n\nAllies guard the Baltic skies from Šiauliai since 2004.\n"
    response = client.post(UPLOAD, {"step": "preview", "text": text, "title": ""})
    assert "Baltic Air Policing" in response.content.decode()
    client.post(UPLOAD, {"step": "confirm", "token": response.context["token"]})
    assert Reading.objects.get().title == "Baltic Air Policing"


def test_a_bad_upload_shows_the_reason_and_saves_nothing(admin, tmp_path):
    image = tmp_path / "reading.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with image.open("rb") as file:
        response = client_for(admin).post(UPLOAD, {"step": "preview", "file": file})
    assert response.status_code == 200
    assert UNSUPPORTED_TYPE_MESSAGE in response.content.decode()
    assert Reading.objects.count() == 0


def test_a_confirmation_without_a_matching_preview_imports_nothing(admin):
    client = client_for(admin)
    response = client.post(UPLOAD, {"step": "confirm", "token": "0" * 32}, follow=True)
    assert STAGING_EXPIRED_MESSAGE in response.content.decode()
    assert Reading.objects.count() == 0


def test_imported_markup_is_shown_sanitised_in_the_preview(admin):
    html = (
        b"<html><body><h1>Summit</h1><p>Allies met.<script>alert('x')</script></p><p>&lt;img src=x onerror=alert(1)&gt;</p></body></html>"
    )
    response = client_for(admin).post(UPLOAD, {"step": "preview", "text": html.decode(), "title": "Summit"})
    page = response.content.decode()
    assert "alert('x')" not in page
    assert "<img src=x" not in page


def test_instructors_cannot_use_the_upload_page(instructor):
    response = client_for(instructor).get(UPLOAD)
    assert response.status_code == 403
