"""Every way of importing a reading queues its question generation, because the import service
does it (issue 15, bug 2): the manage page, the admin upload, the API and
``manage.py import_reading`` all get it; demo seeding and the benchmark, which generate
synchronously themselves, opt out and so queue nothing twice."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from courseware.models import Reading
from courseware.services.readings import reading_import
from quizzes.models import GenerationJob
from tests.conftest import client_for
from tests.courseware.readings_support import SEED_NEWS_VILNIUS

pytestmark = pytest.mark.django_db

TEXT = "Baltic Air Policing\n\nAllied jets guard the skies over Estonia, Latvia and Lithuania.\n"


@pytest.fixture(autouse=True)
def _no_broker():
    # The task is published on commit; these tests are about the queued job, not the worker.
    with mock.patch("quizzes.services.generation_jobs.generate_questions_task") as task:
        yield task.delay


def _jobs() -> list[tuple[str, str]]:
    return list(GenerationJob.objects.values_list("reading__title", "state"))


def test_the_import_service_queues_generation_for_a_new_reading(django_capture_on_commit_callbacks, _no_broker) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = reading_import(data=TEXT.encode(), filename="bap.txt", title="BAP")
    assert _jobs() == [("BAP", GenerationJob.State.QUEUED)]
    _no_broker.assert_called_once_with(result.reading.pk)


def test_the_same_bytes_again_queue_nothing_more() -> None:
    reading_import(data=TEXT.encode(), filename="bap.txt", title="BAP")
    again = reading_import(data=TEXT.encode(), filename="bap.txt", title="BAP")
    assert not again.created
    assert GenerationJob.objects.count() == 1


def test_a_caller_that_generates_itself_can_opt_out() -> None:
    reading_import(data=TEXT.encode(), filename="bap.txt", title="BAP", generate_questions=False)
    assert GenerationJob.objects.count() == 0


def test_the_admin_upload_queues_generation(admin, settings, tmp_path) -> None:
    settings.VAR_DIR = tmp_path
    client = client_for(admin)
    upload = reverse("admin:courseware_reading_upload")
    response = client.post(upload, {"step": "preview", "text": TEXT, "title": "BAP"})
    client.post(upload, {"step": "confirm", "token": response.context["token"]})
    assert _jobs() == [("BAP", GenerationJob.State.QUEUED)]


def test_the_manage_page_queues_generation_once(admin, settings, tmp_path) -> None:
    settings.VAR_DIR = tmp_path
    client = client_for(admin)
    response = client.post(reverse("reading-import"), {"step": "preview", "text": TEXT, "title": "BAP", "kind": "news"})
    client.post(reverse("reading-import"), {"step": "confirm", "token": response.context["token"]})
    assert _jobs() == [("BAP", GenerationJob.State.QUEUED)]


def test_the_api_queues_generation_once(admin) -> None:
    with SEED_NEWS_VILNIUS.open("rb") as file:
        response = client_for(admin).post(reverse("api-reading-import"), {"file": file})
    assert response.status_code == 201
    assert GenerationJob.objects.filter(reading=Reading.objects.get()).count() == 1


def test_the_import_reading_command_queues_generation() -> None:
    call_command("import_reading", str(SEED_NEWS_VILNIUS), stdout=mock.Mock())
    assert GenerationJob.objects.filter(reading=Reading.objects.get()).count() == 1
