"""Quizzes: their settings, where their questions come from (bank sources or a fixed list) and the
extra time or attempts granted to students and groups.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from quizzes.models.banks import Question, QuestionBank


class Quiz(models.Model):
    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", "Highest grade"
        LAST = "last", "Last attempt"
        AVERAGE = "average", "Average grade"
        FIRST = "first", "First attempt"

    class Review(models.IntegerChoices):
        """What a student sees; each level includes the ones before it."""

        NOTHING = 0, "Nothing"
        SCORE = 1, "Score"
        CORRECTNESS = 2, "Score and right/wrong"
        ANSWERS = 3, "Score, right/wrong and correct answers"
        FEEDBACK = 4, "All of that and feedback with the source passage"

    module = models.ForeignKey("courseware.Module", on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    shuffle_questions = models.BooleanField(default=True)
    shuffle_options = models.BooleanField(default=True)
    questions_per_page = models.PositiveSmallIntegerField(default=0, help_text="0 = all questions on one page")
    time_limit_seconds = models.PositiveIntegerField(null=True, blank=True)
    attempts_allowed = models.PositiveIntegerField(null=True, blank=True, help_text="empty = unlimited")
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    grading_method = models.CharField(max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=2, default=50, help_text="percent")
    review_after_submit = models.PositiveSmallIntegerField(choices=Review.choices, default=Review.FEEDBACK)
    review_after_close = models.PositiveSmallIntegerField(choices=Review.choices, default=Review.FEEDBACK)
    is_published = models.BooleanField(default=False)
    is_practice = models.BooleanField(default=False, help_text="a personal spaced-repetition practice quiz")
    anonymous_marking = models.BooleanField(default=False, help_text="the essay marking queue hides students' names")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["module", "id"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100), name="quiz_pass_mark_0_100"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="quiz_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AccommodationTerms(models.Model):
    """What an accommodation grants, for one student or for a group: extra time, other open and
    close times, extra attempts. Zero or empty means "the quiz's own"."""

    extra_time_seconds = models.PositiveIntegerField(default=0, help_text="added to the quiz's time limit")
    opens_at = models.DateTimeField(null=True, blank=True, help_text="empty = the quiz's own")
    closes_at = models.DateTimeField(null=True, blank=True, help_text="empty = the quiz's own")
    extra_attempts = models.PositiveIntegerField(default=0, help_text="added to the quiz's attempt limit")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class QuizAccommodation(AccommodationTerms):
    """One student's own settings for one quiz (Moodle's user override): extra time, other open
    and close times, extra attempts. ``quizzes.selectors.teach.quiz_settings_for`` folds it (and
    the student's groups' accommodations) into the quiz's settings; start, the deadline rules, the
    auto-submitter, the API and the quiz page all read the result."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="accommodations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_accommodations")

    class Meta:
        ordering = ["quiz", "user"]
        # One per student and quiz; the unique index also serves quiz_settings_for's lookup.
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user"], name="accommodation_unique_student"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="accommodation_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz}"


class QuizGroupAccommodation(AccommodationTerms):
    """A course group's settings for one quiz (Moodle's group override). A member's own
    accommodation wins for each setting it sets; among several groups the most lenient value
    counts (``quizzes.selectors.teach.accommodation_effective``)."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="group_accommodations")
    group = models.ForeignKey("courseware.CourseGroup", on_delete=models.CASCADE, related_name="quiz_accommodations")

    class Meta:
        ordering = ["quiz", "group"]
        # One per group and quiz; the unique index also serves the "this quiz's groups" lookups.
        constraints = [
            models.UniqueConstraint(fields=["quiz", "group"], name="group_accommodation_unique_group"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="group_accommodation_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.name} · {self.quiz}"


class QuizSource(models.Model):
    """Draw ``count`` approved questions from a bank (optionally one topic of it) per attempt."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="sources")
    # PROTECT: deleting a bank must not silently take it out of a quiz (bank_delete says which quiz).
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="quiz_source_count_positive")]


class QuizQuestion(models.Model):
    """A fixed question of a quiz (used instead of, or besides, drawn sources)."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [models.UniqueConstraint(fields=["quiz", "position"], name="quiz_question_unique_position")]
