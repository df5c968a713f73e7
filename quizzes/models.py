"""Facts, question banks, quizzes, attempts, grading and progress.

The shape of ``Question.choices``, ``Question.answer`` and ``Response.answer`` for each
question type is defined, validated and graded in ``quizzes.questiontypes``; this module
only stores them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_RESPONSE = "multiple_response", "Multiple response"
    TRUE_FALSE = "true_false", "True / false"
    CLOZE = "cloze", "Cloze (type the missing term)"
    NUMERIC = "numeric", "Numeric"
    MATCHING = "matching", "Matching"
    ORDERING = "ordering", "Ordering"
    SHORT_ANSWER = "short_answer", "Short answer"
    ESSAY = "essay", "Essay (marked by an instructor)"
    DESCRIPTION = "description", "Description (text between questions, no answer, no marks)"
    EMBEDDED = "embedded_answers", "Embedded answers (cloze with several gaps)"


class LexiconTerm(models.Model):
    """A domain term the fact extractor recognises; seeded from seeds/lexicon.json, extended in the admin."""

    term = models.CharField(max_length=200, unique=True)
    category = models.CharField(max_length=40)
    aliases = models.JSONField(default=list, blank=True)
    description = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "term"]

    def __str__(self) -> str:
        return f"{self.term} ({self.category})"


class Fact(models.Model):
    class Kind(models.TextChoices):
        SYSTEM = "system", "Aid or weapons system"
        PROGRAMME = "programme", "Programme or operation"
        ORGANISATION = "organisation", "Organisation"
        PERSON_ROLE = "person_role", "Person with role"
        SUMMIT = "summit", "Place or summit with its date"
        MONEY = "money", "Money amount"
        EVENT = "event", "Dated event"
        TREATY_RULE = "treaty_rule", "Treaty rule"
        SCENARIO = "scenario", "Scenario"
        ACRONYM = "acronym", "Acronym definition"
        PLACE = "place", "Country or city"
        TERM = "term", "Key term"

    reading = models.ForeignKey("courseware.Reading", on_delete=models.CASCADE, related_name="facts")
    section = models.ForeignKey("courseware.Section", on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=60)
    value = models.CharField(max_length=300, help_text="the normalised main value")
    data = models.JSONField(default=dict, blank=True, help_text="kind-specific normalised values")
    sentence = models.TextField()
    start = models.PositiveIntegerField(help_text="offset of the sentence in the reading's cleaned text")
    end = models.PositiveIntegerField()
    key = models.CharField(max_length=64, help_text="deterministic identity, stable across regeneration")

    class Meta:
        ordering = ["reading", "start"]
        constraints = [models.UniqueConstraint(fields=["reading", "key"], name="fact_unique_key_per_reading")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class QuestionBank(models.Model):
    name = models.CharField(max_length=200)
    course = models.ForeignKey("courseware.Course", on_delete=models.CASCADE, null=True, blank=True, related_name="banks")
    reading = models.ForeignKey("courseware.Reading", on_delete=models.SET_NULL, null=True, blank=True, related_name="banks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="bank_unique_name")]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """One version of a question. An edit creates a new row with the same ``root``.

    Attempts point at the row they saw, so editing never changes what a student answered.
    Only the row with ``is_current=True`` is shown in the bank and drawn into new attempts.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        RETIRED = "retired", "Retired"

    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated"
        MANUAL = "manual", "Written by an instructor"
        IMPORTED = "imported", "Imported"

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="versions")
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    title = models.CharField(max_length=200, blank=True)
    stem = models.TextField()
    choices = models.JSONField(default=list, blank=True)
    answer = models.JSONField(default=dict)
    explanation = models.TextField(blank=True)
    topic = models.CharField(max_length=60, blank=True)
    difficulty = models.FloatField(default=0.5, help_text="0 easy .. 1 hard (estimate)")
    points = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.GENERATED)
    fact = models.ForeignKey(Fact, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    source_section = models.ForeignKey("courseware.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    source_passage = models.TextField(blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True, help_text="offset in the reading's cleaned text")
    source_end = models.PositiveIntegerField(null=True, blank=True)
    generation_key = models.CharField(max_length=64, blank=True, help_text="identity of a generated question; regeneration matches on it")
    is_edited = models.BooleanField(default=False)
    # Questions that give each other away (one sentence or fact, or one's key printed in the
    # other) share a group: a quiz draws at most one of a group, and approving a whole bank
    # approves only each group's best. Empty = a group of its own.
    # (db_index serves the bank approval's and review page's per-group lookups.)
    exclusion_group = models.CharField(max_length=64, blank=True, default="", db_index=True)
    quality = models.FloatField(null=True, blank=True, help_text="0..1, higher is better; the generator's ranking")
    quality_notes = models.JSONField(default=list, blank=True, help_text="why the generator kept it")
    key_terms = models.JSONField(
        default=list, blank=True, help_text="the key's texts (questiontypes.key_terms), for 'key printed in another question' checks"
    )
    meta = models.JSONField(default=dict, blank=True, help_text="import/export extras: idnumber, tags, format")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bank", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="question_points_non_negative"),
            models.CheckConstraint(condition=Q(difficulty__gte=0) & Q(difficulty__lte=1), name="question_difficulty_0_1"),
        ]
        indexes = [
            # Serves drawing approved questions of a bank/topic into an attempt and the review filters.
            models.Index(fields=["bank", "is_current", "status", "topic"], name="question_bank_draw"),
            # Serves regeneration's lookup of existing generated questions.
            models.Index(fields=["bank", "generation_key"], name="question_generation_key"),
        ]

    def __str__(self) -> str:
        return f"[{self.type}] {self.stem[:60]}"

    @property
    def root_id_or_self(self) -> int:
        return self.root_id or self.pk


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


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        GRADING = "grading", "Grading"
        GRADED = "graded", "Graded"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
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

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
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


class TopicMastery(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_mastery")
    topic = models.CharField(max_length=60)
    answered = models.PositiveIntegerField(default=0)
    credit = models.FloatField(default=0)
    mastery = models.FloatField(default=0, help_text="0..1, recency-weighted")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "topic"]
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topic_mastery_unique")]


class FactMastery(models.Model):
    """Per-fact mastery and the student's spaced-repetition card for that fact (fsrs)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fact_mastery")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="mastery")
    answered = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)
    mastery = models.FloatField(default=0)
    card = models.JSONField(default=dict, blank=True, help_text="fsrs.Card.to_dict()")
    due = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "fact"], name="fact_mastery_unique")]
        # Serves "practice due today": a student's cards by due date.
        indexes = [models.Index(fields=["user", "due"], name="fact_mastery_due")]


class WorkerHeartbeat(models.Model):
    """Each Celery worker process writes its heartbeat here; /healthz counts fresh rows."""

    hostname = models.CharField(max_length=200, unique=True)
    pid = models.PositiveIntegerField(default=0)
    last_seen = models.DateTimeField()
    # The queues this worker consumes: /healthz reports a queue holding messages that no live
    # worker reads (no broker tells it: Redis has no consumer list, the file broker no broadcast).
    queues = models.JSONField(default=list, blank=True)


class GenerationJob(models.Model):
    """Progress of one question-generation run, polled by the import page's progress bar."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    reading = models.ForeignKey("courseware.Reading", on_delete=models.CASCADE, related_name="generation_jobs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="percent done")
    message = models.CharField(max_length=300, blank=True)
    questions = models.PositiveIntegerField(default=0, help_text="questions kept by the run")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # Serves "the latest job of this reading" (the progress bar's poll).
        indexes = [models.Index(fields=["reading", "-created_at"], name="generation_job_latest")]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="generation_job_progress_0_100")]
