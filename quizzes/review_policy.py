"""What a student may learn about an attempt, decided here and only here, from the quiz's review policy.

Every page, API and service that tells a student anything derived from their graded answers
asks this module first: the score (result page, attempt lists, dashboard, quiz start page,
progress page), right/wrong per question, the keys, the feedback, and what is derived from
right/wrong: topic and fact mastery and the practice schedule.

The rules:

- Course staff see everything of the attempts they may open (``attempt_get_for_user`` has
  already limited those to their course).
- The student sees nothing while the attempt is in progress; afterwards the quiz's
  ``review_after_submit`` level, and ``review_after_close`` once the quiz has closed **and no
  attempt of it is still in progress** (otherwise a classmate still answering could be handed
  the keys by a student who has already finished).
- Mastery and the practice schedule say "you got this wrong", so an attempt feeds them only
  once its student may see right/wrong (``PROGRESS_LEVEL``). Until then its answers wait
  (``Attempt.progress_recorded`` is false) and are recorded when the policy lets them show,
  for example when the quiz closes; a quiz that never shows right/wrong never feeds them.
  Recording late rather than recording and hiding: mastery is a running average over every
  quiz, so a hidden part could not be taken out of it again afterwards.
- A practice quiz shows the keys and feedback of its questions, so it never uses a question
  (any version of it) nor an option id that this student was shown in an attempt whose keys
  or feedback the policy still hides (``practice_withheld``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from courseware.permissions import RequestUser, signed_in
from quizzes.models import Attempt, Question, QuestionType, Quiz, Response

# What an attempt must show its student before it may feed mastery and the practice schedule.
PROGRESS_LEVEL = Quiz.Review.CORRECTNESS
# What an attempt must show its student before its questions may appear in practice: a practice
# quiz shows its questions' keys, feedback and source passages, so everything.
PRACTICE_REUSE_LEVEL = Quiz.Review.FEEDBACK


def quizzes_with_open_attempts(*, quiz_ids: Iterable[int]) -> set[int]:
    """The quizzes among ``quiz_ids`` with an attempt still in progress (one query)."""
    ids = set(quiz_ids)
    if not ids:
        return set()
    return set(Attempt.objects.filter(quiz_id__in=ids, state=Attempt.State.IN_PROGRESS).values_list("quiz_id", flat=True).distinct())


@dataclass
class ReviewPolicy:
    """The policy as seen by ``user`` at ``now``, for any number of attempts.

    Whether a closed quiz still has an attempt in progress is looked up once per quiz, and only
    for a quiz whose close would change the level; ``prefetch`` does it for a whole list in one
    query.
    """

    user: RequestUser | None  # None: each attempt as its own student sees it (what grading records for them)
    now: datetime = field(default_factory=timezone.now)
    _open: dict[int, bool] = field(default_factory=dict)

    def _closed_for_review(self, quiz: Quiz) -> bool:
        if quiz.closes_at is None or self.now < quiz.closes_at:
            return False
        if quiz.pk not in self._open:
            self._open[quiz.pk] = Attempt.objects.filter(quiz_id=quiz.pk, state=Attempt.State.IN_PROGRESS).exists()
        return not self._open[quiz.pk]

    def _needs_lookup(self, quiz: Quiz) -> bool:
        return (
            quiz.closes_at is not None
            and self.now >= quiz.closes_at
            and quiz.review_after_close != quiz.review_after_submit
            and quiz.pk not in self._open
        )

    def prefetch(self, attempts: Iterable[Attempt]) -> ReviewPolicy:
        quizzes = {a.quiz_id: a.quiz for a in attempts}
        wanted = {pk for pk, quiz in quizzes.items() if self._needs_lookup(quiz)}
        open_ids = quizzes_with_open_attempts(quiz_ids=wanted)
        self._open.update({pk: pk in open_ids for pk in wanted})
        return self

    def quiz_level(self, quiz: Quiz) -> int:
        """What a student who has finished an attempt of ``quiz`` may see now."""
        if quiz.review_after_close == quiz.review_after_submit:
            return int(quiz.review_after_submit)
        return int(quiz.review_after_close if self._closed_for_review(quiz) else quiz.review_after_submit)

    def level(self, attempt: Attempt) -> int:
        """A ``Quiz.Review`` value: what ``user`` may see of ``attempt``."""
        if self.user is not None and attempt.user_id != self.user.pk:
            return Quiz.Review.FEEDBACK  # attempt_get_for_user already limited this to staff of the course
        if attempt.state == Attempt.State.IN_PROGRESS:
            return Quiz.Review.NOTHING
        return self.quiz_level(attempt.quiz)

    def shows_score(self, attempt: Attempt) -> bool:
        return attempt.state == Attempt.State.GRADED and self.level(attempt) >= Quiz.Review.SCORE

    def percent(self, attempt: Attempt) -> float | None:
        """The attempt's percentage if the policy shows it, else None."""
        return attempt.percent if self.shows_score(attempt) else None

    def shows_correctness(self, attempt: Attempt) -> bool:
        return attempt.state == Attempt.State.GRADED and self.level(attempt) >= Quiz.Review.CORRECTNESS

    def shows_keys(self, attempt: Attempt) -> bool:
        return attempt.state == Attempt.State.GRADED and self.level(attempt) >= Quiz.Review.ANSWERS

    def shows_all_practice_shows(self, attempt: Attempt) -> bool:
        return attempt.state == Attempt.State.GRADED and self.level(attempt) >= PRACTICE_REUSE_LEVEL

    def feeds_progress(self, attempt: Attempt) -> bool:
        """Whether the attempt's answers may now count in its student's mastery and practice schedule."""
        return attempt.state == Attempt.State.GRADED and self.level(attempt) >= PROGRESS_LEVEL


