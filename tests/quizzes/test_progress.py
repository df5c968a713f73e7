"""Per-student tracking: mastery after grading, the fsrs practice schedule, practice quizzes,
and the demo step that seeds them."""

from __future__ import annotations

import datetime as dt

import pytest

from demo.accounts import DemoContext
from demo.quiz import DEMO_QUIZ_TITLE, seed_demo_quiz_and_practice
from demo.readings import DEMO_READINGS
from quizzes.mastery_rule import MASTERY_WEIGHT
from quizzes.models import Attempt, FactMastery, Question, QuestionType, Quiz, TopicMastery
from quizzes.services.attempt_rules import QuizNotAvailable
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from quizzes.services.practice import practice_due_facts, practice_quiz_build
from tests.factories import FactFactory, ModuleFactory, QuestionBankFactory, ReadingFactory, SectionFactory
from tests.quizzes.builders import RIGHT, WRONG, fixed_quiz, question_of

T0 = dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def take(quiz: Quiz, user, answers: dict[int, object]) -> Attempt:  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    responses_save(attempt=attempt, user=user, answers=answers)
    attempt_submit(attempt=attempt, user=user)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None
    return graded


# --- mastery -------------------------------------------------------------------------------------------


def test_grading_updates_topic_mastery_as_a_recency_weighted_average(course, student) -> None:
    right = question_of(QuestionType.TRUE_FALSE, topic="summits")
    wrong = question_of(QuestionType.SINGLE_CHOICE, topic="summits")
    quiz = fixed_quiz(course=course, questions=[right, wrong], shuffle_questions=False)
    take(quiz, student, {right.pk: True, wrong.pk: "c2"})
    row = TopicMastery.objects.get(user=student, topic="summits")
    assert (row.answered, row.credit) == (2, 1.0)
    expected = 0.0
    for credit in (1.0, 0.0):  # in the order the attempt listed them
        expected += MASTERY_WEIGHT * (credit - expected)
    assert row.mastery == pytest.approx(expected)


def test_mastery_rises_as_a_student_gets_a_topic_right(course, student) -> None:
    question = question_of(QuestionType.TRUE_FALSE, topic="article-5")
    quiz = fixed_quiz(course=course, questions=[question])
    take(quiz, student, {question.pk: False})
    low = TopicMastery.objects.get(user=student, topic="article-5").mastery
    take(quiz, student, {question.pk: True})
    take(quiz, student, {question.pk: True})
    row = TopicMastery.objects.get(user=student, topic="article-5")
    assert low == 0.0 and row.mastery > 0.5 and row.answered == 3


def test_a_second_grading_run_does_not_count_an_attempt_twice(course, student) -> None:
    question = question_of(QuestionType.TRUE_FALSE, topic="aid")
    attempt = take(fixed_quiz(course=course, questions=[question]), student, {question.pk: True})
    assert attempt_grade(attempt_id=attempt.pk) is None
    assert TopicMastery.objects.get(user=student, topic="aid").answered == 1


