"""Nothing with keys, grades or personal data may stay in a browser's or proxy's cache (F17)."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from config.middleware import NoStoreMiddleware
from courseware.models import Course, User
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def assert_no_store(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    assert "no-store" in response["Cache-Control"], response.get("Cache-Control")
    assert "private" in response["Cache-Control"]


def test_the_dashboard_is_never_stored(student: User, course: Course) -> None:
    assert_no_store(client_for(student).get(reverse("dashboard")))


def test_the_gradebook_export_is_never_stored(instructor: User, course: Course) -> None:
    assert_no_store(client_for(instructor).get(reverse("gradebook-csv", args=[course.pk])))


def test_a_view_that_sets_its_own_cache_control_keeps_it(rf: RequestFactory) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("public timetable")
        response["Cache-Control"] = "public, max-age=60"
        return response

    assert NoStoreMiddleware(view)(rf.get("/"))["Cache-Control"] == "public, max-age=60"


def test_a_bank_export_with_every_key_is_never_stored(instructor: User, course: Course) -> None:
    bank = QuestionBankFactory(course=course, owner=instructor)
    QuestionFactory(bank=bank)
    assert_no_store(client_for(instructor).get(reverse("bank-export", args=[bank.pk, "json"])))
