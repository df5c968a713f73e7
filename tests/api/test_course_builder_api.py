"""Instructors build a course through the API with the same services as the course builder page."""

from __future__ import annotations

import pytest

from courseware.models import Enrollment, Lesson, Module, User
from tests.api.conftest import World, token_client
from tests.factories import ReadingFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_an_instructor_builds_a_course_from_a_reading(instructor: User) -> None:
    reading = ReadingFactory(title="Deterrence")
    body = SectionFactory(reading=reading, order=1, heading="Forward presence")
    SectionFactory(reading=reading, order=2, heading="References", kind="references")
    client = token_client(instructor)

    course = client.post("/api/courses/create/", {"title": "Deterrence and defence"}, format="json").json()
    assert Enrollment.objects.get(course_id=course["id"], user=instructor).role == Enrollment.Role.INSTRUCTOR
    module = client.post("/api/modules/create/", {"course": course["id"], "title": "Week 1", "reading": reading.pk}, format="json").json()
    lessons = client.post(f"/api/modules/{module['id']}/lessons/build/", {}, format="json")
    assert lessons.status_code == 201
    assert [lesson["section"] for lesson in lessons.json()] == [body.pk]  # references are not a lesson
    # Building again creates nothing new.
    assert client.post(f"/api/modules/{module['id']}/lessons/build/", {}, format="json").json() == []

    published = client.post(f"/api/modules/{module['id']}/publish/", {"is_published": True}, format="json")
    assert published.json()["is_published"] is True


def test_a_duplicate_course_slug_is_a_field_error(instructor: User) -> None:
    client = token_client(instructor)
    assert client.post("/api/courses/create/", {"title": "Deterrence"}, format="json").status_code == 201
    response = client.post("/api/courses/create/", {"title": "Deterrence"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["slug"]


def test_reordering_must_name_every_module_once(world: World, instructor: User) -> None:
    client = token_client(instructor)
    url = f"/api/courses/{world.course.pk}/modules/reorder/"
    assert client.post(url, {"module_ids": [world.module.pk]}, format="json").status_code == 400
    assert client.post(url, {"module_ids": [world.draft_module.pk, world.module.pk]}, format="json").status_code == 204
    assert list(Module.objects.filter(course=world.course).order_by("order").values_list("pk", flat=True)) == [
        world.draft_module.pk,
        world.module.pk,
    ]


def test_editing_a_lesson_never_changes_the_reading(world: World, instructor: User) -> None:
    before = world.section.text
    response = token_client(instructor).post(
        f"/api/lessons/{world.lesson.pk}/update/", {"body": "My own words.\n\nSecond part."}, format="json"
    )
    assert response.status_code == 200
    assert Lesson.objects.get(pk=world.lesson.pk).body == "My own words.\n\nSecond part."
    world.section.refresh_from_db()
    assert world.section.text == before


def test_sections_of_another_reading_are_refused_with_the_services_message(world: World, instructor: User) -> None:
    stranger = SectionFactory()
    url = f"/api/modules/{world.module.pk}/lessons/build/"
    response = token_client(instructor).post(url, {"section_ids": [stranger.pk]}, format="json")
    assert response.status_code == 400
    assert "do not belong to the module's reading" in response.json()["detail"]
