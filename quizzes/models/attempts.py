"""Attempts and their responses, and the records of what happened to them afterwards: marks,
regrades and reopenings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from quizzes.models.banks import Question
from quizzes.models.quizzes import Quiz


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        GRADING = "grading", "Grading"
        GRADED = "graded", "Graded"

    # No index of their own: attempt_unique_number (quiz, user, number) and attempt_user_quiz
    # (user, quiz) start with them and serve every lookup, and each index is written again by
    # every grading (a state change is never a heap-only update).
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts", db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts", db_index=False)
    number = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_submitted = models.BooleanField(default=False)
    grading_started_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    grade_count = models.PositiveIntegerField(default=0, help_text="times grading completed; >1 only by regrading")
    progress_recorded = models.BooleanField(
        default=False, help_text="counted in its student's mastery and practice schedule (once the review policy shows right/wrong)"
    )
    score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(max_digits=8, decimal_places=3, default=0)
    # GRADED means the automatic grading is done; with essays the grade is final only once every
    # essay is marked and its mark released (quizzes.services.marking keeps this flag). While it
    # is set the student sees the automatic part only, and the gradebook says "awaiting marking".
    marking_pending = models.BooleanField(default=False, help_text="an essay of it is not marked (or its mark not released) yet")

    class Meta:
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_unique_number"),
            # At most one attempt in progress per student and quiz, even when starts race.
            models.UniqueConstraint(fields=["quiz", "user"], condition=Q(state="in_progress"), name="attempt_one_in_progress"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=F("max_score"))),
                name="attempt_score_within_max",
            ),
        ]
        indexes = [
            # Serves the sweeper and the auto-submitter: attempts in a state, oldest first.
            models.Index(fields=["state", "submitted_at"], name="attempt_state_submitted"),
            models.Index(fields=["state", "deadline"], name="attempt_state_deadline"),
            # Serves a student's history and the gradebook.
            models.Index(fields=["user", "quiz"], name="attempt_user_quiz"),
            # Serves progress_record_released: graded attempts still waiting for the policy to show right/wrong.
            models.Index(fields=["quiz"], condition=Q(state="graded", progress_recorded=False), name="attempt_progress_waiting"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz} #{self.number}"

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return float(self.score) * 100.0 / float(self.max_score)


class Response(models.Model):
    """One question of an attempt and the student's answer to it (one row per question, made at start)."""

    # No index of their own: response_unique_position (attempt, position) starts with the attempt,
    # response_question indexes the question; grading and autosaving write every index again.
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses", db_index=False)
    position = models.PositiveIntegerField()
    option_order = models.JSONField(default=list, blank=True, help_text="choice ids in the order this student sees them")
    answer = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    max_points = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    points = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    fraction = models.FloatField(null=True, blank=True, help_text="0..1 credit from the type's grading rule")
    feedback = models.TextField(blank=True)
    # Set by the first grading and kept by regrading, so new matching rules never change a grade
    # already given (questiontypes.GRADING_RULES); null until graded.
    grading_rules = models.PositiveSmallIntegerField(null=True, blank=True, help_text="version of the answer-matching rules used")
    # The student's own "come back to this later" mark while answering (quizzes.services.flags);
    # it never changes a grade.
    flagged = models.BooleanField(default=False)
    # An instructor's mark for this question (quizzes.services.overrides), kept by regrading,
    # with who, when and why; the student sees the comment in their review.
    override_points = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    override_comment = models.TextField(blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    overridden_at = models.DateTimeField(null=True, blank=True)
    # An essay's mark is the override above (same who/when/comment, kept by regrading), plus:
    # ``mark_version`` counts the marks given, so two instructors marking at once cannot overwrite
    # each other silently (quizzes.services.marking compares it), and ``mark_released`` says
    # whether the student may see the mark yet. Every mark given is kept in MarkHistory.
    mark_version = models.PositiveIntegerField(default=0)
    mark_released = models.BooleanField(default=False)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="response_unique_position"),
            models.UniqueConstraint(fields=["attempt", "question"], name="response_unique_question"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | (Q(points__gte=0) & Q(points__lte=F("max_points"))),
                name="response_points_within_max",
            ),
        ]
        # Serves regrading: every response to a question version.
        indexes = [models.Index(fields=["question"], name="response_question")]
        # On PostgreSQL the table keeps half of each page free (fillfactor 50, migration 0027) so
        # that an answer's save and its grade rewrite the row in place, without index writes.


class MarkHistory(models.Model):
    """One mark an instructor gave an essay response: a re-mark adds a row, nothing is rewritten."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="mark_history")
    version = models.PositiveIntegerField(help_text="the response's mark_version this mark made")
    points = models.DecimalField(max_digits=8, decimal_places=3)
    comment = models.TextField(blank=True)
    rubric = models.JSONField(default=dict, blank=True, help_text="criterion id -> level id chosen, when the question has a rubric")
    released = models.BooleanField(default=False)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    marked_at = models.DateTimeField()

    class Meta:
        ordering = ["response", "version"]
        constraints = [models.UniqueConstraint(fields=["response", "version"], name="mark_history_unique_version")]


class RegradeLog(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="regrade_logs")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=40)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    attempts_affected = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class RegradeChange(models.Model):
    """One response whose mark a regrade changed: the regrade report's rows and the note in the
    student's review ("this question was regraded on ...")."""

    log = models.ForeignKey(RegradeLog, on_delete=models.CASCADE, related_name="changes")
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="regrade_changes")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="regrade_changes")
    points_before = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    points_after = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    score_before = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    score_after = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    max_score_after = models.DecimalField(max_digits=8, decimal_places=3, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["log", "attempt_id", "response_id"]
        # Serves the result page's note: the changes of one attempt.
        indexes = [models.Index(fields=["attempt"], name="regrade_change_attempt")]


class AttemptReopening(models.Model):
    """An instructor reopened a submitted attempt (quizzes.services.overrides.attempt_reopen):
    who, when, why, and what the attempt was before. The log of reopenings; the newest one's
    deadline is the attempt's own, which the quiz's close does not cut short."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="reopenings")
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reopened_at = models.DateTimeField()
    reason = models.TextField()
    previous_state = models.CharField(max_length=12, choices=Attempt.State.choices)
    previous_score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    previous_submitted_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField()

    class Meta:
        ordering = ["attempt", "-reopened_at"]
        indexes = [models.Index(fields=["attempt", "reopened_at"], name="reopening_attempt")]

    def __str__(self) -> str:
        return f"{self.attempt} reopened {self.reopened_at:%Y-%m-%d %H:%M}"
