"""The whole LTI Advantage flow against the simulated platform: deep linking, a graded attempt's
score at the line item, a regrade that updates it, retries, the sync status page, a roster pull."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from urllib.parse import urlparse

import pytest
from django.test import Client

from courseware.models import Enrollment
from quizzes.lti.models import Context, Identity, LineItem, ScoreSync
from quizzes.lti.services import attempt_score_push
from quizzes.models import Attempt, Question, QuestionType, Quiz
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import REGRADE_ANSWER_KEY_FIXED, attempt_grade, question_regrade_request
from tests.conftest import client_for
from tests.factories import LessonFactory, QuestionBankFactory, QuestionFactory, ReadingFactory
from tests.lti.conftest import launch
from tests.lti.simulator import INSTRUCTOR, LEARNER
from tests.quizzes.builders import celery_conf, fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager():  # type: ignore[no-untyped-def]
    with celery_conf(task_always_eager=True):
        yield


@pytest.fixture
def quiz(course):  # type: ignore[no-untyped-def]
    return fixed_quiz(course=course, questions=[QuestionFactory(), question_of(QuestionType.TRUE_FALSE)], title="Air defence")


def deep_link(client: Client, sim, item: str) -> dict:  # type: ignore[no-untyped-def]
    """The instructor opens "add activity" in the LMS, picks ``item`` and the form posts back."""
    response = launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR], message_type="LtiDeepLinkingRequest")
    assert response.status_code == 302 and response["Location"].startswith("/lti/deep-link/")
    picker = client.get(response["Location"])
    assert picker.status_code == 200
    form = client.post(response["Location"], {"item": item}).content.decode()
    action = unescape(re.search(r'id="lti-return" action="([^"]+)"', form).group(1))  # type: ignore[union-attr]
    jwt_value = re.search(r'name="JWT" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    assert action == f"{sim.base}/deep-link-return"
    return sim.verify_tool_jwt(jwt_value, audience=sim.issuer)


def test_an_instructor_creates_a_quiz_from_a_reading_in_the_dialog(platform, sim) -> None:
    client = Client()
    launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR])  # links the LMS course to a new course
    context = Context.objects.get(context_id=sim.context_id)
    bank = QuestionBankFactory(course=context.course, reading=ReadingFactory(title="Deterrence by denial"), name="Denial bank")
    for _ in range(3):
        QuestionFactory(bank=bank)
    (item,) = deep_link(client, sim, f"bank:{bank.pk}")["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    quiz = Quiz.objects.get(pk=int(item["custom"]["quiz_id"]))
    assert quiz.title == "Quiz: Deterrence by denial" and quiz.is_published and quiz.module.course == context.course
    assert [(s.bank, s.count) for s in quiz.sources.all()] == [(bank, 3)]


def test_a_bank_of_another_course_cannot_be_used_in_the_dialog(platform, sim, other_course) -> None:
    bank = QuestionBankFactory(course=other_course, reading=ReadingFactory())
    QuestionFactory(bank=bank)
    client = Client()
    response = launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR], message_type="LtiDeepLinkingRequest")
    assert client.post(response["Location"], {"item": f"bank:{bank.pk}"}).status_code == 404
    assert not Quiz.objects.exists()


def graded_attempt(quiz, user, answers):  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    responses_save(attempt=attempt, user=user, answers=answers)
    attempt_submit(attempt=attempt, user=user)
    return attempt_grade(attempt_id=attempt.pk)


def test_an_instructor_deep_links_a_quiz_with_a_line_item(platform, sim, instructor, course, quiz) -> None:
    client = Client()
    launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR])
    Enrollment.objects.create(course=course, user=Identity.objects.get(sub="teacher-1").user, role=Enrollment.Role.INSTRUCTOR)
    message = deep_link(client, sim, f"quiz:{quiz.pk}")
    assert message["https://purl.imsglobal.org/spec/lti/claim/message_type"] == "LtiDeepLinkingResponse"
    assert message["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] == sim.deployment_id
    (item,) = message["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["type"] == "ltiResourceLink" and item["title"] == "Air defence"
    assert item["url"] == "http://testserver/lti/launch/" and item["custom"] == {"quiz_id": str(quiz.pk)}
    assert item["lineItem"]["scoreMaximum"] == 100 and item["lineItem"]["resourceId"] == f"quiz-{quiz.pk}"


def test_an_instructor_deep_links_a_lesson(platform, sim, course) -> None:
    client = Client()
    launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR])
    lesson = LessonFactory(module=fixed_quiz(course=course, questions=[QuestionFactory()]).module)
    Enrollment.objects.create(course=course, user=Identity.objects.get(sub="teacher-1").user, role=Enrollment.Role.INSTRUCTOR)
    (item,) = deep_link(client, sim, f"lesson:{lesson.pk}")["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["custom"] == {"lesson_id": str(lesson.pk)} and "lineItem" not in item


def test_a_graded_attempt_reaches_the_line_item_and_a_regrade_updates_it(
    platform, sim, quiz, instructor, django_capture_on_commit_callbacks, eager
) -> None:
    client = Client()
    response = launch(client, sim, sub="stud-1", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    assert response.status_code == 302
    student = Identity.objects.get(sub="stud-1").user
    first, second = list(quiz.fixed_questions.order_by("position").select_related("question"))
    with django_capture_on_commit_callbacks(execute=True):
        attempt = graded_attempt(quiz, student, {first.question_id: "c2", second.question_id: True})
    assert attempt.score == 1 and attempt.max_score == 2
    (line_item,) = LineItem.objects.filter(quiz=quiz)
    assert sim.line_items[line_item.url]["resourceId"] == f"quiz-{quiz.pk}"
    score = sim.latest_score(line_item.url, "stud-1")
    assert score is not None and score["scoreGiven"] == 50 and score["scoreMaximum"] == 100
    assert score["gradingProgress"] == "FullyGraded" and score["activityProgress"] == "Completed"
    assert attempt.score == Attempt.objects.get(pk=attempt.pk).score  # Strategikon's own gradebook keeps it too

    question = Question.objects.get(pk=first.question_id)
    Question.objects.filter(pk=question.pk).update(is_current=False)
    fixed = Question.objects.create(
        bank=question.bank,
        root=question,
        version=2,
        type=question.type,
        stem=question.stem,
        choices=question.choices,
        answer={"correct": "c2"},
        status=Question.Status.APPROVED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        question_regrade_request(question=fixed, changed_by=instructor, reason=REGRADE_ANSWER_KEY_FIXED)
    assert sim.latest_score(line_item.url, "stud-1")["scoreGiven"] == 100  # type: ignore[index]
    assert len(sim.scores[line_item.url]) == 2

    # Idempotent: pushing the same grading again sends nothing.
    attempt_score_push(attempt_id=attempt.pk)
    assert len(sim.scores[line_item.url]) == 2
    sync = ScoreSync.objects.get(attempt=attempt)
    assert sync.status == ScoreSync.Status.SENT and sync.grade_count == 2 and sync.score == Decimal("2.000")


def test_a_failed_push_is_recorded_retried_and_shown_to_the_instructor(platform, sim, quiz, instructor) -> None:
    launch(Client(), sim, sub="stud-1", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    student = Identity.objects.get(sub="stud-1").user
    first = quiz.fixed_questions.order_by("position").first()
    attempt = graded_attempt(quiz, student, {first.question_id: "c1"})
    sim.fail_scores = 1
    with pytest.raises(Exception, match="503"):
        attempt_score_push(attempt_id=attempt.pk)
    sync = ScoreSync.objects.get(attempt=attempt)
    assert sync.status == ScoreSync.Status.FAILED and "503" in sync.error
    page = client_for(instructor).get(f"/lti/quizzes/{quiz.pk}/sync/").content.decode()
    assert "Failed" in page
    attempt_score_push(attempt_id=attempt.pk)  # what the task's retry does
    sync.refresh_from_db()
    assert sync.status == ScoreSync.Status.SENT and sync.tries == 2
    assert "Sent" in client_for(instructor).get(f"/lti/quizzes/{quiz.pk}/sync/").content.decode()


def test_the_sync_page_is_for_the_course_instructors_only(platform, quiz, other_instructor, student) -> None:
    assert client_for(other_instructor).get(f"/lti/quizzes/{quiz.pk}/sync/").status_code == 404
    assert client_for(student).get(f"/lti/quizzes/{quiz.pk}/sync/").status_code == 403


def test_a_roster_pull_enrols_every_active_member(platform, sim, course, quiz) -> None:
    client = Client()
    response = launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR], custom={"quiz_id": str(quiz.pk)})
    assert response.status_code == 302
    sim.members = [
        {"user_id": "teacher-1", "roles": [INSTRUCTOR], "status": "Active"},
        {"user_id": "stud-1", "roles": [LEARNER], "status": "Active", "given_name": "Ada", "family_name": "Byron", "email": "ada@x.edu"},
        {"user_id": "stud-2", "roles": [LEARNER], "status": "Active"},
        {"user_id": "gone", "roles": [LEARNER], "status": "Inactive"},
    ]
    context = Context.objects.get(context_id=sim.context_id)
    assert f"/lti/contexts/{context.pk}/roster/" in client.get(f"/lti/quizzes/{quiz.pk}/sync/").content.decode()
    page = client.post(f"/lti/contexts/{context.pk}/roster/")
    assert page.status_code == 200 and "4 members" in page.content.decode()
    enrolled = {
        e.user.lti_identities.get().sub: e.role for e in Enrollment.objects.filter(course=course, user__lti_identities__isnull=False)
    }
    assert enrolled == {"teacher-1": "instructor", "stud-1": "student", "stud-2": "student"}
    ada = Identity.objects.get(sub="stud-1").user
    assert (ada.first_name, ada.email) == ("Ada", "ada@x.edu")
    gradebook = client.get(f"/teach/courses/{course.pk}/gradebook/").content.decode()
    assert "Ada" in gradebook or ada.username in gradebook
    assert urlparse(sim.token_requests[-1]["scope"]).path.endswith("contextmembership.readonly")


def test_the_sync_page_costs_the_same_queries_whatever_the_number_of_students(platform, sim, quiz, instructor) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(instructor)
    counts = []
    for sub in ("stud-1", "stud-2", "stud-3"):
        launch(Client(), sim, sub=sub, roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
        first = quiz.fixed_questions.order_by("position").first()
        attempt_score_push(attempt_id=graded_attempt(quiz, Identity.objects.get(sub=sub).user, {first.question_id: "c1"}).pk)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/lti/quizzes/{quiz.pk}/sync/").status_code == 200
        counts.append(len(queries))
    assert ScoreSync.objects.filter(status=ScoreSync.Status.SENT).count() == 3
    assert counts[0] == counts[1] == counts[2]
