"""The grade push through a REAL Celery worker process (see tests/quizzes/test_worker_integration.py):
grading in the worker sends attempt_scored, the push is enqueued on commit, and the worker
delivers the score to the simulated platform over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from config.celery import DEFAULT_QUEUE
from quizzes.lti.models import Identity, ScoreSync
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from tests.lti.conftest import launch
from tests.lti.simulator import LEARNER, PlatformSimulator, running
from tests.quizzes.builders import celery_conf, fixed_quiz
from tests.quizzes.test_worker_integration import Broker, make_broker, start_worker, wait_for  # noqa: F401

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    """A file-system broker private to this test. The worker enqueues the push itself, routed by
    its own configuration to the default queue; on a shared Redis another test's worker could
    take it, here only ours consumes that queue."""
    b = make_broker(tmp_path, None)
    with celery_conf(**b.conf):
        yield b


@pytest.fixture
def sim() -> Iterator[PlatformSimulator]:
    with running(PlatformSimulator()) as simulator:
        yield simulator


def test_a_worker_grades_the_attempt_and_pushes_its_score_to_the_lms(platform, sim, course, broker, start_worker) -> None:  # noqa: F811
    from tests.factories import QuestionFactory

    quiz = fixed_quiz(course=course, questions=[QuestionFactory()], title="Worker quiz")
    worker = start_worker(broker, queues=f"{broker.queue},{DEFAULT_QUEUE}")
    launch(Client(), sim, sub="stud-w", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    student = Identity.objects.get(sub="stud-w").user
    attempt = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=attempt, user=student, answers={quiz.fixed_questions.get().question_id: "c1"})
    attempt_submit(attempt=attempt, user=student)
    wait_for(lambda: ScoreSync.objects.filter(attempt=attempt, status=ScoreSync.Status.SENT).exists(), what="the score push", worker=worker)
    (line_item,) = sim.line_items
    assert sim.latest_score(line_item, "stud-w")["scoreGiven"] == 100  # type: ignore[index]
