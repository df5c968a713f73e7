"""What keeps the LTI link healthy without anyone pressing a button: failed pushes tried again, old nonces
forgotten, and the way from a quiz to its LMS sync page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.lti import tasks
from quizzes.lti.models import Context, LineItem, Platform, ScoreSync, UsedNonce
from quizzes.lti.selectors import RETRY_FAILED_AFTER, RETRY_MAX_TRIES, score_pushes_to_retry
from quizzes.lti.services import NONCE_KEEP, used_nonces_purge
from quizzes.models import Attempt
from tests.conftest import client_for
from tests.factories import AttemptFactory, ModuleFactory, QuizFactory, UserFactory


@pytest.fixture
def platform(db: None) -> Platform:
    return Platform.objects.create(
        name="Moodle",
        issuer="https://lms.example.edu",
        client_id="tool-1",
        auth_login_url="https://lms.example.edu/auth",
        auth_token_url="https://lms.example.edu/token",
        key_set_url="https://lms.example.edu/jwks",
    )


@pytest.fixture
def quiz(course):  # type: ignore[no-untyped-def]
    return QuizFactory(module=ModuleFactory(course=course))


@pytest.fixture
def line_item(platform, course, quiz) -> LineItem:  # type: ignore[no-untyped-def]
    context = Context.objects.create(platform=platform, context_id="c-1", title="POLS 310", course=course)
    return LineItem.objects.create(context=context, quiz=quiz, url="https://lms.example.edu/lineitems/1")


def sync_of(line_item: LineItem, *, status: str, tries: int, rested: timedelta) -> ScoreSync:
    attempt = AttemptFactory(quiz=line_item.quiz, user=UserFactory(), state=Attempt.State.GRADED)
    sync = ScoreSync.objects.create(attempt=attempt, line_item=line_item, status=status, tries=tries)
    ScoreSync.objects.filter(pk=sync.pk).update(updated_at=timezone.now() - rested)  # auto_now would overwrite a save
    return sync


def test_a_push_that_used_up_its_retries_is_sent_again_once_it_has_rested(line_item, monkeypatch) -> None:
    long_ago = RETRY_FAILED_AFTER + timedelta(minutes=1)
    due = sync_of(line_item, status=ScoreSync.Status.FAILED, tries=9, rested=long_ago)
    sync_of(line_item, status=ScoreSync.Status.FAILED, tries=9, rested=timedelta(minutes=5))  # the task's own retries still run
    sync_of(line_item, status=ScoreSync.Status.SENT, tries=1, rested=long_ago)
    sync_of(line_item, status=ScoreSync.Status.FAILED, tries=RETRY_MAX_TRIES, rested=long_ago)  # given up: shown on the sync page
    sent: list[int] = []
    monkeypatch.setattr(tasks.lti_score_push_task, "delay", sent.append)

    assert tasks.lti_retry_failed_pushes_task() == 1

    assert sent == [due.attempt_id]
    assert score_pushes_to_retry() == [due.attempt_id]  # until the push itself records a new outcome


def test_nonces_are_forgotten_only_once_their_tokens_have_expired(platform) -> None:
    old = UsedNonce.objects.create(platform=platform, nonce="old")
    fresh = UsedNonce.objects.create(platform=platform, nonce="fresh")
    UsedNonce.objects.filter(pk=old.pk).update(used_at=timezone.now() - NONCE_KEEP - timedelta(minutes=1))

    assert used_nonces_purge() == 1

    assert list(UsedNonce.objects.values_list("nonce", flat=True)) == [fresh.nonce]


def test_beat_runs_both_upkeep_tasks() -> None:
    from config.celery import app

    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {tasks.lti_retry_failed_pushes_task.name, tasks.lti_purge_used_nonces_task.name} <= scheduled
    assert {tasks.lti_retry_failed_pushes_task.name, tasks.lti_purge_used_nonces_task.name} <= set(app.tasks)


def test_the_quiz_editor_links_to_the_sync_page_only_when_the_course_is_linked_to_an_lms(course, quiz, instructor, platform) -> None:
    client = client_for(instructor)
    unlinked = client.get(f"/teach/quizzes/{quiz.pk}/")
    assert unlinked.status_code == 200 and "LMS grade sync" not in unlinked.content.decode()

    Context.objects.create(platform=platform, context_id="c-1", course=course)

    page = client.get(f"/teach/quizzes/{quiz.pk}/").content.decode()
    assert f'href="/lti/quizzes/{quiz.pk}/sync/"' in page


def test_the_sync_page_title_is_text_only(line_item, instructor) -> None:
    page = client_for(instructor).get(f"/lti/quizzes/{line_item.quiz_id}/sync/").content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<form" not in title and "LMS grade sync" in title
