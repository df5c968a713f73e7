"""API of essay marking: a quiz's marking queue, marking one essay response, releasing the marks.

Thin: validate input, call the same selectors and service as the pages, serialize. A mark given
by someone else since the client read the response's ``mark_version`` is refused with 409
(``MarkConflict``), never overwritten.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiView
from config.api_errors import ErrorSerializer, register_domain_error
from quizzes.apis.base import IsInstructor
from quizzes.selectors.attempts import quiz_get_for_instructor
from quizzes.selectors.marking import essay_response_get_for_marker, marking_queue
from quizzes.services.marking import MarkConflict, MarkInput, essay_mark, essay_marks_release

register_domain_error(MarkConflict, status.HTTP_409_CONFLICT)

MARK_CONFLICT = OpenApiResponse(ErrorSerializer, description="Someone else marked the response since mark_version was read; nothing saved.")


class QueueRowSerializer(serializers.Serializer):
    response_id = serializers.IntegerField()
    attempt_id = serializers.IntegerField()
    position = serializers.IntegerField()
    student = serializers.CharField(help_text="the student's name, or an anonymous label when the quiz marks anonymously")
    question = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    marked = serializers.BooleanField()
    released = serializers.BooleanField()
    points = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True)
    max_points = serializers.DecimalField(max_digits=6, decimal_places=2)
    mark_version = serializers.IntegerField(help_text="send it back when marking: a mark given meanwhile makes the mark fail with 409")
    attachment_kind = serializers.CharField(
        allow_blank=True, help_text="the kind of file the student attached (pdf, docx, ...); empty: none"
    )
    attachment_url = serializers.SerializerMethodField(help_text="where to download it (a neutral file name, whoever wrote it); null: none")

    def get_attachment_url(self, row: dict[str, Any]) -> str | None:
        return reverse("api-response-file-download", args=[row["response_id"]]) if row["attachment_kind"] else None


class MarkingQueueApi(ApiView):
    """The quiz's essay responses: to mark first (oldest submission first), then held back, then released."""

    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(responses=QueueRowSerializer(many=True))
    def get(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
        return Response(QueueRowSerializer([asdict(r) for r in marking_queue(quiz=quiz)], many=True).data)


class EssayMarkApi(ApiView):
    """Mark (or re-mark) one essay response. With a rubric on the question, send ``rubric``
    (criterion id -> level id) and the points follow from it; otherwise send ``points``."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(serializers.Serializer):
        points = serializers.DecimalField(max_digits=8, decimal_places=3, required=False, allow_null=True, default=None)
        rubric = serializers.DictField(child=serializers.CharField(max_length=64), required=False, default=dict)
        comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
        version = serializers.IntegerField(min_value=0, help_text="the mark_version read with the response")
        release = serializers.BooleanField(default=True, help_text="the student sees the mark now")

    class OutputSerializer(serializers.Serializer):
        response_id = serializers.IntegerField(source="pk")
        points = serializers.DecimalField(max_digits=8, decimal_places=3)
        comment = serializers.CharField(source="override_comment")
        mark_version = serializers.IntegerField()
        released = serializers.BooleanField(source="mark_released")

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, 409: MARK_CONFLICT})
    def post(self, request: Request, response_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        response = essay_response_get_for_marker(user=request.user, response_id=response_id)
        mark = MarkInput(
            points=data["points"], comment=data["comment"], rubric=data["rubric"], version=data["version"], release=data["release"]
        )
        saved = essay_mark(response=response, by=request.user, mark=mark)
        return Response(self.OutputSerializer(saved).data)


class MarkingReleaseApi(ApiView):
    """Release every mark of the quiz's essays held back so far."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class OutputSerializer(serializers.Serializer):
        released = serializers.IntegerField()

    @extend_schema(request=None, responses=OutputSerializer)
    def post(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
        return Response({"released": essay_marks_release(quiz=quiz, by=request.user)})