def attempt_review_level(*, user: RequestUser, attempt: Attempt, now: datetime | None = None) -> int:
    return ReviewPolicy(user=user, now=now or timezone.now()).level(attempt)


def attempt_shows_score(*, user: RequestUser, attempt: Attempt, now: datetime | None = None) -> bool:
    return ReviewPolicy(user=user, now=now or timezone.now()).shows_score(attempt)


@dataclass(frozen=True)
class ScoreRow:
    """An attempt with the percentage its reader may see (None: not graded, or hidden by the policy)."""

    attempt: Attempt
    percent: float | None


def score_rows(*, user: RequestUser, attempts: Iterable[Attempt], now: datetime | None = None) -> list[ScoreRow]:
    """The attempts with their percentages as the policy lets ``user`` see them (at most one query)."""
    attempts = list(attempts)
    policy = ReviewPolicy(user=user, now=now or timezone.now()).prefetch(attempts)
    return [ScoreRow(attempt=a, percent=policy.percent(a)) for a in attempts]


def question_option_ids(question: Question) -> set[str]:
    """Every option id a student answering ``question`` is shown (both columns of a matching question)."""
    choices = question.choices
    if question.type == QuestionType.MATCHING and isinstance(choices, dict):
        return {str(c["id"]) for side in ("left", "right") for c in choices.get(side, []) if isinstance(c, dict) and "id" in c}
    if isinstance(choices, list):
        return {str(c["id"]) for c in choices if isinstance(c, dict) and "id" in c}
    return set()


@dataclass(frozen=True)
class Withheld:
    """What practice must not show ``user``: question roots and option ids of attempts whose keys or feedback stay hidden."""

    roots: frozenset[int]
    option_ids: frozenset[str]

    def allows(self, question: Question) -> bool:
        return question.root_id_or_self not in self.roots and not (question_option_ids(question) & self.option_ids)


def practice_withheld(*, user: RequestUser, now: datetime | None = None) -> Withheld:
    """Questions and option ids ``user`` has been shown in attempts (in progress included) whose
    keys or feedback the policy does not show them now (a practice quiz would show both). At
    most three queries."""
    policy = ReviewPolicy(user=user, now=now or timezone.now())
    attempts = list(Attempt.objects.filter(user=signed_in(user), quiz__is_practice=False).select_related("quiz"))
    policy.prefetch(attempts)
    hidden = [a.pk for a in attempts if not policy.shows_all_practice_shows(a)]
    if not hidden:
        return Withheld(frozenset(), frozenset())
    shown = Question.objects.filter(Q(pk__in=Response.objects.filter(attempt_id__in=hidden).values("question_id"))).only(
        "id", "root_id", "type", "choices"
    )
    roots: set[int] = set()
    option_ids: set[str] = set()
    for question in shown:
        roots.add(question.root_id_or_self)
        option_ids |= question_option_ids(question)
    return Withheld(frozenset(roots), frozenset(option_ids))
