"""Group accommodations (Moodle's group overrides): a course group's extra time, dates and
attempts reach its members through start, the deadline rules, the auto-submitter, the API and the
quiz page; a student's own accommodation wins where it sets the same thing, and among several
groups the most generous value counts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from courseware.models import CourseGroup, Enrollment
from courseware.services.groups import GROUP_NAME_TAKEN, NOT_STUDENTS, group_create, group_delete, group_update
from quizzes.models import Attempt, QuizAccommodation, QuizGroupAccommodation
from quizzes.selectors.teach import accommodation_merge, quiz_settings_for
from quizzes.services.accommodations import (
    NOT_A_GROUP_OF_THE_COURSE,
    accommodation_save,
    group_accommodation_delete,
    group_accommodation_save,
)
from quizzes.services.attempt_rules import QUIZ_CLOSED, QuizNotAvailable
from quizzes.services.attempts import (
    attempt_start,
    attempt_submit,
    attempts_autosubmit_expired,
    quiz_attempts_close,
)
from tests.conftest import client_for
from tests.factories import CourseFactory, EnrollmentFactory, UserFactory
from tests.quizzes.conftest import T0

# ``quiz`` (timed, one attempt, closing at T0 + 1 h) and ``no_broker``: tests/quizzes/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


@pytest.fixture
def learning_plan(course, student) -> CourseGroup:  # type: ignore[no-untyped-def]
    return group_create(course=course, name="Learning plan", members=[student])


# --- the rule ---------------------------------------------------------------------------------------------


def test_among_groups_the_most_generous_value_of_each_setting_counts(quiz, learning_plan) -> None:
    early, late = T0 - dt.timedelta(days=1), T0 + dt.timedelta(days=2)
    groups = [
        QuizGroupAccommodation(quiz=quiz, group=learning_plan, extra_time_seconds=300, closes_at=late),
        QuizGroupAccommodation(quiz=quiz, group=CourseGroup(name="Athletes"), extra_attempts=2, opens_at=early, closes_at=T0),
    ]
    merged = accommodation_merge(own=None, groups=groups)
    assert merged is not None
    assert (merged.extra_time_seconds, merged.opens_at, merged.closes_at, merged.extra_attempts) == (300, early, late, 2)
    assert merged.group_names == ("Athletes", "Learning plan")


def test_the_students_own_accommodation_wins_for_each_setting_it_sets_even_when_less_generous(quiz, learning_plan, student) -> None:
    group = QuizGroupAccommodation(quiz=quiz, group=learning_plan, extra_time_seconds=1200, extra_attempts=3)
    own = QuizAccommodation(quiz=quiz, user=student, extra_time_seconds=300)
    merged = accommodation_merge(own=own, groups=[group])
    assert merged is not None
    # Own extra time (5 minutes) beats the group's 20; the group's extra attempts still count.
    assert (merged.extra_time_seconds, merged.extra_attempts) == (300, 3)
    assert accommodation_merge(own=None, groups=[]) is None


# --- honoured everywhere ------------------------------------------------------------------------------


def test_a_groups_extra_time_lengthens_only_its_members_deadlines(quiz, learning_plan, student, other_student, instructor) -> None:
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=300)
    with time_machine.travel(T0, tick=False):
        mine, theirs = attempt_start(quiz=quiz, user=student), attempt_start(quiz=quiz, user=other_student)
    assert mine.deadline == T0 + dt.timedelta(minutes=15)
    assert theirs.deadline == T0 + dt.timedelta(minutes=10)


def test_a_student_in_two_groups_gets_the_longer_extra_time(quiz, course, learning_plan, student, instructor) -> None:
    athletes = group_create(course=course, name="Athletes", members=[student])
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=300)
    group_accommodation_save(quiz=quiz, group=athletes, granted_by=instructor, extra_time_seconds=900, extra_attempts=1)
    settings = quiz_settings_for(quiz=quiz, user=student)
    assert (settings.time_limit_seconds, settings.attempts_allowed) == (1500, 2)


def test_own_extra_time_beats_the_groups_but_the_groups_later_close_still_counts(quiz, learning_plan, student, instructor) -> None:
    later = quiz.closes_at + dt.timedelta(days=1)
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=1200, closes_at=later)
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_time_seconds=120)
    settings = quiz_settings_for(quiz=quiz, user=student)
    assert (settings.time_limit_seconds, settings.closes_at) == (720, later)


def test_a_groups_later_close_lets_its_members_start_and_finish_after_the_others(
    quiz, learning_plan, student, other_student, instructor
) -> None:
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=1))
    after_close = quiz.closes_at + dt.timedelta(minutes=5)
    with time_machine.travel(after_close, tick=False):
        with pytest.raises(QuizNotAvailable, match=QUIZ_CLOSED):
            attempt_start(quiz=quiz, user=other_student)
        attempt = attempt_start(quiz=quiz, user=student)
        assert attempt.deadline == after_close + dt.timedelta(minutes=10)
        attempt_submit(attempt=attempt, user=student)
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED


def test_the_auto_submitter_leaves_a_group_members_attempt_open_after_the_quiz_closes(
    quiz, learning_plan, student, other_student, instructor
) -> None:
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=1))
    with time_machine.travel(quiz.closes_at - dt.timedelta(minutes=1), tick=False):
        theirs = attempt_start(quiz=quiz, user=other_student)
    after_close = quiz.closes_at + dt.timedelta(minutes=5)
    with time_machine.travel(after_close, tick=False):
        attempt = attempt_start(quiz=quiz, user=student)
        # The classmate is submitted at the close; the member's attempt stays open to its deadline.
        assert attempts_autosubmit_expired() == [theirs.pk]
        assert quiz_attempts_close(quiz=quiz) == []
        assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS
        assert Attempt.objects.get(pk=attempt.pk).deadline == after_close + dt.timedelta(minutes=10)


def test_a_groups_close_does_not_reach_a_student_whose_own_close_is_earlier(quiz, learning_plan, student, instructor) -> None:
    """Moodle's rule: the student's own close wins, although the group's is later."""
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=2))
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=1))
    with (
        time_machine.travel(quiz.closes_at + dt.timedelta(days=1, minutes=1), tick=False),
        pytest.raises(QuizNotAvailable, match=QUIZ_CLOSED),
    ):
        attempt_start(quiz=quiz, user=student)


