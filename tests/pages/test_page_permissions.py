"""Every HTML page x every member of the cast, with the status each one gets: the pages'
twin of tests/api/test_permissions.py, so a permission rule the API enforces is enforced on
its page too (the pages and the API use the same permission-checked selectors).

Reading a row: ``anonymous`` is sent to the login page (302); ``student`` / ``instructor``
belong to the course the object lives in; ``other_student`` / ``other_instructor`` belong to
another course; ``admin`` is a site admin. As in the API: 404 for objects of a course the
caller has nothing to do with (ids reveal nothing), 403 for a role that may not use the page
at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from courseware.models import User
from tests.api.conftest import ROLES
from tests.api.conftest import statuses as api_statuses
from tests.pages.conftest import World

pytestmark = pytest.mark.django_db


def statuses(**by_role: int) -> dict[str, int]:
    """As the API's matrix, except that an anonymous visitor is sent to the login page."""
    return api_statuses(anonymous=302, **by_role)


EVERYONE_SIGNED_IN = statuses(student=200, other_student=200, instructor=200, other_instructor=200, admin=200)
MEMBERS_OF_THE_COURSE = statuses(student=200, other_student=404, instructor=200, other_instructor=404, admin=200)
LIBRARY = statuses(student=200, other_student=404, instructor=200, other_instructor=200, admin=200)
# Instructor pages refuse students by role (403) and reach only their own courses' objects (404).
TEACHING = statuses(student=403, other_student=403, instructor=200, other_instructor=404, admin=200)
INSTRUCTORS_ONLY = statuses(student=403, other_student=403, instructor=200, other_instructor=200, admin=200)
ADMINS_ONLY = statuses(student=403, other_student=403, instructor=403, other_instructor=403, admin=200)
# Only the student who took the attempt acts in it; staff read it in the gradebook, not here.
OWNER_ONLY = statuses(student=200, other_student=404, instructor=404, other_instructor=404, admin=404)


@dataclass(frozen=True)
class Page:
    name: str
    url: str  # formatted with World.ids
    expect: dict[str, int]


PAGES = [
    Page("dashboard", "/", EVERYONE_SIGNED_IN),
    Page("course", "/courses/{course}/", MEMBERS_OF_THE_COURSE),
    Page("module", "/modules/{module}/", MEMBERS_OF_THE_COURSE),
    Page("lesson", "/lessons/{lesson}/", MEMBERS_OF_THE_COURSE),
    Page("reading", "/readings/{reading}/", LIBRARY),
    Page("quiz start", "/quizzes/{quiz}/", MEMBERS_OF_THE_COURSE),
    Page("attempt take", "/attempts/{attempt}/", OWNER_ONLY),
    Page("progress", "/progress/", EVERYONE_SIGNED_IN),
    Page("teach home", "/teach/", INSTRUCTORS_ONLY),
    Page("course builder", "/teach/courses/{course}/", TEACHING),
    Page("module builder", "/teach/modules/{module}/", TEACHING),
    Page("lesson edit", "/teach/lessons/{lesson}/", TEACHING),
    Page("quiz new", "/teach/modules/{module}/quizzes/new/", TEACHING),
    Page("quiz edit", "/teach/quizzes/{quiz}/", TEACHING),
    Page("quiz preview", "/teach/quizzes/{quiz}/preview/", TEACHING),
    Page("quiz stats", "/teach/quizzes/{quiz}/stats/", TEACHING),
    Page("quiz stats csv", "/teach/quizzes/{quiz}/stats.csv", TEACHING),
    Page("gradebook", "/teach/courses/{course}/gradebook/", TEACHING),
    Page("gradebook csv", "/teach/courses/{course}/gradebook.csv", TEACHING),
    Page("student detail", "/teach/courses/{course}/students/{student}/", TEACHING),
    Page("bank list", "/teach/banks/", INSTRUCTORS_ONLY),
    Page("bank review", "/teach/banks/{bank}/", TEACHING),
    Page("bank export", "/teach/banks/{bank}/export/gift/", TEACHING),
    Page("question new", "/teach/banks/{bank}/new/", TEACHING),
    Page("question edit", "/teach/questions/{question}/edit/", TEACHING),
    Page("question history", "/teach/questions/{question}/history/", TEACHING),
    Page("manage home", "/manage/", ADMINS_ONLY),
    Page("reading import", "/manage/import/", ADMINS_ONLY),
    Page("reading questions", "/manage/readings/{reading}/questions/", ADMINS_ONLY),
    Page("reading progress", "/manage/readings/{reading}/progress/", ADMINS_ONLY),
    Page("lexicon", "/manage/lexicon/", ADMINS_ONLY),
]


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_answers_each_member_of_the_cast_as_the_api_does(page: Page, world: World, cast: dict[str, User | None]) -> None:
    url = page.url.format(**world.ids)
    got = {role: _client(cast[role]).get(url).status_code for role in ROLES}
    assert got == page.expect


def test_anonymous_visitors_are_sent_to_the_login_page(world: World) -> None:
    response = Client().get(f"/teach/quizzes/{world.ids['quiz']}/")
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("template", "key"),
    [
        ("/teach/quizzes/{}/", "quiz"),
        ("/teach/banks/{}/", "bank"),
        ("/teach/questions/{}/edit/", "question"),
        ("/teach/modules/{}/", "module"),
    ],
)
def test_an_id_of_another_course_looks_like_an_id_that_does_not_exist(
    template: str, key: str, world: World, cast: dict[str, User | None]
) -> None:
    client = _client(cast["other_instructor"])
    assert client.get(template.format(world.ids[key])).status_code == client.get(template.format(10**9)).status_code == 404
