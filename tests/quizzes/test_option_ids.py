"""Questions stored before option ids were random get random ones (``reid_option_ids`` and the
data migration ``0005_opaque_option_ids``), without changing any grade."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from quizzes.models import Attempt, Question, RegradeLog, Response
from quizzes.questiontypes import grade_answer
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from quizzes.services.option_ids import option_ids_reid
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

OPAQUE = re.compile(r"[0-9a-f]{12}")


def _ids(question: Question) -> list[str]:
    choices = question.choices
    items = [*choices["left"], *choices["right"]] if isinstance(choices, dict) else choices
    return [c["id"] for c in items]


def _texts(question: Question) -> dict[str, str]:
    choices = question.choices
    items = [*choices["left"], *choices["right"]] if isinstance(choices, dict) else choices
    return {c["id"]: c["text"] for c in items}


def test_sequential_ids_are_renamed_with_the_responses_that_refer_to_them_and_grades_stay(course, student, other_student) -> None:
    single = QuestionFactory()  # c1..c4, key c1
    matching = QuestionFactory(matching=True)  # l1->r1, l2->r2
    ordering = QuestionFactory(ordering=True)  # o1..o3 in key order
    edited = Question.objects.create(
        bank=single.bank, root=single, version=2, is_current=False, type=single.type, stem=single.stem, choices=single.choices,
        answer={"correct": "c2"}, status=Question.Status.DRAFT,
    )  # fmt: skip
    Question.objects.filter(pk=single.pk).update(is_current=True)
    RegradeLog.objects.create(
        question=edited, reason="answer_key_fixed", before={"answer": {"correct": "c1"}}, after={"answer": {"correct": "c2"}}
    )
    quiz = QuizFactory(module__course=course, shuffle_questions=False)
    for position, question in enumerate((single, matching, ordering), start=1):
        quiz.fixed_questions.create(question=question, position=position)
    answers = {single.pk: "c2", matching.pk: {"l1": "r1", "l2": "r1"}, ordering.pk: ["o2", "o1", "o3"]}
    graded = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=graded, user=student, answers=answers)
    attempt_submit(attempt=graded, user=student)
    attempt_grade(attempt_id=graded.pk)
    graded.refresh_from_db()
    before = {r.question_id: (r.points, r.fraction) for r in Response.objects.filter(attempt=graded)}

    report = option_ids_reid()

    assert sorted(report.renamed) == sorted([single.pk, matching.pk, ordering.pk]) and report.in_progress == []
    for question in (single, matching, ordering):
        renamed = Question.objects.get(pk=question.pk)
        assert all(OPAQUE.fullmatch(i) for i in _ids(renamed))
        assert sorted(_texts(renamed).values()) == sorted(_texts(question).values())
    new_single = Question.objects.get(pk=single.pk)
    names = {old: new for new, text in _texts(new_single).items() for old, t in _texts(single).items() if t == text}
    assert Question.objects.get(pk=edited.pk).answer == {"correct": names["c2"]}, "every version is renamed alike"
    log = RegradeLog.objects.get()
    assert (log.before["answer"], log.after["answer"]) == ({"correct": names["c1"]}, {"correct": names["c2"]})
    for response in Response.objects.filter(attempt=graded).select_related("question"):
        question = response.question
        assert set(response.option_order) <= set(_ids(question))
        grade = grade_answer(type=question.type, choices=question.choices, answer=question.answer, response=response.answer)
        assert grade.fraction == before[question.pk][1], "the renamed answer earns what it earned"
    Attempt.objects.filter(pk=graded.pk).update(state=Attempt.State.SUBMITTED)
    attempt_grade(attempt_id=graded.pk)
    assert Attempt.objects.get(pk=graded.pk).score == graded.score


def test_a_question_an_attempt_in_progress_shows_keeps_its_ids_until_a_later_run(course, student, capsys) -> None:
    question = QuestionFactory(ordering=True)
    quiz = QuizFactory(module__course=course)
    quiz.fixed_questions.create(question=question, position=1)
    attempt = attempt_start(quiz=quiz, user=student)

    call_command("reid_option_ids")

    assert _ids(Question.objects.get(pk=question.pk)) == ["o1", "o2", "o3"]
    assert "1 question(s) are shown by attempts in progress" in capsys.readouterr().out
    attempt_submit(attempt=attempt, user=student)
    assert option_ids_reid().renamed == [question.pk]
    assert all(OPAQUE.fullmatch(i) for i in _ids(Question.objects.get(pk=question.pk)))


def test_generated_digests_and_new_ids_are_left_as_they_are() -> None:
    generated = QuestionFactory(choices=[{"id": "80e26b1d", "text": "a"}, {"id": "2c5582b2", "text": "b"}], answer={"correct": "80e26b1d"})
    assert option_ids_reid().renamed == []
    assert _ids(Question.objects.get(pk=generated.pk)) == ["80e26b1d", "2c5582b2"]


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_renames_stored_sequential_ids() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("quizzes", "0004_quiz_source_bank_protect")], [("quizzes", "0005_opaque_option_ids")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    bank = apps.get_model("quizzes", "QuestionBank").objects.create(name="Imported before")
    pairs = {"l1": "r1", "l2": "r2"}
    question = apps.get_model("quizzes", "Question").objects.create(
        bank=bank,
        type="matching",
        stem="Match.",
        choices={
            "left": [{"id": "l1", "text": "Stinger"}, {"id": "l2", "text": "Javelin"}],
            "right": [{"id": "r1", "text": "air"}, {"id": "r2", "text": "tank"}],
        },
        answer={"pairs": pairs},
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # and any later migration, for the tests that follow

    renamed = Question.objects.get(pk=question.pk)
    left = {c["id"]: c["text"] for c in renamed.choices["left"]}
    right = {c["id"]: c["text"] for c in renamed.choices["right"]}
    assert all(OPAQUE.fullmatch(i) for i in [*left, *right])
    assert {left[k]: right[v] for k, v in renamed.answer["pairs"].items()} == {"Stinger": "air", "Javelin": "tank"}
