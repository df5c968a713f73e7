"""What the quizzes endpoints share: the instructor permission, the 409 response they document, the quiz
as every area returns it, and the HTTP statuses of the attempt rules' domain errors.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from config.api_errors import ErrorSerializer, register_domain_error
from courseware.permissions import is_instructor
from quizzes.models import Quiz
from quizzes.services.attachments import AttachmentNotAccepted
from quizzes.services.attempt_rules import AnswerRejected, AttemptError, UnknownQuestion
from quizzes.services.practice import PracticeLimitReached

# The attempt rules answer "not now" (closed, no attempts left, already submitted, past the
# deadline) with 409; a malformed answer is the client's mistake (400); a question that is
# not in the attempt is simply not there (404).
register_domain_error(AttemptError, status.HTTP_409_CONFLICT)
register_domain_error(AnswerRejected, status.HTTP_400_BAD_REQUEST)
register_domain_error(UnknownQuestion, status.HTTP_404_NOT_FOUND)
# A file the essay does not take (or no attachments at all): the client's to change (400).
register_domain_error(AttachmentNotAccepted, status.HTTP_400_BAD_REQUEST)
# Today's practice quizzes are used up: come back tomorrow.
register_domain_error(PracticeLimitReached, status.HTTP_429_TOO_MANY_REQUESTS)


CONFLICT = OpenApiResponse(ErrorSerializer, description="The attempt's rules refuse this now (closed, submitted, past the deadline ...).")


class QuizOutputSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="module.course_id", read_only=True)

    class Meta:
        model = Quiz
        fields = [
            "id",
            "course",
            "module",
            "title",
            "description",
            "time_limit_seconds",
            "attempts_allowed",
            "opens_at",
            "closes_at",
            "grading_method",
            "pass_mark",
            "questions_per_page",
            "shuffle_questions",
            "shuffle_options",
            "review_after_submit",
            "review_after_close",
            "is_published",
            "is_practice",
            "anonymous_marking",
            "owner",
            "created_at",
        ]
        read_only_fields = fields


class IsInstructor(BasePermission):
    """Banks hold answer keys: only instructors and admins may even ask (403 for students,
    whatever the id, which reveals nothing); which bank is decided by bank_get_for_user."""

    message = "Only instructors and admins work with question banks."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_instructor(request.user)