def test_a_fact_got_wrong_enters_the_practice_schedule(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    fact = FactFactory()
    question = question_of(QuestionType.SINGLE_CHOICE, fact=fact)
    take(fixed_quiz(course=course, questions=[question]), student, {question.pk: WRONG[QuestionType.SINGLE_CHOICE]})
    row = FactMastery.objects.get(user=student, fact=fact)
    assert (row.answered, row.correct) == (1, 0)
    assert row.card["card_id"] == fact.pk and row.due is not None
    assert T0 < row.due <= T0 + dt.timedelta(minutes=10)  # "Again": back within the learning step


def test_a_fact_got_right_is_counted_but_not_scheduled(course, student) -> None:
    fact = FactFactory()
    question = question_of(QuestionType.TRUE_FALSE, fact=fact)
    take(fixed_quiz(course=course, questions=[question]), student, {question.pk: True})
    row = FactMastery.objects.get(user=student, fact=fact)
    assert (row.answered, row.correct, row.card, row.due) == (1, 1, {}, None)


def test_getting_a_scheduled_fact_right_pushes_it_further_away(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    fact = FactFactory()
    question = question_of(QuestionType.TRUE_FALSE, fact=fact)
    quiz = fixed_quiz(course=course, questions=[question])
    take(quiz, student, {question.pk: False})
    first_due = FactMastery.objects.get(user=student, fact=fact).due
    for step in range(1, 4):
        time_machine.move_to(T0 + dt.timedelta(days=step), tick=False)
        take(quiz, student, {question.pk: True})
    row = FactMastery.objects.get(user=student, fact=fact)
    assert row.due > T0 + dt.timedelta(days=4) > first_due  # type: ignore[operator]
    assert row.correct == 3


# --- practice quizzes ------------------------------------------------------------------------------------


@pytest.fixture
def wrong_facts(course, student, time_machine):  # type: ignore[no-untyped-def]
    """Three facts the student got wrong at T0, each behind an approved question of a mixed type."""
    time_machine.move_to(T0, tick=False)
    facts = [FactFactory() for _ in range(3)]
    questions = [
        question_of(t, fact=f) for t, f in zip([QuestionType.SINGLE_CHOICE, QuestionType.CLOZE, QuestionType.ORDERING], facts, strict=True)
    ]
    take(fixed_quiz(course=course, questions=questions), student, {q.pk: WRONG[q.type] for q in questions})
    return facts


def test_a_practice_quiz_holds_one_question_per_due_fact(course, student, wrong_facts, time_machine) -> None:
    assert practice_quiz_build(user=student, course=course) is None  # nothing due yet
    time_machine.move_to(T0 + dt.timedelta(hours=1), tick=False)
    assert {m.fact_id for m in practice_due_facts(user=student)} == {f.pk for f in wrong_facts}
    quiz = practice_quiz_build(user=student, course=course)
    assert quiz is not None and quiz.is_practice and quiz.owner == student
    assert sorted(qq.question.fact_id for qq in quiz.fixed_questions.select_related("question")) == sorted(f.pk for f in wrong_facts)


def test_a_practice_quiz_is_only_for_its_student(course, student, other_student, wrong_facts, time_machine) -> None:
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(course=course, user=other_student)
    time_machine.move_to(T0 + dt.timedelta(hours=1), tick=False)
    quiz = practice_quiz_build(user=student, course=course)
    assert quiz is not None
    with pytest.raises(QuizNotAvailable):
        attempt_start(quiz=quiz, user=other_student)


def test_practising_reschedules_the_facts(course, student, wrong_facts, time_machine) -> None:
    now = T0 + dt.timedelta(hours=1)
    time_machine.move_to(now, tick=False)
    quiz = practice_quiz_build(user=student, course=course)
    assert quiz is not None
    attempt = attempt_start(quiz=quiz, user=student)
    answers = {r.question_id: RIGHT[r.question.type] for r in attempt.responses.select_related("question")}
    responses_save(attempt=attempt, user=student, answers=answers)
    attempt_submit(attempt=attempt, user=student)
    attempt_grade(attempt_id=attempt.pk)
    assert practice_due_facts(user=student, now=now) == []
    assert all(row.due > now for row in FactMastery.objects.filter(user=student))  # type: ignore[operator]


def test_an_unstarted_practice_quiz_is_replaced_not_piled_up(course, student, wrong_facts, time_machine) -> None:
    time_machine.move_to(T0 + dt.timedelta(hours=1), tick=False)
    first = practice_quiz_build(user=student, course=course)
    second = practice_quiz_build(user=student, course=course)
    assert first is not None and second is not None
    assert list(Quiz.objects.filter(owner=student, is_practice=True)) == [second]


# --- the demo step -------------------------------------------------------------------------------------------


def demo_context(course, students):  # type: ignore[no-untyped-def]
    return DemoContext(password="x", instructor=course.created_by, students=list(students), course=course)


def test_the_demo_step_does_nothing_without_approved_questions(course, student) -> None:
    ModuleFactory(course=course)
    ctx = demo_context(course, [student])
    seed_demo_quiz_and_practice(ctx)
    assert not Quiz.objects.exists()
    assert not FactMastery.objects.exists()
    assert ctx.log == ["demo quiz: skipped, no approved questions yet"]


def test_the_demo_step_builds_an_open_mixed_quiz_and_practice_schedules_once(course, student) -> None:
    ModuleFactory(course=course)
    section = SectionFactory(reading=ReadingFactory(original_filename=DEMO_READINGS[0][0]))
    bank = QuestionBankFactory(reading=section.reading)
    for qtype in RIGHT:
        for _ in range(3):
            question_of(qtype, bank=bank, fact=FactFactory(section=section))
    question_of(QuestionType.TRUE_FALSE, bank=bank, status=Question.Status.DRAFT)
    ctx = demo_context(course, [student])

    seed_demo_quiz_and_practice(ctx)
    seed_demo_quiz_and_practice(ctx)  # idempotent

    quiz = Quiz.objects.get(title=DEMO_QUIZ_TITLE)
    assert quiz.is_published and quiz.attempts_allowed is None and quiz.opens_at is None and quiz.closes_at is None
    assert sum(s.count for s in quiz.sources.all()) == 20
    attempt = attempt_start(quiz=quiz, user=student)
    types = set(attempt.responses.values_list("question__type", flat=True))
    assert attempt.responses.count() == 20 and len(types) >= 5
    assert FactMastery.objects.filter(user=student).count() == 6
    assert len(practice_due_facts(user=student)) == 6
