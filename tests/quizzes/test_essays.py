"""Essay questions: a plain-text answer within the word limit, never graded automatically; the
attempt's automatic part is graded as usual and the attempt waits for its essay marks; an
instructor marks (with a rubric when the question has one), two markers never overwrite each
other silently, every mark is kept, and the student sees the mark once it is released."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.models import Attempt, MarkHistory, Question, Response
from quizzes.questiontypes import AnswerShapeError, QuestionDefinitionError, check_answer, grade_answer, validate_definition
from quizzes.selectors.attempts import attempt_result_for_user
from quizzes.selectors.gradebook import gradebook_for_course
from quizzes.selectors.marking import marking_queue
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade, question_regrade_request, question_regrade_run
from quizzes.services.marking import MarkConflict, MarkInput, essay_mark, essay_marks_release
from quizzes.services.overrides import ESSAY_MARKED_ELSEWHERE, response_override
from tests.api.conftest import token_client
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory, UserFactory
from tests.pages.editor_posts import editor_post
from tests.quizzes.builders import RIGHT, fixed_quiz, question_of, run_together

pytestmark = pytest.mark.django_db

ESSAY_TEXT = "Article 5 obliges each ally to assist.\n\nBut each ally decides how, so admission is not automatic war."
RUBRIC = [
    {
        "id": "k1",
        "criterion": "Explains Article 5",
        "levels": [{"id": "a", "label": "Missing", "points": 0}, {"id": "b", "label": "Accurate", "points": 2}],
    },
    {
        "id": "k2",
        "criterion": "Weighs the war's effect",
        "levels": [
            {"id": "a", "label": "Missing", "points": 0},
            {"id": "b", "label": "Partial", "points": 1},
            {"id": "c", "label": "Full", "points": 2},
        ],
    },
]


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def _graded_attempt(course, student, *, essay_kwargs=None):  # type: ignore[no-untyped-def]
    essay = QuestionFactory(essay=True, **{**_ESSAY, **(essay_kwargs or {})})
    quiz = fixed_quiz(course=course, questions=[question_of("single_choice"), essay], shuffle_questions=False)
    attempt = attempt_start(quiz=quiz, user=student)
    answers = {
        r.question_id: (ESSAY_TEXT if r.question.type == "essay" else RIGHT[r.question.type])
        for r in attempt.responses.select_related("question")
    }
    attempt_submit(attempt=attempt, user=student, answers=answers)
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


_ESSAY = {
    "stem": "Assess whether admitting Ukraine during the war would trigger Article 5.",
    "choices": {"word_limit": 50},
    "answer": {"grader_info": "Collective defence, and its limits."},
    "points": 4,
}


def _essay_response(attempt: Attempt) -> Response:
    return Response.objects.select_related("question").get(attempt=attempt, question__type="essay")


def _mark(response: Response, by, points="3", version=0, release=True, comment="Sound, but say more about the war.", rubric=None):  # type: ignore[no-untyped-def]
    return essay_mark(
        response=response,
        by=by,
        mark=MarkInput(
            points=Decimal(points) if points is not None else None, comment=comment, rubric=rubric or {}, version=version, release=release
        ),
    )


# --- the type ---------------------------------------------------------------------------------------


def test_an_essay_answer_is_plain_text_within_the_word_limit() -> None:
    settings = {"word_limit": 5}
    assert check_answer(type="essay", choices=settings, response="  One two three.\n\nFour five.  ") == "One two three.\n\nFour five."
    with pytest.raises(AnswerShapeError, match="6 words; the limit is 5"):
        check_answer(type="essay", choices=settings, response="one two three four five six")
    with pytest.raises(AnswerShapeError, match="text"):
        check_answer(type="essay", choices=settings, response=["a list"])


def test_an_essay_is_never_graded_automatically() -> None:
    grade = grade_answer(type="essay", choices={}, answer={}, response="A perfect essay.")
    assert grade.fraction == 0 and not grade.correct and grade.detail == "awaiting marking"


def test_an_essay_definition_checks_its_settings_and_rubric() -> None:
    validate_definition(type="essay", choices={"word_limit": 300, "response_lines": 10}, answer={"rubric": RUBRIC})
    validate_definition(type="essay", choices=[], answer={})
    with pytest.raises(QuestionDefinitionError, match="word_limit"):
        validate_definition(type="essay", choices={"word_limit": 0}, answer={})
    with pytest.raises(QuestionDefinitionError, match="unknown essay settings"):
        validate_definition(type="essay", choices={"wordlimit": 300}, answer={})
    with pytest.raises(QuestionDefinitionError, match="at least one level"):
        validate_definition(type="essay", choices={}, answer={"rubric": [{"id": "k1", "criterion": "Clarity", "levels": []}]})


# --- grading: the automatic part now, the essay later ------------------------------------------------


def test_an_attempt_with_an_essay_is_graded_automatically_and_waits_for_its_mark(course, student) -> None:
    attempt = _graded_attempt(course, student)
    assert attempt.state == Attempt.State.GRADED and attempt.marking_pending
    assert attempt.score == 1 and attempt.max_score == 5
    essay = _essay_response(attempt)
    assert essay.points is None and essay.fraction is None and essay.answer == ESSAY_TEXT


def test_the_student_sees_the_automatic_part_and_no_score_while_the_essay_waits(course, student) -> None:
    attempt = _graded_attempt(course, student)
    result = attempt_result_for_user(user=student, attempt=attempt)
    assert result.awaiting_marking and result.score is None and result.passed is None
    assert (result.automatic_score, result.automatic_max_score) == (1.0, 1.0)
    auto, essay = result.items
    assert auto.correct is True and auto.points == 1.0
    assert essay.awaiting_marking and essay.points is None and essay.correct_answer is None


def test_a_released_mark_finishes_the_grade_and_the_student_sees_it_with_the_comment(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    response = _mark(_essay_response(attempt), instructor, points="3")
    assert response.points == Decimal(3) and response.mark_version == 1 and response.overridden_by == instructor
    attempt.refresh_from_db()
    assert not attempt.marking_pending and attempt.score == 4 and attempt.grade_count == 2
    result = attempt_result_for_user(user=student, attempt=attempt)
    essay = result.items[1]
    assert result.score == 4.0 and not result.awaiting_marking
    assert essay.points == 3.0 and essay.override_comment == "Sound, but say more about the war."


def test_a_mark_held_back_is_seen_by_instructors_only_until_released(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    _mark(_essay_response(attempt), instructor, points="2", release=False)
    attempt.refresh_from_db()
    assert attempt.marking_pending
    assert attempt_result_for_user(user=student, attempt=attempt).items[1].points is None
    assert attempt_result_for_user(user=instructor, attempt=attempt).items[1].points == 2.0
    assert essay_marks_release(quiz=attempt.quiz, by=instructor) == 1
    attempt.refresh_from_db()
    assert not attempt.marking_pending and attempt_result_for_user(user=student, attempt=attempt).items[1].points == 2.0


def test_a_rubric_gives_the_points_scaled_to_the_question(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student, essay_kwargs={"answer": {"rubric": RUBRIC}})
    response = _mark(_essay_response(attempt), instructor, points=None, rubric={"k1": "b", "k2": "b"})
    # 3 of the rubric's 4 points, on a 4-point question.
    assert response.points == Decimal(3)
    assert MarkHistory.objects.get(response=response).rubric == {"k1": "b", "k2": "b"}
    with pytest.raises(ValidationError, match="Weighs the war"):
        _mark(response, instructor, points=None, version=1, rubric={"k1": "b"})


def test_points_must_be_within_the_question(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    with pytest.raises(ValidationError, match="between 0 and 4"):
        _mark(_essay_response(attempt), instructor, points="5")
    with pytest.raises(ValidationError, match="Give the points"):
        _mark(_essay_response(attempt), instructor, points=None)


# --- never losing work ------------------------------------------------------------------------------


def test_two_markers_on_one_response_cannot_overwrite_each_other_silently(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    colleague = UserFactory(username="colleague", first_name="Ada", last_name="Marker")
    loaded = _essay_response(attempt)  # both open the page at version 0
    _mark(loaded, colleague, points="2", comment="Thin on the war.")
    with pytest.raises(MarkConflict, match=r"Ada Marker marked this response \(2 points\)"):
        _mark(loaded, instructor, points="4", comment="Excellent.")
    saved = _essay_response(attempt)
    assert saved.points == 2 and saved.override_comment == "Thin on the war." and saved.mark_version == 1


def test_a_re_marked_essay_keeps_its_history(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    colleague = UserFactory(username="colleague")
    _mark(_essay_response(attempt), colleague, points="2", comment="First reading.")
    _mark(_essay_response(attempt), instructor, points="3", comment="Second marker: fairer.", version=1)
    history = list(MarkHistory.objects.filter(response__attempt=attempt).order_by("version"))
    assert [(h.version, h.points, h.comment, h.marked_by) for h in history] == [
        (1, Decimal(2), "First reading.", colleague),
        (2, Decimal(3), "Second marker: fairer.", instructor),
    ]
    assert Attempt.objects.get(pk=attempt.pk).score == 4


def test_a_regrade_keeps_the_essay_mark(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    response = _mark(_essay_response(attempt), instructor, points="3")
    log = question_regrade_request(question=response.question, changed_by=instructor, reason="answer_key_fixed")
    question_regrade_run(regrade_log_id=log.pk)
    assert _essay_response(attempt).points == 3
    attempt.refresh_from_db()
    assert attempt.score == 4 and not attempt.marking_pending


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_lists_unmarked_essays_first_and_hides_names_when_anonymous(course, student, instructor) -> None:
    first = _graded_attempt(course, student)
    _mark(_essay_response(first), instructor)
    other = UserFactory(username="second-student", first_name="Bo", last_name="Student")
    course.enrollments.create(user=other, role="student")
    second = attempt_start(quiz=first.quiz, user=other)
    attempt_submit(attempt=second, user=other, answers={r.question_id: ESSAY_TEXT for r in second.responses.filter(question__type="essay")})
    attempt_grade(attempt_id=second.pk)
    rows = marking_queue(quiz=first.quiz)
    assert [(r.attempt_id, r.marked) for r in rows] == [(second.pk, False), (first.pk, True)]
    assert rows[0].student == "Bo Student"
    first.quiz.anonymous_marking = True
    first.quiz.save()
    assert [r.student for r in marking_queue(quiz=first.quiz)] == [f"Submission {second.pk}", f"Submission {first.pk}"]


# --- the pages and the API ------------------------------------------------------------------------


def test_the_student_writes_the_essay_on_the_attempt_page_within_the_word_limit(course, student) -> None:
    essay = QuestionFactory(essay=True, **_ESSAY)
    quiz = fixed_quiz(course=course, questions=[essay])
    client = client_for(student)
    attempt = attempt_start(quiz=quiz, user=student)
    page = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert "<textarea" in page and 'data-word-limit="50"' in page and "Collective defence" not in page
    url = reverse("attempt-answer", args=[attempt.pk])
    assert client.post(url, {"question": essay.pk, "answer": ESSAY_TEXT}, HTTP_HX_REQUEST="true").status_code == 204
    assert Response.objects.get(attempt=attempt).answer == ESSAY_TEXT
    too_long = client.post(url, {"question": essay.pk, "answer": "word " * 51}, HTTP_HX_REQUEST="true")
    assert too_long.status_code >= 400 and "the limit is 50" in too_long.content.decode()
    assert Response.objects.get(attempt=attempt).answer == ESSAY_TEXT


def test_the_result_page_says_the_essay_awaits_marking_then_shows_the_mark_and_comment(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    client = client_for(student)
    page = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "Essays awaiting marking." in page and "Automatically graded part: 1 / 1" in page and "Score:" not in page
    _mark(_essay_response(attempt), instructor, points="3", comment="Good use of the treaty text.")
    page = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "Score: 4 / 5" in page and "Good use of the treaty text." in page


def test_the_marking_page_saves_a_mark_and_refuses_to_overwrite_a_colleagues(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    response = _essay_response(attempt)
    client = client_for(instructor)
    queue = client.get(reverse("quiz-marking", args=[attempt.quiz_id])).content.decode()
    assert "1 essay to mark" in queue and reverse("essay-mark", args=[response.pk]) in queue
    page = client.get(reverse("essay-mark", args=[response.pk])).content.decode()
    assert "Collective defence, and its limits." in page and "Article 5 obliges each ally" in page
    colleague = UserFactory(username="colleague")
    _mark(response, colleague, points="1", comment="Too short.")
    stale = client.post(reverse("essay-mark", args=[response.pk]), {"points": "4", "comment": "Excellent.", "version": "0", "release": "1"})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "colleague marked this response (1 points)" in body and "Excellent." in body  # the marker's own input is kept
    saved = client.post(reverse("essay-mark", args=[response.pk]), {"points": "4", "comment": "Excellent.", "version": "1", "release": "1"})
    assert saved.status_code == 302
    assert [h.points for h in MarkHistory.objects.filter(response=response).order_by("version")] == [1, 4]


def test_only_the_courses_instructors_may_mark(course, student, other_instructor, other_course) -> None:
    attempt = _graded_attempt(course, student)
    response = _essay_response(attempt)
    assert client_for(other_instructor).get(reverse("essay-mark", args=[response.pk])).status_code == 404
    assert client_for(student).get(reverse("essay-mark", args=[response.pk])).status_code in (403, 404)
    assert token_client(other_instructor).get(f"/api/quizzes/{attempt.quiz_id}/marking/").status_code == 404
    assert (
        token_client(other_instructor).post(f"/api/responses/{response.pk}/mark/", {"points": "4", "version": 0}, format="json").status_code
        == 404
    )


def test_the_api_marks_with_a_version_check_and_releases(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    api = token_client(instructor)
    [row] = api.get(f"/api/quizzes/{attempt.quiz_id}/marking/").json()
    assert row["marked"] is False and row["mark_version"] == 0
    url = f"/api/responses/{row['response_id']}/mark/"
    reply = api.post(url, {"points": "2.5", "comment": "Fair.", "version": 0, "release": False}, format="json")
    assert reply.status_code == 200 and reply.json()["mark_version"] == 1
    stale = api.post(url, {"points": "4", "comment": "Again.", "version": 0}, format="json")
    assert stale.status_code == 409
    detail = token_client(student).get(f"/api/attempts/{attempt.pk}/").json()
    assert detail["awaiting_marking"] is True and detail["score"] is None and detail["automatic_score"] == 1.0
    assert api.post(f"/api/quizzes/{attempt.quiz_id}/marking/release/").json() == {"released": 1}
    detail = token_client(student).get(f"/api/attempts/{attempt.pk}/").json()
    assert detail["awaiting_marking"] is False and detail["score"] == 3.5
    assert detail["items"][1]["points"] == 2.5 and detail["items"][1]["override_comment"] == "Fair."


def test_the_gradebook_counts_an_attempt_once_its_essays_are_marked(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    [cell] = [c for c in gradebook_for_course(course=course).rows[0].cells if c.attempts]
    assert (cell.grade, cell.awaiting_marking) == (None, 1)
    assert "awaiting marking" in client_for(instructor).get(reverse("gradebook", args=[course.pk])).content.decode()
    _mark(_essay_response(attempt), instructor, points="3")
    [cell] = [c for c in gradebook_for_course(course=course).rows[0].cells if c.attempts]
    assert (cell.grade, cell.awaiting_marking) == (80.0, 0)


# --- authoring ------------------------------------------------------------------------------------


def test_an_instructor_writes_an_essay_through_the_api_and_the_question_form(course, instructor) -> None:
    bank = QuestionBankFactory(course=course, owner=instructor)
    body = {
        "type": "essay",
        "stem": "Assess the Washington summit's spending pledge.",
        "choices": {"word_limit": 400},
        "answer": {"grader_info": "2% floor, 5% by 2035.", "rubric": RUBRIC},
        "points": "10",
    }
    created = token_client(instructor).post(f"/api/banks/{bank.pk}/questions/create/", body, format="json")
    assert created.status_code == 201, created.content
    assert (created.json()["choices"], created.json()["answer"]["rubric"]) == ({"word_limit": 400}, RUBRIC)
    refused = token_client(instructor).post(
        f"/api/banks/{bank.pk}/questions/create/", {**body, "choices": {"word_limit": "many"}}, format="json"
    )
    assert refused.status_code == 400 and "word_limit" in refused.json()["detail"]
    client = client_for(instructor)
    form = editor_post("essay", stem="Discuss Article 4.", settings={"word_limit": "200"}, criteria=[])
    assert client.post(reverse("question-new", args=[bank.pk]), form).status_code == 302
    essay = Question.objects.get(bank=bank, stem="Discuss Article 4.")
    assert (essay.type, essay.choices) == ("essay", {"word_limit": 200})
    review = client.get(reverse("bank-review", args=[bank.pk]), {"status": "draft"}).content.decode()
    assert "marked by an instructor · guide: 2% floor, 5% by 2035. · rubric: Explains Article 5; Weighs the war" in review
    assert "<textarea" in review


@pytest.mark.django_db(transaction=True)
def test_markers_saving_at_the_same_moment_give_exactly_one_mark_and_the_others_are_told(course, student) -> None:
    attempt = _graded_attempt(course, student)
    response = _essay_response(attempt)
    markers = [UserFactory(username=f"marker-{i}") for i in range(6)]
    results = run_together([lambda m=m: _mark(response, m, points="2", comment=f"From {m.username}.") for m in markers])
    saved = [r for r in results if isinstance(r, Response)]
    refused = [r for r in results if isinstance(r, MarkConflict)]
    assert (len(saved), len(refused)) == (1, 5), results
    assert MarkHistory.objects.filter(response=response).count() == 1
    assert _essay_response(attempt).override_comment == saved[0].override_comment


def test_a_withdrawn_essay_no_longer_holds_the_grade_back(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    essay = _essay_response(attempt).question
    Question.objects.filter(pk=essay.pk).update(status=Question.Status.RETIRED)
    log = question_regrade_request(question=essay, changed_by=instructor, reason="question_retired")
    question_regrade_run(regrade_log_id=log.pk)
    attempt.refresh_from_db()
    assert not attempt.marking_pending and (attempt.score, attempt.max_score) == (1, 1)
    result = attempt_result_for_user(user=student, attempt=attempt)
    assert result.score == 1.0 and not result.awaiting_marking and not result.items[1].awaiting_marking


def test_the_attempt_pages_mark_override_leaves_essays_to_the_marking_queue(course, student, instructor) -> None:
    attempt = _graded_attempt(course, student)
    with pytest.raises(ValidationError, match=ESSAY_MARKED_ELSEWHERE):
        response_override(attempt=attempt, position=2, by=instructor, points=Decimal(4), comment="Full marks.")
    assert _essay_response(attempt).override_points is None
