"""No student ever reads a key the review policy hides, whatever happens in whatever order.

Hypothesis drives two students and an instructor through an exam's whole life: students start,
answer, submit and read (the attempt API, the result, dashboard, quiz and progress pages, their
progress and practice lists), workers grade, time passes, the instructor changes the review
policy, closes the quiz early, extends it, fixes a key (regrade); students build and take
practice quizzes. Every body a student receives is checked against an independent model of the
policy:

- a question's key, feedback or source passage reaches a student only if one of their graded
  attempts showing that question shows it now, or did at some earlier moment;
- a score and right/wrong only where the attempt's level shows them;
- mastery and the practice schedule only once right/wrong was shown for one of their attempts.

The keys are distinctive tokens (a cloze key, option texts), so finding one in a body can only
be a leak. The world is built once; each example runs in a savepoint rolled back at its end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
import time_machine
from django.db import transaction
from django.db.models import Q
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from rest_framework.test import APIClient

from courseware.models import Course, User
from quizzes.models import Attempt, Question, Quiz, RegradeLog
from quizzes.services.attempts import attempts_autosubmit_expired
from quizzes.services.grading import REGRADE_ANSWER_KEY_FIXED, attempt_grade, question_regrade_run
from quizzes.services.progress import progress_record_released
from tests.conftest import cache_clear
from tests.factories import EnrollmentFactory, FactFactory, ModuleFactory, QuestionBankFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
EXAMPLES = int(os.environ.get("POLICY_EXAMPLES", "1000"))  # a quick local run may ask for fewer
LEVELS = st.sampled_from(list(Quiz.Review))
EXAM_TOPIC = "exam-topic"
CORRECT_ANSWER = re.compile(r"Correct answer:</strong>\s*(.*?)</p>", re.S)


@dataclass
class World:
    course: Course
    instructor: User
    students: list[User]
    quiz: Quiz
    choice: Question  # single choice; its options' texts are tokens
    cloze: Question  # its accepted answer is a token no one types
    api: dict[int, APIClient]
    pages: dict[int, Client]
    staff: APIClient


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _build_world(course: Course, instructor: User) -> World:
    students = [UserFactory(username=f"machine-student-{i}") for i in range(2)]
    for student in students:
        EnrollmentFactory(course=course, user=student)
    bank = QuestionBankFactory(course=course)
    facts = [FactFactory(), FactFactory()]

    def choice(ids: list[str], texts: list[str], **kwargs: Any) -> Question:
        return QuestionFactory(
            bank=bank,
            choices=[{"id": i, "text": t} for i, t in zip(ids, texts, strict=True)],
            answer={"correct": ids[0]},
            **kwargs,
        )

    exam_choice = choice(
        ["e1", "e2", "e3"],
        ["Zq-exam-right", "Zq-exam-two", "Zq-exam-three"],
        fact=facts[0],
        topic=EXAM_TOPIC,
        explanation="Zq-explained-choice",
        source_passage="Zq-passage-choice",
    )
    exam_cloze = QuestionFactory(
        bank=bank,
        cloze=True,
        stem="The alliance sent ____ .",
        answer={"accepted": ["Zqclozekey"]},
        fact=facts[1],
        topic=EXAM_TOPIC,
        explanation="Zq-explained-cloze",
        source_passage="Zq-passage-cloze",
    )
    # Practice material about the same facts: one question sharing an option id with the exam's
    # (its key would be the exam's), and fresh ones the exam never showed.
    choice(["e1", "s2"], ["Zq-shared-one", "Zq-shared-two"], fact=facts[0], topic="practice-topic")
    choice(["f1", "f2"], ["Zq-fresh-one", "Zq-fresh-two"], fact=facts[0], topic="practice-topic")
    QuestionFactory(bank=bank, cloze=True, answer={"accepted": ["Zqfreshcloze"]}, fact=facts[1], topic="practice-topic")
    quiz = Quiz.objects.create(
        module=ModuleFactory(course=course), title="Machine exam", is_published=True, attempts_allowed=2, shuffle_questions=False
    )
    quiz.fixed_questions.create(question=exam_choice, position=1)
    quiz.fixed_questions.create(question=exam_cloze, position=2)
    pages = {}
    for student in students:
        pages[student.pk] = Client()
        pages[student.pk].force_login(student)
    return World(
        course=course,
        instructor=instructor,
        students=students,
        quiz=quiz,
        choice=exam_choice,
        cloze=exam_cloze,
        api={s.pk: _client(s) for s in students},
        pages=pages,
        staff=_client(instructor),
    )


class PolicyMachine(RuleBasedStateMachine):
    world: ClassVar[World]
    reads: ClassVar[int] = 0  # bodies checked, over all examples: the probe must not run blind

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint()
        # Throttles count per example. Only this process's keys: on Redis, cache.clear() is a
        # FLUSHDB that would also wipe the other test processes' counts and the broker's queues.
        cache_clear()
        self.clock = time_machine.travel(T0, tick=False)
        self.traveller = self.clock.start()
        w = self.world
        self.quiz = w.quiz
        # What each student has legitimately been shown at some moment (never taken back).
        self.keys_seen: dict[int, set[int]] = {s.pk: set() for s in w.students}  # question ids whose key was shown
        self.feedback_seen: dict[int, set[int]] = {s.pk: set() for s in w.students}
        self.correctness_seen: dict[int, bool] = {s.pk: False for s in w.students}
        self.key_ids = {"e1"}  # every correct id the exam's choice question has had

    def teardown(self) -> None:
        self.clock.stop()
        transaction.savepoint_rollback(self.savepoint)
        cache_clear()

    # --- the model ------------------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        return dt.datetime.now(tz=dt.UTC)

    def _level(self, attempt: Attempt, quiz: Quiz, has_open: bool) -> int:
        if attempt.state != Attempt.State.GRADED:
            return -1  # nothing to review yet
        closed = quiz.closes_at is not None and self._now() >= quiz.closes_at and not has_open
        return int(quiz.review_after_close if closed else quiz.review_after_submit)

    def _all_levels(self) -> dict[int, dict[int, int]]:
        """Student id -> {exam attempt id -> the level the model says that student sees} (two queries)."""
        quiz = Quiz.objects.get(pk=self.quiz.pk)
        attempts = list(Attempt.objects.filter(quiz=quiz).only("id", "user_id", "state"))
        has_open = any(a.state == Attempt.State.IN_PROGRESS for a in attempts)
        levels: dict[int, dict[int, int]] = {s.pk: {} for s in self.world.students}
        for attempt in attempts:
            levels[attempt.user_id][attempt.pk] = self._level(attempt, quiz, has_open)
        return levels

    def _levels(self, user: User) -> dict[int, int]:
        return self._all_levels()[user.pk]

    def _observe(self) -> None:
        """Record what the policy shows each student now: from then on it is no secret to them."""
        exam = [self.world.choice.pk, self.world.cloze.pk]
        levels = self._all_levels()
        for user in self.world.students:
            shown = max(levels[user.pk].values(), default=-1)
            if shown >= Quiz.Review.CORRECTNESS:
                self.correctness_seen[user.pk] = True
            if shown >= Quiz.Review.ANSWERS:
                self.keys_seen[user.pk].update(exam)
            if shown >= Quiz.Review.FEEDBACK:
                self.feedback_seen[user.pk].update(exam)

    def _secrets(self, user: User) -> tuple[set[str], set[str]]:
        """(tokens that must appear nowhere, option texts that must not be named the correct answer)."""
        w = self.world
        tokens: set[str] = set()
        texts: set[str] = set()
        if w.cloze.pk not in self.keys_seen[user.pk]:
            tokens.add("Zqclozekey")
        if w.choice.pk not in self.keys_seen[user.pk]:
            texts.update(c["text"] for c in w.choice.choices)
        if w.choice.pk not in self.feedback_seen[user.pk]:
            tokens.update({"Zq-explained-choice", "Zq-passage-choice"})
        if w.cloze.pk not in self.feedback_seen[user.pk]:
            tokens.update({"Zq-explained-cloze", "Zq-passage-cloze"})
        return tokens, texts

    def _check_json(self, user: User, body: Any) -> None:
        """JSON names a choice question's correct answer by option id, so that is what is looked for."""
        PolicyMachine.reads += 1
        tokens, _ = self._secrets(user)
        text = json.dumps(body)
        assert not [t for t in tokens if t in text], body
        if self.world.choice.pk not in self.keys_seen[user.pk]:
            for key in _values_of(body, "correct_answer"):
                assert not (set(_strings(key)) & self.key_ids), body

    def _check_html(self, user: User, html: str) -> None:
        PolicyMachine.reads += 1
        tokens, texts = self._secrets(user)
        assert not [t for t in tokens if t in html]
        named = {m.strip() for m in CORRECT_ANSWER.findall(html)}
        assert not (named & texts), named

    def _check_attempt(self, user: User, body: dict[str, Any]) -> None:
        self._check_json(user, body)
        level = self._levels(user).get(body["id"], Quiz.Review.FEEDBACK)  # practice attempts: not the exam's
        if body["quiz"] == self.quiz.pk:
            if level < Quiz.Review.SCORE:
                assert (body["score"], body["percent"], body["passed"]) == (None, None, None), body
            if level < Quiz.Review.CORRECTNESS:
                assert all(item["correct"] is None and item["fraction"] is None for item in body["items"]), body

    def _mine(self, student: int) -> tuple[User, APIClient]:
        user = self.world.students[student]
        return user, self.world.api[user.pk]

    def _exam_attempt(self, user: User) -> Attempt | None:
        return Attempt.objects.filter(quiz=self.quiz, user=user).order_by("-number").first()

    def _after(self) -> None:
        self._observe()

    # --- the instructor ------------------------------------------------------------------------------

    @initialize(after_submit=LEVELS, after_close=LEVELS)
    def set_up_policy(self, after_submit: int, after_close: int) -> None:
        # The quiz as the instructor made it, before anyone took it (changes later go through the API).
        Quiz.objects.filter(pk=self.quiz.pk).update(review_after_submit=after_submit, review_after_close=after_close)

    @rule(after_submit=LEVELS, after_close=LEVELS)
    def change_policy(self, after_submit: int, after_close: int) -> None:
        self._policy(after_submit, after_close)

    def _policy(self, after_submit: int, after_close: int) -> None:
        response = self.world.staff.post(
            f"/api/quizzes/{self.quiz.pk}/update/",
            {"review_after_submit": after_submit, "review_after_close": after_close},
            format="json",
        )
        assert response.status_code == 200, response.content
        self._after()

    @rule(when=st.sampled_from(["now", "in two minutes", "in ninety minutes"]))
    def move_the_close(self, when: str) -> None:
        """Close the quiz early, set a close soon, or extend it."""
        offset = {"now": dt.timedelta(seconds=-1), "in two minutes": dt.timedelta(minutes=2), "in ninety minutes": dt.timedelta(minutes=90)}
        closes = (self._now() + offset[when]).isoformat()
        response = self.world.staff.post(f"/api/quizzes/{self.quiz.pk}/update/", {"closes_at": closes}, format="json")
        assert response.status_code == 200, response.content
        if when == "now":  # closing early closes the attempts in progress
            assert not Attempt.objects.filter(quiz=self.quiz, state=Attempt.State.IN_PROGRESS).exists()
        self._after()

    @rule(correct=st.sampled_from(["e1", "e2", "e3"]))
    def fix_the_key(self, correct: str) -> None:
        current = Question.objects.get(_versions_of(self.world.choice), is_current=True)
        Question.objects.filter(pk=current.pk).update(is_current=False)
        fixed = Question.objects.create(
            bank=current.bank,
            root_id=current.root_id_or_self,
            version=current.version + 1,
            type=current.type,
            stem=current.stem,
            choices=current.choices,
            answer={"correct": correct},
            fact=current.fact,
            topic=current.topic,
            explanation=current.explanation,
            source_passage=current.source_passage,
            status=Question.Status.APPROVED,
        )
        self.key_ids.add(correct)
        log = RegradeLog.objects.create(question=fixed, reason=REGRADE_ANSWER_KEY_FIXED)
        question_regrade_run(regrade_log_id=log.pk)
        self._after()

    # --- time and workers ----------------------------------------------------------------------------

    @rule(seconds=st.sampled_from([30, 180, 3600]))
    def time_passes(self, seconds: int) -> None:
        self.traveller.shift(dt.timedelta(seconds=seconds))
        self._after()

    @rule()
    def workers_run(self) -> None:
        attempts_autosubmit_expired()
        for attempt_id in Attempt.objects.filter(state=Attempt.State.SUBMITTED).values_list("id", flat=True):
            attempt_grade(attempt_id=attempt_id)
        progress_record_released()
        self._after()

    # --- students --------------------------------------------------------------------------------------

    @rule(
        student=st.integers(0, 1),
        choice=st.sampled_from(["e1", "e2", None]),
        cloze=st.sampled_from(["Patriot", None]),
        then=st.sampled_from(["stop", "submit", "submit and read the grade", "submit and practise later"]),
    )
    def take_the_exam(self, student: int, choice: str | None, cloze: str | None, then: str) -> None:
        """A whole sitting in one step: start (or resume), answer, perhaps submit, and poll until graded."""
        user, client = self._mine(student)
        started = client.post(f"/api/quizzes/{self.quiz.pk}/attempts/")
        self._check_json(user, started.json())
        if started.status_code != 201:
            return
        attempt_id = started.json()["id"]
        for question, value in ((self.world.choice, choice), (self.world.cloze, cloze)):
            if value is not None:
                saved = client.put(f"/api/attempts/{attempt_id}/responses/{question.pk}/", {"answer": value}, format="json")
                assert saved.status_code in (200, 409), saved.content
        if then != "stop":
            self._check_json(user, client.post(f"/api/attempts/{attempt_id}/submit/").json())
        if then == "submit and read the grade":
            attempt_grade(attempt_id=attempt_id)
            self._after()
            self._read_the_api(student)  # the grade, then their progress and practice lists
        if then == "submit and practise later":
            attempt_grade(attempt_id=attempt_id)
            self._after()
            self._practise(student, later=True)
        self._after()

    @rule(student=st.integers(0, 1), which=st.sampled_from(["choice", "cloze"]), data=st.data())
    def answer(self, student: int, which: str, data: Any) -> None:
        user, client = self._mine(student)
        attempt = self._exam_attempt(user)
        if attempt is None:
            return
        question = self.world.choice if which == "choice" else self.world.cloze
        value = data.draw(st.sampled_from(["e1", "e2", "e3"] if which == "choice" else ["Patriot", "HIMARS"]))
        response = client.put(f"/api/attempts/{attempt.pk}/responses/{question.pk}/", {"answer": value}, format="json")
        assert response.status_code in (200, 409), response.content
        if response.status_code == 200:
            quiz = Quiz.objects.get(pk=self.quiz.pk)
            assert quiz.closes_at is None or self._now() < quiz.closes_at  # never an answer after the close
        self._check_json(user, response.json())
        self._after()

    @rule(student=st.integers(0, 1))
    def submit(self, student: int) -> None:
        user, client = self._mine(student)
        attempt = self._exam_attempt(user)
        if attempt is None:
            return
        response = client.post(f"/api/attempts/{attempt.pk}/submit/")
        assert response.status_code in (202, 409), response.content
        self._check_json(user, response.json())
        self._after()

    @rule(student=st.integers(0, 1))
    def read_the_api(self, student: int) -> None:
        self._read_the_api(student)

    def _read_the_api(self, student: int) -> None:
        user, client = self._mine(student)
        listed = client.get("/api/attempts/").json()
        self._check_json(user, listed)
        for row in listed["results"]:
            self._check_attempt(user, client.get(f"/api/attempts/{row['id']}/").json())
        progress = client.get("/api/me/progress/").json()
        practice = client.get("/api/me/practice/").json()
        self._check_json(user, progress)
        self._check_json(user, practice)
        if not self.correctness_seen[user.pk]:
            assert [t for t in progress["topics"] if t["topic"] == EXAM_TOPIC] == [], progress
            assert practice == [] and progress["facts_scheduled"] == 0, (progress, practice)

    @rule(student=st.integers(0, 1), page=st.sampled_from(["/", "/progress/", "quiz", "attempt"]))
    def read_a_page(self, student: int, page: str) -> None:
        user, _ = self._mine(student)
        if page == "quiz":
            page = f"/quizzes/{self.quiz.pk}/"
        elif page == "attempt":
            attempt = Attempt.objects.filter(user=user).order_by("-id").first()
            if attempt is None:
                return
            page = f"/attempts/{attempt.pk}/" if attempt.state == Attempt.State.IN_PROGRESS else f"/attempts/{attempt.pk}/result/"
        response = self.world.pages[user.pk].get(page, follow=True)
        assert response.status_code == 200, page
        self._check_html(user, response.content.decode())

    @rule(student=st.integers(0, 1), later=st.booleans())
    def practise(self, student: int, later: bool) -> None:
        self._practise(student, later=later)

    def _practise(self, student: int, *, later: bool) -> None:
        """Build a practice quiz (perhaps an hour later, when wrong facts are due), submit it
        empty, read its review: the review's F1 probe."""
        user, client = self._mine(student)
        if later:
            self.traveller.shift(dt.timedelta(hours=1))
            self._after()
        built = client.post("/api/me/practice/quizzes/", {"course": self.world.course.pk, "size": 50}, format="json")
        assert built.status_code in (201, 409, 429), built.content
        self._check_json(user, built.json())
        if built.status_code != 201:
            return
        started = client.post(f"/api/quizzes/{built.json()['id']}/attempts/")
        assert started.status_code == 201, started.content
        self._check_json(user, started.json())
        attempt_id = started.json()["id"]
        client.post(f"/api/attempts/{attempt_id}/submit/")
        attempt_grade(attempt_id=attempt_id)
        self._check_attempt(user, client.get(f"/api/attempts/{attempt_id}/").json())
        self._check_html(user, self.world.pages[user.pk].get(f"/attempts/{attempt_id}/result/").content.decode())
        self._after()


def _versions_of(question: Question) -> Q:
    root = question.root_id_or_self
    return Q(pk=root) | Q(root_id=root)


def _values_of(body: Any, name: str) -> list[Any]:
    if isinstance(body, dict):
        found = [body[name]] if body.get(name) is not None else []
        return found + [v for inner in body.values() for v in _values_of(inner, name)]
    if isinstance(body, list):
        return [v for inner in body for v in _values_of(inner, name)]
    return []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for inner in value.values() for s in _strings(inner)]
    if isinstance(value, list):
        return [s for inner in value for s in _strings(inner)]
    return []


def test_no_student_ever_reads_a_key_the_review_policy_hides(course: Course, instructor: User) -> None:
    PolicyMachine.world = _build_world(course, instructor)
    PolicyMachine.reads = 0
    run_state_machine_as_test(
        PolicyMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,  # the world's ids differ from run to run; replaying old examples would mislead
        ),
    )
    assert PolicyMachine.reads > EXAMPLES
