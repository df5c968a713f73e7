"""Instructors review and author through the API exactly as in the browser: the same services."""

from __future__ import annotations

import pytest

from courseware.models import User
from quizzes.models import Question, Quiz, QuizSource
from tests.api.conftest import World, token_client
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_an_edit_makes_a_new_draft_version_and_keeps_the_old_row(world: World, instructor: User) -> None:
    client = token_client(instructor)
    response = client.post(f"/api/questions/{world.question.pk}/edit/", {"stem": "Which rocket system came first?"}, format="json")
    assert response.status_code == 201
    new = response.json()
    # The edited question was approved: the draft waits, and the approved version stays in use.
    assert (new["version"], new["status"], new["root"], new["is_current"]) == (2, "draft", world.question.pk, False)
    world.question.refresh_from_db()
    assert world.question.is_current is True
    versions = client.get(f"/api/questions/{new['id']}/versions/").json()
    assert [v["version"] for v in versions] == [1, 2]
    approved = client.post(f"/api/questions/{new['id']}/approve/").json()
    assert (approved["status"], approved["is_current"]) == ("approved", True)
    world.question.refresh_from_db()
    assert world.question.is_current is False


def test_approve_and_retire_change_the_status(world: World, instructor: User) -> None:
    draft = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT)
    client = token_client(instructor)
    assert client.post(f"/api/questions/{draft.pk}/approve/").json()["status"] == "approved"
    assert client.post(f"/api/questions/{draft.pk}/retire/").json()["status"] == "retired"
    refused = client.post(f"/api/questions/{draft.pk}/approve/")
    assert refused.status_code == 400
    assert "retired" in refused.json()["detail"]


def test_a_key_that_does_not_fit_its_type_is_refused_with_the_services_message(world: World, instructor: User) -> None:
    body = {
        "type": "single_choice",
        "stem": "Which?",
        "choices": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        "answer": {"correct": "z"},
    }
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/questions/create/", body, format="json")
    assert response.status_code == 400
    assert "correct choice must be one of the choices" in response.json()["detail"]


def test_bank_questions_are_filtered_by_status_type_and_topic(world: World, instructor: User) -> None:
    QuestionFactory(bank=world.bank, status=Question.Status.DRAFT, true_false=True, topic="article-5")
    client = token_client(instructor)
    url = f"/api/banks/{world.bank.pk}/questions/"
    assert client.get(url).json()["count"] == 2
    assert [q["type"] for q in client.get(url, {"status": "draft"}).json()["results"]] == ["true_false"]
    assert client.get(url, {"type": "true_false", "topic": "article-5"}).json()["count"] == 1
    assert client.get(url, {"status": "nonsense"}).status_code == 400


def test_bulk_approve_approves_only_the_drafts_of_that_bank(world: World, instructor: User) -> None:
    drafts = [QuestionFactory(bank=world.bank, status=Question.Status.DRAFT) for _ in range(3)]
    elsewhere = QuestionFactory(status=Question.Status.DRAFT)
    ids = [d.pk for d in drafts] + [elsewhere.pk]
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/approve/", {"questions": ids}, format="json")
    assert response.json() == {"approved": 3, "held_back": 0}
    elsewhere.refresh_from_db()
    assert elsewhere.status == Question.Status.DRAFT


def test_a_bank_whose_questions_were_answered_cannot_be_deleted(world: World, instructor: User) -> None:
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/delete/")
    assert response.status_code == 400
    assert response.json()["code"] == "bank_in_use"


def test_an_instructor_builds_a_quiz_from_a_bank_and_changes_its_settings(world: World, instructor: User) -> None:
    client = token_client(instructor)
    body = {"module": world.module.pk, "title": "Weekly check", "sources": [{"bank": world.bank.pk, "count": 1}], "time_limit_seconds": 600}
    created = client.post("/api/quizzes/create/", body, format="json")
    assert created.status_code == 201, created.content
    quiz_id = created.json()["id"]
    assert QuizSource.objects.get(quiz_id=quiz_id).bank_id == world.bank.pk
    updated = client.post(f"/api/quizzes/{quiz_id}/update/", {"pass_mark": "60.00", "is_published": True}, format="json")
    assert updated.status_code == 200
    quiz = Quiz.objects.get(pk=quiz_id)
    assert (float(quiz.pass_mark), quiz.is_published, quiz.owner_id) == (60.0, True, instructor.pk)


def test_quiz_settings_the_service_refuses_come_back_as_field_errors(world: World, instructor: User) -> None:
    body = {"opens_at": "2026-05-01T10:00:00Z", "closes_at": "2026-04-01T10:00:00Z"}
    response = token_client(instructor).post(f"/api/quizzes/{world.quiz.pk}/update/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["closes_at"]


def test_a_source_asking_for_more_approved_questions_than_the_bank_has_is_refused(world: World, instructor: User) -> None:
    body = {"module": world.module.pk, "title": "Too big", "sources": [{"bank": world.bank.pk, "count": 50}]}
    response = token_client(instructor).post("/api/quizzes/create/", body, format="json")
    assert response.status_code == 400
    assert "sources" in response.json()["errors"]


def test_the_bank_list_shows_quality_notes_and_group_best_first(world: World, instructor: User) -> None:
    Question.objects.filter(bank=world.bank).update(status=Question.Status.RETIRED)
    weak = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT, exclusion_group="g", quality=0.2, quality_notes=["reworded"])
    best = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT, exclusion_group="g", quality=0.8, quality_notes=["money fact"])
    client = token_client(instructor)
    rows = client.get(f"/api/banks/{world.bank.pk}/questions/", {"status": "draft"}).json()["results"]
    assert [r["id"] for r in rows] == [best.pk, weak.pk]
    first = rows[0]
    assert (first["quality"], first["quality_notes"], first["exclusion_group"]) == (0.8, ["money fact"], "g")
    assert (first["group_size"], first["is_group_best"], rows[1]["is_group_best"]) == (2, True, False)
    by_id = client.get(f"/api/banks/{world.bank.pk}/questions/", {"status": "draft", "ordering": "id"}).json()["results"]
    assert [r["id"] for r in by_id] == [weak.pk, best.pk]


def test_approving_a_bank_without_a_list_approves_each_groups_best(world: World, instructor: User) -> None:
    weak = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT, exclusion_group="g", quality=0.2)
    best = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT, exclusion_group="g", quality=0.8)
    loose = QuestionFactory(bank=world.bank, status=Question.Status.DRAFT)
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/approve/", {}, format="json")
    assert response.status_code == 200
    assert response.json() == {"approved": 2, "held_back": 1}
    statuses = dict(Question.objects.filter(pk__in=[weak.pk, best.pk, loose.pk]).values_list("pk", "status"))
    assert statuses == {weak.pk: "draft", best.pk: "approved", loose.pk: "approved"}


def test_the_typo_tolerance_and_the_group_are_set_through_the_api(world: World, instructor: User) -> None:
    client = token_client(instructor)
    body = {"type": "cloze", "stem": "The ____ founded NATO.", "answer": {"accepted": ["Washington Treaty"], "typo_tolerance": False}}
    created = client.post(f"/api/banks/{world.bank.pk}/questions/create/", {**body, "exclusion_group": "founding"}, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["answer"]["typo_tolerance"], data["exclusion_group"], data["key_terms"]) == (False, "founding", ["Washington Treaty"])
    refused = client.post(f"/api/questions/{data['id']}/edit/", {"answer": {"accepted": ["x"], "typo_tolerance": "no"}}, format="json")
    assert refused.status_code == 400
