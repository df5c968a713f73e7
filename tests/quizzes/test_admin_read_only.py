"""The Django admin shows questions, attempts and regrade logs but cannot change them: attempts
point at those rows, so an edit in place would rewrite what students were graded on with no new
version and no regrade log (issue 15, bug 3). Changes go through the review and grading services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question
from tests.conftest import client_for
from tests.factories import AttemptFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_an_admin_sees_a_question_but_cannot_change_it(admin) -> None:
    question = QuestionFactory(stem="Which summit was held in Vilnius?")
    client = client_for(admin)
    url = reverse("admin:quizzes_question_change", args=[question.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, {"stem": "Rewritten", "type": question.type, "status": question.status})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.stem == "Which summit was held in Vilnius?"


def test_an_admin_cannot_add_or_delete_questions_there(admin) -> None:
    question = QuestionFactory()
    client = client_for(admin)
    assert client.get(reverse("admin:quizzes_question_add")).status_code == 403
    assert client.post(reverse("admin:quizzes_question_delete", args=[question.pk]), {"post": "yes"}).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()


def test_an_admin_sees_an_attempt_but_cannot_change_its_score(admin) -> None:
    attempt = AttemptFactory()
    client = client_for(admin)
    url = reverse("admin:quizzes_attempt_change", args=[attempt.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"state": Attempt.State.GRADED, "score": "99", "max_score": "1", "number": attempt.number})
    assert response.status_code == 403
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert client.post(reverse("admin:quizzes_attempt_delete", args=[attempt.pk]), {"post": "yes"}).status_code == 403
