from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from courseware.models import Course, Enrollment, User
from demo.accounts import DEMO_COURSE_TITLE


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"courseware", "quizzes"}}


@pytest.mark.django_db(transaction=True)
def test_load_seeds_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_seeds", password="demo-pass-123", stdout=StringIO())
    first = _row_counts()
    call_command("load_seeds", password="demo-pass-123", stdout=StringIO())
    assert _row_counts() == first


@pytest.mark.django_db(transaction=True)
def test_load_seeds_creates_demo_accounts_and_course(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_seeds", password="demo-pass-123", stdout=out)
    assert set(User.objects.values_list("username", flat=True)) >= {"admin", "instructor", "student1", "student2", "student3"}
    course = Course.objects.get(title=DEMO_COURSE_TITLE)
    roles = dict(Enrollment.objects.filter(course=course).values_list("user__username", "role"))
    assert roles == {"instructor": "instructor", "student1": "student", "student2": "student", "student3": "student"}
    response = client.post("/login/", {"username": "student1", "password": "demo-pass-123"})
    assert response.status_code == 302, "the demo password logs in"
    assert "student1 / demo-pass-123" in out.getvalue()


def test_load_seeds_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing with DEBUG off"):
        call_command("load_seeds", password="x", stdout=StringIO())
