"""The review workflow: approve, retire, edit as a new version, write by hand, bulk approve,
and regeneration that never overwrites reviewed questions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.errors import NotFound
from quizzes.generation import bank_generate_for_reading
from quizzes.generation.service import lexicon_load_seed
from quizzes.models import Question, QuestionType, Response
from quizzes.selectors.banks import bank_approved_questions, bank_get_for_user, bank_questions, question_get_for_user, question_versions
from quizzes.services.review import (
    NO_PENDING_MESSAGE,
    NOT_CURRENT_MESSAGE,
    NOT_LATEST_PENDING_MESSAGE,
    NOT_REVIEWER_MESSAGE,
    RETIRED_MESSAGE,
    bank_approve_best,
    question_approve,
    question_create_manual,
    question_discard_pending,
    question_edit,
    question_pending_version,
    question_retire,
    questions_bulk_approve,
)
from tests.factories import AttemptFactory, QuestionBankFactory, QuestionFactory, ReadingFactory, SectionFactory

pytestmark = pytest.mark.django_db

READING_TEXT = (
    "NATO allies have provided systems like the Patriot missile defense system and Germany’s IRIS-T air defense system. "  # noqa: RUF001
    "Since 2015, Operation UNIFIER, led by Canada, has provided Ukrainian soldiers with training. "
    "The meeting was co-hosted by German Defense Minister Boris Pistorius and UK Defense Secretary John Healey."
)


@pytest.fixture
def generated_bank():
    lexicon_load_seed()
    reading = ReadingFactory(raw_text=READING_TEXT)
    SectionFactory(reading=reading, heading="Support", text=READING_TEXT)
    report = bank_generate_for_reading(reading=reading)
    assert report.questions >= 5
    return reading, Question.objects.get(pk=Question.objects.filter(bank_id=report.bank_id).values_list("pk", flat=True).first()).bank


def test_generated_questions_start_as_drafts_and_quizzes_draw_only_approved_ones(generated_bank, admin):
    _, bank = generated_bank
    assert set(bank.questions.values_list("status", flat=True)) == {Question.Status.DRAFT}
    assert not bank_approved_questions(bank=bank).exists()
    first = bank.questions.first()
    question_approve(question=first, user=admin)
    assert list(bank_approved_questions(bank=bank)) == [first]


def test_a_student_cannot_review(generated_bank, student):
    _, bank = generated_bank
    with pytest.raises(PermissionDenied, match=NOT_REVIEWER_MESSAGE):
        question_approve(question=bank.questions.first(), user=student)
    with pytest.raises(NotFound):
        bank_get_for_user(user=student, bank_id=bank.pk)
    with pytest.raises(NotFound):
        question_get_for_user(user=student, question_id=bank.questions.first().pk)


def test_retired_questions_cannot_be_approved(instructor, course):
    q = QuestionFactory(status=Question.Status.DRAFT, bank__course=course)
    question_retire(question=q, user=instructor)
    with pytest.raises(ValidationError, match=RETIRED_MESSAGE):
        question_approve(question=q, user=instructor)


def test_an_edit_makes_a_new_version_and_attempts_keep_the_row_they_saw(instructor, course):
    original = QuestionFactory(status=Question.Status.DRAFT, bank__course=course)
    attempt = AttemptFactory()
    Response.objects.create(attempt=attempt, question=original, position=1)
    edited = question_edit(question=original, user=instructor, stem="Which rocket artillery system did the United States provide?")
    original.refresh_from_db()
    assert (original.is_current, original.stem.startswith("Which system")) == (False, True)
    assert (edited.root_id, edited.version, edited.is_current, edited.is_edited, edited.status) == (
        original.pk,
        2,
        True,
        True,
        Question.Status.DRAFT,
    )
    assert Response.objects.get(attempt=attempt).question_id == original.pk
    again = question_edit(question=edited, user=instructor, explanation="HIMARS.", status=Question.Status.APPROVED)
    assert [q.version for q in question_versions(question=again)] == [1, 2, 3]
    assert again.root_id == original.pk and again.status == Question.Status.APPROVED
    with pytest.raises(ValidationError, match=NOT_CURRENT_MESSAGE):
        question_edit(question=original, user=instructor, stem="Stale edit")


def test_an_edit_of_an_approved_question_waits_while_the_approved_version_stays_in_use(instructor, course):
    approved = QuestionFactory(status=Question.Status.APPROVED, bank__course=course)
    drawn = bank_approved_questions(bank=approved.bank)
    assert list(drawn) == [approved]
    first = question_edit(question=approved, user=instructor, stem="First rewording?")
    second = question_edit(question=approved, user=instructor, stem="Second rewording?")
    approved.refresh_from_db()
    assert (approved.is_current, approved.status) == (True, Question.Status.APPROVED), "still drawn by quizzes"
    assert list(bank_approved_questions(bank=approved.bank)) == [approved]
    assert [(q.version, q.is_current, q.status) for q in (first, second)] == [(2, False, "draft"), (3, False, "draft")]
    assert question_pending_version(question=approved) == second
    with pytest.raises(ValidationError, match=NOT_LATEST_PENDING_MESSAGE):
        question_approve(question=first, user=instructor)

    question_approve(question=second, user=instructor)
    approved.refresh_from_db()
    second.refresh_from_db()
    assert (approved.is_current, second.is_current, second.status) == (False, True, Question.Status.APPROVED)
    assert list(bank_approved_questions(bank=approved.bank)) == [second]
    assert question_pending_version(question=second) is None


def test_a_waiting_edit_can_be_discarded_and_the_approved_version_stays(instructor, course):
    approved = QuestionFactory(status=Question.Status.APPROVED, bank__course=course)
    waiting = question_edit(question=approved, user=instructor, stem="Reworded?")
    discarded = question_discard_pending(question=approved, user=instructor)
    assert discarded.pk == waiting.pk and discarded.status == Question.Status.RETIRED and not discarded.is_current
    assert question_pending_version(question=approved) is None
    with pytest.raises(ValidationError, match=NO_PENDING_MESSAGE):
        question_discard_pending(question=approved, user=instructor)
    with pytest.raises(ValidationError):
        question_approve(question=discarded, user=instructor)
    approved.refresh_from_db()
    assert approved.is_current and approved.status == Question.Status.APPROVED
    again = question_edit(question=approved, user=instructor, stem="Reworded again?")
    assert again.version == 3 and question_pending_version(question=approved) == again


def test_an_edit_that_breaks_the_answer_key_is_refused(instructor, course):
    q = QuestionFactory(bank__course=course)
    with pytest.raises(ValidationError):
        question_edit(question=q, user=instructor, answer={"correct": "no-such-choice"})
    assert Question.objects.filter(bank=q.bank).count() == 1


@pytest.mark.parametrize(
    ("qtype", "choices", "answer"),
    [
        (QuestionType.SINGLE_CHOICE, [{"id": "a", "text": "Vilnius"}, {"id": "b", "text": "Madrid"}], {"correct": "a"}),
        (QuestionType.MULTIPLE_RESPONSE, [{"id": "a", "text": "Poland"}, {"id": "b", "text": "Chile"}], {"correct": ["a"]}),
        (QuestionType.TRUE_FALSE, [], {"correct": True}),
        (QuestionType.CLOZE, [], {"accepted": ["HIMARS"]}),
        (QuestionType.NUMERIC, [], {"value": 280, "tolerance": 5, "unit": "billion USD"}),
        (
            QuestionType.MATCHING,
            {
                "left": [{"id": "l1", "text": "Stinger"}, {"id": "l2", "text": "Javelin"}],
                "right": [{"id": "r1", "text": "air"}, {"id": "r2", "text": "tank"}],
            },
            {"pairs": {"l1": "r1", "l2": "r2"}},
        ),
        (QuestionType.ORDERING, [{"id": "o1", "text": "2014"}, {"id": "o2", "text": "2022"}], {"order": ["o1", "o2"]}),
        (QuestionType.SHORT_ANSWER, [], {"accepted": ["Jens Stoltenberg", "Stoltenberg"]}),
    ],
)
def test_instructors_write_their_own_questions_of_every_type(instructor, course, qtype, choices, answer):
    bank = QuestionBankFactory(course=course)
    q = question_create_manual(
        bank=bank, user=instructor, type=qtype, stem="Own question ____", choices=choices, answer=answer, topic="history"
    )
    assert (q.origin, q.status, q.type) == (Question.Origin.MANUAL, Question.Status.DRAFT, qtype)


def test_a_manual_question_with_an_inconsistent_key_is_refused(instructor, course):
    with pytest.raises(ValidationError):
        question_create_manual(
            bank=QuestionBankFactory(course=course),
            user=instructor,
            type=QuestionType.ORDERING,
            stem="Order",
            choices=[{"id": "a", "text": "x"}],
            answer={"order": ["b"]},
        )


def test_bulk_approve_approves_current_drafts_only(instructor, course):
    bank = QuestionBankFactory(course=course)
    drafts = [QuestionFactory(bank=bank, status=Question.Status.DRAFT) for _ in range(3)]
    retired = QuestionFactory(bank=bank, status=Question.Status.RETIRED)
    assert questions_bulk_approve(questions=[*drafts, retired], user=instructor) == 3
    assert Question.objects.get(pk=retired.pk).status == Question.Status.RETIRED


def test_regeneration_never_overwrites_edited_approved_or_retired_questions(generated_bank, admin):
    reading, bank = generated_bank
    approved, retired, edited_from, untouched = list(bank.questions.order_by("pk")[:4])
    question_approve(question=approved, user=admin)
    question_retire(question=retired, user=admin)
    edited = question_edit(question=edited_from, user=admin, stem="My own better wording of this question?")
    untouched_stem = untouched.stem
    Question.objects.filter(pk=untouched.pk).update(stem="stale text from an older generator")

    report = bank_generate_for_reading(reading=reading)

    assert report.protected == 3
    assert Question.objects.get(pk=approved.pk).status == Question.Status.APPROVED
    assert Question.objects.get(pk=retired.pk).status == Question.Status.RETIRED
    assert Question.objects.get(pk=edited.pk).stem == "My own better wording of this question?"
    assert Question.objects.filter(generation_key=edited_from.generation_key).count() == 2, "no fresh copy of an edited question"
    assert Question.objects.get(pk=untouched.pk).stem == untouched_stem, "untouched drafts are refreshed"


def test_the_review_list_costs_one_query_whatever_the_bank_size(generated_bank, instructor, django_assert_num_queries):
    _, bank = generated_bank
    with django_assert_num_queries(1):
        rows = [
            (q.stem, q.source_section.heading if q.source_section else "", q.fact.value if q.fact else "")
            for q in bank_questions(bank=bank)
        ]
    assert len(rows) == bank.questions.filter(is_current=True).count()
    assert bank_get_for_user(user=instructor, bank_id=bank.pk) == bank


# --- exclusion groups and quality ----------------------------------------------------------------------------


def ranked(bank, group, *qualities, status=Question.Status.DRAFT):  # type: ignore[no-untyped-def]
    return [QuestionFactory(bank=bank, exclusion_group=group, quality=q, status=status) for q in qualities]


def test_approving_a_bank_approves_only_each_groups_best(instructor, course):
    bank = QuestionBankFactory(course=course)
    weak, best, unscored = ranked(bank, "fact-1", 0.4, 0.9, None)
    single = ranked(bank, "fact-2", 0.2)[0]
    loose = ranked(bank, "", 0.1, None)

    approval = bank_approve_best(bank=bank, user=instructor)

    assert (approval.approved, approval.held_back) == (4, 2)
    approved = set(bank.questions.filter(status=Question.Status.APPROVED).values_list("pk", flat=True))
    assert approved == {best.pk, single.pk, *(q.pk for q in loose)}
    assert {weak.pk, unscored.pk}.isdisjoint(approved)


def test_a_group_with_an_approved_question_gets_no_second_one_from_a_bank_approval(instructor, course):
    bank = QuestionBankFactory(course=course)
    [chosen] = ranked(bank, "fact-1", 0.3, status=Question.Status.APPROVED)
    better = ranked(bank, "fact-1", 0.95)[0]
    assert bank_approve_best(bank=bank, user=instructor).approved == 0
    better.refresh_from_db()
    assert better.status == Question.Status.DRAFT and chosen.status == Question.Status.APPROVED


def test_ties_go_to_the_oldest_and_retired_questions_do_not_count(instructor, course):
    bank = QuestionBankFactory(course=course)
    first, second = ranked(bank, "g", 0.5, 0.5)
    ranked(bank, "g", 0.99, status=Question.Status.RETIRED)
    bank_approve_best(bank=bank, user=instructor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Question.Status.APPROVED, Question.Status.DRAFT)


def test_approving_a_page_judges_the_best_over_the_whole_bank(instructor, course):
    bank = QuestionBankFactory(course=course)
    weak, best = ranked(bank, "g", 0.2, 0.8)
    other = ranked(bank, "", 0.1)[0]
    approval = bank_approve_best(bank=bank, user=instructor, within=[weak.pk, other.pk])
    assert (approval.approved, approval.held_back) == (1, 1)
    approved = set(bank.questions.filter(status=Question.Status.APPROVED).values_list("pk", flat=True))
    assert approved == {other.pk}, "the weaker one is held back although its better sibling is not on the page"
    assert best.pk not in approved


def test_questions_picked_explicitly_are_approved_whatever_their_groups(instructor, course):
    bank = QuestionBankFactory(course=course)
    weak, best = ranked(bank, "g", 0.2, 0.8)
    assert questions_bulk_approve(questions=[weak, best], user=instructor) == 2


def test_a_student_cannot_approve_a_bank(student):
    with pytest.raises(PermissionDenied):
        bank_approve_best(bank=QuestionBankFactory(), user=student)


def test_the_review_list_shows_the_best_first_with_each_groups_size_and_best(instructor, django_assert_num_queries):
    bank = QuestionBankFactory()
    weak, best = ranked(bank, "g", 0.3, 0.9)
    unscored = ranked(bank, "", None)[0]
    middling = ranked(bank, "", 0.5)[0]
    ranked(bank, "g", 0.99, status=Question.Status.RETIRED)
    with django_assert_num_queries(1):
        rows = [(q.pk, q.group_size, q.is_group_best) for q in bank_questions(bank=bank, status=Question.Status.DRAFT)]
    assert rows == [(best.pk, 2, True), (middling.pk, 1, True), (weak.pk, 2, False), (unscored.pk, 1, True)]
    reading_order = [q.pk for q in bank_questions(bank=bank, status=Question.Status.DRAFT, order="reading")]
    assert reading_order == sorted(reading_order)


# --- every path that writes a question stores its key's texts ---------------------------------------------------


def test_a_manual_question_and_each_new_version_store_the_keys_texts(instructor, course):
    bank = QuestionBankFactory(course=course)
    written = question_create_manual(
        bank=bank, user=instructor, type=QuestionType.CLOZE, stem="The ____ was signed in 1949.", answer={"accepted": ["Washington Treaty"]}
    )
    assert written.key_terms == ["Washington Treaty"]
    edited = question_edit(question=written, user=instructor, answer={"accepted": ["Washington Treaty", "North Atlantic Treaty"]})
    assert edited.key_terms == ["Washington Treaty", "North Atlantic Treaty"]


def test_an_edit_keeps_the_generators_ranking_and_may_change_the_group(instructor, course):
    question = QuestionFactory(bank=QuestionBankFactory(course=course), exclusion_group="fact-7", quality=0.8, quality_notes=["money fact"])
    kept = question_edit(question=question, user=instructor, stem="Reworded?")
    assert (kept.exclusion_group, kept.quality, kept.quality_notes) == ("fact-7", 0.8, ["money fact"])
    moved = question_edit(question=kept, user=instructor, exclusion_group="  fact-8 ")
    assert moved.exclusion_group == "fact-8"
    with pytest.raises(ValidationError):
        question_edit(question=moved, user=instructor, exclusion_group="x" * 65)


def test_an_instructor_switches_the_typo_tolerance_off_through_the_key(instructor, course):
    question = QuestionFactory(bank=QuestionBankFactory(course=course), cloze=True)
    strict = question_edit(question=question, user=instructor, answer={"accepted": ["HIMARS"], "typo_tolerance": False})
    assert strict.answer["typo_tolerance"] is False
    with pytest.raises(ValidationError):
        question_edit(question=strict, user=instructor, answer={"accepted": ["HIMARS"], "typo_tolerance": "no"})