def test_joining_a_group_during_an_attempt_moves_its_deadline_and_leaving_moves_it_back(quiz, course, student, instructor) -> None:
    group = group_create(course=course, name="Learning plan")
    group_accommodation_save(quiz=quiz, group=group, granted_by=instructor, extra_time_seconds=1200)
    with time_machine.travel(T0, tick=False):
        attempt = attempt_start(quiz=quiz, user=student)
        assert attempt.deadline == T0 + dt.timedelta(minutes=10)
        group_update(group=group, name=group.name, members=[student])
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=30)
        group_update(group=group, name=group.name, members=[])
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=10)


def test_removing_the_groups_accommodation_or_the_group_moves_the_deadline_back(quiz, learning_plan, student, instructor) -> None:
    with time_machine.travel(T0, tick=False):
        attempt = attempt_start(quiz=quiz, user=student)
        group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=600)
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=20)
        group_accommodation_delete(quiz=quiz, group=learning_plan)
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=10)
        group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=600)
        group_delete(group=learning_plan)
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=10)
    assert not QuizGroupAccommodation.objects.exists()


def test_groups_hold_only_the_courses_students_and_quizzes_take_only_the_courses_groups(quiz, course, instructor, other_student) -> None:
    with pytest.raises(ValidationError, match=NOT_STUDENTS):
        group_create(course=course, name="Staff", members=[instructor])
    with pytest.raises(ValidationError, match=GROUP_NAME_TAKEN.format(name="learning plan")):
        group_create(course=course, name="Learning plan")
        group_create(course=course, name="learning plan ")
    elsewhere = CourseFactory()
    EnrollmentFactory(course=elsewhere, user=other_student, role=Enrollment.Role.STUDENT)
    foreign = group_create(course=elsewhere, name="Elsewhere", members=[other_student])
    with pytest.raises(ValidationError, match=NOT_A_GROUP_OF_THE_COURSE):
        group_accommodation_save(quiz=quiz, group=foreign, granted_by=instructor, extra_time_seconds=60)
    assert not QuizGroupAccommodation.objects.exists()


