from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for

INSTRUCTOR_PAGES = ["teach-home", "bank-list"]
ADMIN_PAGES = ["manage-home", "reading-import", "lexicon"]


@pytest.mark.parametrize("name", INSTRUCTOR_PAGES + ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", INSTRUCTOR_PAGES + ADMIN_PAGES)
def test_a_student_cannot_reach_instructor_or_admin_pages(student, name):
    assert client_for(student).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_an_instructor_cannot_reach_admin_pages(instructor, name):
    assert client_for(instructor).get(reverse(name)).status_code == 403


def test_a_student_cannot_enter_the_django_admin(student):
    response = client_for(student).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", INSTRUCTOR_PAGES)
def test_an_instructor_reaches_instructor_pages(instructor, name):
    assert client_for(instructor).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", INSTRUCTOR_PAGES + ADMIN_PAGES)
def test_an_admin_reaches_every_page(admin, name):
    assert client_for(admin).get(reverse(name)).status_code == 200


def test_login_page_logs_a_user_in(client, student, password):
    response = client.post(reverse("login"), {"username": student.username, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_repeated_failed_logins_lock_the_account_out(client, student, password, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": student.username, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    # Even the right password is refused while locked out.
    response = client.post(reverse("login"), {"username": student.username, "password": password}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429


@pytest.mark.parametrize(("who", "landing"), [("student", "dashboard"), ("instructor", "teach-home"), ("admin", "teach-home")])
def test_logging_in_lands_each_role_on_its_own_start_page(request, client, who, landing):
    from tests.factories import DEFAULT_PASSWORD

    user = request.getfixturevalue(who)
    response = client.post(reverse("login"), {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse(landing)


def test_a_next_page_still_wins_over_the_instructors_start_page(client, instructor):
    from tests.factories import DEFAULT_PASSWORD

    response = client.post(f"{reverse('login')}?next=/lessons/1/", {"username": instructor.username, "password": DEFAULT_PASSWORD})
    assert response["Location"] == "/lessons/1/"
