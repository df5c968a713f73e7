"""A previewed upload waits in the database, not on the host that showed the preview, so the
confirmation may land on any host (issue 15, bug 4); expired ones are cleaned up."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courseware.models import Reading, StagedUpload
from courseware.services.readings import (
    STAGING_MAX_AGE_SECONDS,
    StagedUploadMissingError,
    reading_stage_upload,
    reading_staged_data,
    reading_staged_purge_expired,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

TEXT = "Baltic Air Policing\n\nAllied jets guard the skies over Estonia, Latvia and Lithuania.\n"


def test_staging_writes_nothing_to_the_hosts_disk(settings, tmp_path) -> None:
    settings.VAR_DIR = tmp_path
    token = reading_stage_upload(data=b"bytes")
    assert list(tmp_path.rglob("*")) == []
    assert StagedUpload.objects.get(token=token).expires_at > timezone.now()


def test_a_confirmation_on_another_host_imports_the_previewed_bytes(admin, settings, tmp_path) -> None:
    # "Another host" = another VAR_DIR and another client with the same session cookie.
    settings.VAR_DIR = tmp_path / "host-a"
    first = client_for(admin)
    preview = first.post(reverse("reading-import"), {"step": "preview", "text": TEXT, "title": "BAP", "kind": "news"})
    settings.VAR_DIR = tmp_path / "host-b"
    second = client_for(admin)
    second.cookies = first.cookies
    response = second.post(reverse("reading-import"), {"step": "confirm", "token": preview.context["token"]})
    reading = Reading.objects.get()
    assert response["Location"] == reverse("reading-progress-page", args=[reading.pk])
    assert reading.title == "BAP"
    assert StagedUpload.objects.count() == 0


def test_an_expired_upload_cannot_be_confirmed_and_is_purged() -> None:
    token = reading_stage_upload(data=b"old bytes")
    later = timezone.now() + dt.timedelta(seconds=STAGING_MAX_AGE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        with pytest.raises(StagedUploadMissingError):
            reading_staged_data(token=token)
        assert reading_staged_purge_expired() == 1
    assert not StagedUpload.objects.exists()


def test_staging_a_new_upload_cleans_up_expired_ones() -> None:
    old = reading_stage_upload(data=b"old bytes")
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=STAGING_MAX_AGE_SECONDS + 1), tick=False):
        new = reading_stage_upload(data=b"new bytes")
    assert list(StagedUpload.objects.values_list("token", flat=True)) == [new]
    assert old != new


def test_a_token_that_is_not_ours_reads_nothing() -> None:
    reading_stage_upload(data=b"bytes")
    for token in ("", "../../etc/passwd", "0" * 32):
        with pytest.raises(StagedUploadMissingError):
            reading_staged_data(token=token)