def test_the_member_sees_the_groups_accommodation_on_the_quiz_page_and_in_the_api(
    quiz, learning_plan, student, other_student, instructor
) -> None:
    group_accommodation_save(quiz=quiz, group=learning_plan, granted_by=instructor, extra_time_seconds=300, extra_attempts=2)
    page = client_for(student).get(f"/quizzes/{quiz.pk}/").content.decode()
    assert "Your instructor has adjusted this quiz for you" in page
    assert "5 extra minutes" in page and "15 minutes" in page and "3 allowed" in page
    assert "adjusted this quiz" not in client_for(other_student).get(f"/quizzes/{quiz.pk}/").content.decode()

    api = APIClient()
    api.force_authenticate(student)
    mine = api.get(f"/api/quizzes/{quiz.pk}/").json()["your_settings"]
    assert mine["time_limit_seconds"] == 900 and mine["attempts_allowed"] == 3 and mine["accommodated"] is True
    api.force_authenticate(other_student)
    assert api.get(f"/api/quizzes/{quiz.pk}/").json()["your_settings"]["accommodated"] is False


# --- the pages ----------------------------------------------------------------------------------------


def test_an_instructor_makes_a_group_changes_its_members_and_deletes_it_in_the_groups_page(course, student, instructor) -> None:
    third = UserFactory(username="third-student")
    EnrollmentFactory(course=course, user=third, role=Enrollment.Role.STUDENT)
    client = client_for(instructor)
    url = f"/teach/courses/{course.pk}/groups/"
    assert client.post(url, {"action": "create", "new-name": "Learning plan", "new-members": [student.pk]}).status_code == 302
    group = CourseGroup.objects.get(course=course)
    assert list(group.members.all()) == [student]
    page = client.get(url).content.decode()
    assert "Learning plan" in page and "third-student" in page  # third-student is offered as a member

    reply = client.post(url, {"action": "update", "group": group.pk, f"g{group.pk}-name": "Extra time", f"g{group.pk}-members": [third.pk]})
    assert reply.status_code == 302
    group.refresh_from_db()
    assert group.name == "Extra time" and list(group.members.all()) == [third]

    twice = client.post(url, {"action": "create", "new-name": "extra time"}).content.decode()
    assert twice.count(GROUP_NAME_TAKEN.format(name="extra time")) == 1, "the error is shown once"

    client.post(url, {"action": "delete", "group": group.pk})
    assert not CourseGroup.objects.exists()


def test_students_and_other_instructors_cannot_open_the_groups_page(course, student, other_instructor) -> None:
    url = f"/teach/courses/{course.pk}/groups/"
    assert client_for(student).get(url).status_code == 403
    assert client_for(other_instructor).post(url, {"action": "create", "new-name": "Mine"}).status_code == 404
    assert not CourseGroup.objects.exists()


def test_an_instructor_grants_and_removes_a_groups_accommodation_in_the_page(quiz, learning_plan, student, instructor) -> None:
    client = client_for(instructor)
    url = f"/teach/quizzes/{quiz.pk}/accommodations/"
    assert "Save group accommodation" in client.get(url).content.decode()
    reply = client.post(url, {"for": "group", "grp-group": learning_plan.pk, "grp-extra_minutes": "20", "grp-extra_attempts": "0"})
    assert reply.status_code == 302
    assert quiz_settings_for(quiz=quiz, user=student).time_limit_seconds == 1800
    assert "Learning plan" in client.get(url).content.decode()
    client.post(url, {"remove_group": learning_plan.pk})
    assert not QuizGroupAccommodation.objects.exists()


def test_a_member_added_in_the_django_admin_gets_the_groups_extra_time_at_once(quiz, course, student, instructor) -> None:
    group = group_create(course=course, name="Learning plan")
    group_accommodation_save(quiz=quiz, group=group, granted_by=instructor, extra_time_seconds=600)
    admin = UserFactory(username="site-admin", is_staff=True, is_superuser=True)
    with time_machine.travel(T0, tick=False):
        attempt = attempt_start(quiz=quiz, user=student)
        reply = client_for(admin).post(
            f"/admin/courseware/coursegroup/{group.pk}/change/", {"course": course.pk, "name": group.name, "members": [student.pk]}
        )
        assert reply.status_code == 302, reply.content.decode()[:500]
    assert list(group.members.all()) == [student]
    assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=20)


def test_the_django_admin_refuses_a_member_who_is_not_a_student_of_the_course(course, instructor) -> None:
    group = group_create(course=course, name="Learning plan")
    admin = UserFactory(username="site-admin", is_staff=True, is_superuser=True)
    page = client_for(admin).post(
        f"/admin/courseware/coursegroup/{group.pk}/change/", {"course": course.pk, "name": group.name, "members": [instructor.pk]}
    )
    assert page.status_code == 200 and NOT_STUDENTS in page.content.decode()
    assert not group.members.exists()
