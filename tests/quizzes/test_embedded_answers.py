"""Embedded answers as a student meets them: one text with a box or a list in each gap, answers
saved through the quiz page, each gap graded on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import QuestionType, Response
from quizzes.questiontypes import QuestionDefinitionError, check_gap_marks, validate_definition
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import QuestionFactory
from tests.quizzes.builders import fixed_quiz

pytestmark = pytest.mark.django_db

STEM = "NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]]."
CHOICES = [{"id": "g3-a1b2c3", "text": "Lord Ismay"}, {"id": "g3-d4e5f6", "text": "Paul-Henri Spaak"}]
KEY = {
    "gaps": [
        {"kind": "numeric", "value": 1949, "tolerance": 0, "points": 2},
        {"kind": "text", "accepted": ["Washington"]},
        {"kind": "choice", "correct": "g3-a1b2c3"},
    ]
}


def embedded(**kwargs):  # type: ignore[no-untyped-def]
    return QuestionFactory(type=QuestionType.EMBEDDED, stem=STEM, choices=CHOICES, answer=KEY, points=4, **kwargs)


def test_the_key_must_fit_the_gaps_written_in_the_text() -> None:
    validate_definition(type=QuestionType.EMBEDDED, choices=CHOICES, answer=KEY)
    check_gap_marks(type=QuestionType.EMBEDDED, stem=STEM, answer=KEY)
    with pytest.raises(QuestionDefinitionError, match=r"\[\[1\]\], \[\[2\]\], \[\[3\]\]"):
        check_gap_marks(type=QuestionType.EMBEDDED, stem="Only [[1]] and [[3]].", answer=KEY)
    with pytest.raises(QuestionDefinitionError, match="gap 3"):
        validate_definition(type=QuestionType.EMBEDDED, choices=CHOICES[:1], answer=KEY)
    with pytest.raises(QuestionDefinitionError, match="gap 2"):
        validate_definition(
            type=QuestionType.EMBEDDED, choices=CHOICES, answer={"gaps": [KEY["gaps"][0], {"kind": "text", "accepted": []}, KEY["gaps"][2]]}
        )


def test_a_student_fills_the_gaps_on_the_page_and_earns_a_share_per_gap(course, student) -> None:
    question = embedded()
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = attempt_start(quiz=quiz, user=student)
    client = client_for(student)
    page = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert 'name="gap-1"' in page and 'name="gap-2"' in page and '<select id="q1-g3" name="gap-3"' in page
    assert "[[1]]" not in page and "1949" not in page and "Washington" not in page, "no marks and no key on the page"
    reply = client.post(
        reverse("attempt-answer", args=[attempt.pk]),
        {"question": question.pk, "gap-1": "1949", "gap-2": "Paris", "gap-3": "g3-a1b2c3"},
        HTTP_HX_REQUEST="true",
    )
    assert reply.status_code == 204
    assert Response.objects.get(attempt=attempt).answer == {"1": "1949", "2": "Paris", "3": "g3-a1b2c3"}
    again = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert 'name="gap-2" value="Paris"' in again and '<option value="g3-a1b2c3" selected>' in again
    attempt_submit(attempt=attempt, user=student)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None and (graded.score, graded.max_score) == (3, 4)  # gap 1 is worth 2 of 4, gap 2 is wrong


def test_the_result_page_lists_each_gap_with_the_students_and_the_right_answer(course, student) -> None:
    question = embedded()
    quiz = fixed_quiz(course=course, questions=[question])  # the review shows everything by default
    attempt = attempt_start(quiz=quiz, user=student)
    client = client_for(student)
    client.post(
        reverse("attempt-answer", args=[attempt.pk]), {"question": question.pk, "gap-1": "1949", "gap-2": "Paris", "gap-3": "g3-a1b2c3"}
    )
    attempt_submit(attempt=attempt, user=student)
    attempt_grade(attempt_id=attempt.pk)
    page = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "[[1]]" not in page and "g3-a1b2c3" not in page
    assert "Gap 2: <strong>your answer:</strong> Paris · <strong>correct answer:</strong> Washington" in page
    assert "Gap 3: <strong>your answer:</strong> Lord Ismay" in page and "2 of 3 gaps right." in page


def test_an_edit_cleans_gap_and_choice_feedback_as_an_import_does(instructor, course) -> None:  # type: ignore[no-untyped-def]
    # The editor page, the API and an import all reach the same sanitiser through the services.
    from quizzes.services.review import question_edit

    question = embedded(bank__course=course, meta={"format": "html"})
    gaps = [dict(g) for g in KEY["gaps"]]
    gaps[1] |= {"feedback": {"Washington": "<b>Yes</b><script>x</script>"}, "other_feedback": '<img src="x" onerror="y()">No'}
    choices = [{**CHOICES[0], "feedback": '<a href="javascript:x()" onclick="y()">Read</a>'}, CHOICES[1]]
    edited = question_edit(question=question, user=instructor, stem=STEM + "<script>z</script>", choices=choices, answer={"gaps": gaps})
    assert edited.stem == STEM
    assert edited.answer["gaps"][1]["feedback"] == {"Washington": "<b>Yes</b>"}
    assert edited.answer["gaps"][1]["other_feedback"] == "<img>No"
    assert edited.choices[0]["feedback"] == '<a rel="noopener noreferrer">Read</a>'
