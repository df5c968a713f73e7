"""Files that belong to a question version (the images its text shows), and the file a student
attaches to an essay (``ResponseFile``).

A question's HTML refers to its files as Moodle does, ``@@PLUGINFILE@@/<name>``, and the
reference is turned into the serving URL only when the text is shown (``quizzes.media``), so the
stored text and an exported Moodle XML file say the same thing. Each version has its own rows
(an edit copies them), so an attempt's version keeps its images whatever later edits do; the
copies point at the same stored blob.
"""

from __future__ import annotations

import secrets

from django.db import models

from quizzes.models.attempts import Response
from quizzes.models.banks import Question


def question_file_path(instance: QuestionFile, filename: str) -> str:
    """Where the blob goes: a random name, so a storage listing or a guessed path reveals nothing
    about the question, and never the uploaded name (which could hold anything)."""
    return f"question-files/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


class QuestionFile(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255, help_text="as the text refers to it: @@PLUGINFILE@@/<name>")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=question_file_path, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "name"]
        constraints = [
            # One file per name in a version: the name is what the text points at (and serves the lookup by name).
            models.UniqueConstraint(fields=["question", "name"], name="question_file_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (question {self.question_id})"


def response_file_path(instance: ResponseFile, filename: str) -> str:
    """A random name, as for question files: never the student's file name (which may hold
    their own name, or anything else)."""
    return f"response-files/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


class ResponseFile(models.Model):
    """The file a student attached to an essay response: one per response (a new upload replaces
    it). Served only as a download, to the student and to the quiz's markers
    (``quizzes.selectors.files.response_file_get_for_user``)."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="attachment")
    name = models.CharField(max_length=255, help_text="the student's name for the file; shown to them, never to markers")
    kind = models.CharField(max_length=10, help_text="quizzes.attachments.CONTENT_TYPES key, judged by the content")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=response_file_path, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} file of response {self.response_id}"
