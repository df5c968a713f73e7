"""API of the teaching workflow (issue 17): flagging a question during an attempt.

Thin: validate input, call the same service as the page, serialize. Domain errors map to HTTP
statuses through the registrations in ``quizzes.apis`` (AttemptError -> 409, UnknownQuestion -> 404).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiView
from quizzes.apis.base import CONFLICT
from quizzes.services.flags import response_flag


class ResponseFlagApi(ApiView):
    """Flag a question of the caller's attempt in progress to come back to it later (or clear the flag)."""

    class InputSerializer(serializers.Serializer):
        flagged = serializers.BooleanField()

    class OutputSerializer(serializers.Serializer):
        question_id = serializers.IntegerField()
        flagged = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, 409: CONFLICT})
    def put(self, request: Request, attempt_id: int, question_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = response_flag(
            attempt_id=attempt_id, user=request.user, question_id=question_id, flagged=serializer.validated_data["flagged"]
        )
        return Response(self.OutputSerializer({"question_id": saved.question_id, "flagged": saved.flagged}).data)
