"""Readings and what instructors build from them: courses, modules, lessons, enrolment.

Users live here too because a user's site role and course enrolment are courseware's
domain; every other app refers to ``settings.AUTH_USER_MODEL``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        INSTRUCTOR = "instructor", "Instructor"
        STUDENT = "student", "Student"

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STUDENT)

    @property
    def is_site_admin(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMIN

    @property
    def is_instructor(self) -> bool:
        return self.role == self.Role.INSTRUCTOR or self.is_site_admin


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Enrollment(models.Model):
    class Role(models.TextChoices):
        INSTRUCTOR = "instructor", "Instructor"
        STUDENT = "student", "Student"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STUDENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="enrollment_unique_user_per_course")]
        # Serves "my courses" and every per-object permission check (user, course, role).
        indexes = [models.Index(fields=["user", "role"], name="enrollment_user_role")]

    def __str__(self) -> str:
        return f"{self.user} in {self.course} as {self.role}"


class CourseGroup(models.Model):
    """A named set of a course's students (Moodle's groups), e.g. "Extra time (learning plan)".

    Quizzes grant accommodations to a group (``quizzes.QuizGroupAccommodation``); a member gets
    them unless their own accommodation sets the same thing. Members are students of the course
    (``courseware.services.groups`` checks it)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=100)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="course_groups", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "name"]
        constraints = [models.UniqueConstraint(fields=["course", "name"], name="course_group_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.course})"


class Reading(models.Model):
    class Kind(models.TextChoices):
        PAPER = "paper", "Paper"
        NEWS = "news", "News article"
        REPORT = "report", "Report"

    class Format(models.TextChoices):
        TEXT = "text", "Plain text"
        MARKDOWN = "markdown", "Markdown"
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PAPER)
    source_format = models.CharField(max_length=16, choices=Format.choices, default=Format.TEXT)
    source = models.CharField("source or publisher", max_length=300, blank=True)
    original_filename = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the raw bytes")
    raw_text = models.TextField(help_text="decoded text before cleaning")
    cleaned_text = models.TextField()
    language = models.CharField(max_length=8, default="en")
    # Versions of one reading share a lineage id (the first version's id).
    lineage = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="versions")
    version = models.PositiveIntegerField(default=1)
    is_latest = models.BooleanField(default=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-version"]
        constraints = [models.UniqueConstraint(fields=["checksum"], name="reading_unique_checksum")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class RemovedSpan(models.Model):
    """Text the cleaner removed (site boilerplate, share widgets), kept for review."""

    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="removed_spans")
    reason = models.CharField(max_length=64)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["reading", "order"]


class Section(models.Model):
    class Kind(models.TextChoices):
        TITLE = "title", "Title"
        ABSTRACT = "abstract", "Abstract"
        BODY = "body", "Body"
        CONCLUSION = "conclusion", "Conclusion"
        REFERENCES = "references", "References"
        FOREIGN_ABSTRACT = "foreign_abstract", "Foreign-language abstract"

    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    heading = models.CharField(max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BODY)
    language = models.CharField(max_length=8, default="en")
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="offset of the text in the reading's cleaned text")
    end = models.PositiveIntegerField()
    hidden_from_students = models.BooleanField(
        default=False,
        help_text="kept out of the students' reading page; a foreign-language abstract starts hidden (it is often OCR-damaged)",
    )

    class Meta:
        ordering = ["reading", "order"]
        constraints = [
            models.UniqueConstraint(fields=["reading", "order"], name="section_unique_order"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="section_offsets_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.reading.title} §{self.order} {self.heading}"


class Citation(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="citations")
    authors = models.CharField(max_length=300)
    year = models.PositiveIntegerField(null=True, blank=True)
    as_cited = models.CharField(max_length=400)
    start = models.PositiveIntegerField(default=0, help_text="offset in the section text")

    class Meta:
        ordering = ["section", "start"]


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    opens_at = models.DateTimeField(null=True, blank=True)
    reading = models.ForeignKey(Reading, on_delete=models.SET_NULL, null=True, blank=True, related_name="modules")

    class Meta:
        ordering = ["course", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    # The lesson's own copy: instructors edit it without ever touching the reading.
    body = models.TextField(help_text="paragraphs separated by blank lines")
    summary = models.TextField(blank=True)
    key_terms = models.JSONField(default=list, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(default=1)
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["module", "order", "id"]

    def __str__(self) -> str:
        return self.title


class LessonCompletion(models.Model):
    """A student marked a lesson as done (once; undoing it deletes the row)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completion_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} done {self.lesson_id}"


class StagedUpload(models.Model):
    """Uploaded bytes waiting between a preview and its confirmation.

    In the database, not on a host's disk, so the confirmation may land on any host behind the
    load balancer (hosts keep no state of their own). Used once, then deleted; rows past
    ``expires_at`` are deleted by the next staging.
    """

    token = models.CharField(max_length=32, unique=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Serves the clean-up's "expires_at < now" delete.
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"staged upload {self.token[:8]}… ({len(self.data)} bytes)"
