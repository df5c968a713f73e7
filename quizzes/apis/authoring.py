"""Instructors: creating and updating quizzes, their settings and question sources."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiView
from courseware.permissions import RequestUser
from courseware.selectors import module_get_for_instructor
from quizzes.apis.base import IsInstructor, QuizOutputSerializer
from quizzes.models import Question, Quiz
from quizzes.selectors.attempts import (
    quiz_get_for_instructor,
)
from quizzes.selectors.banks import (
    bank_get_for_user,
    question_get_for_user,
)
from quizzes.services.quizzes import (
    TIME_LIMIT_MAX_SECONDS,
    SourceSpec,
    quiz_create,
    quiz_update,
)


class SourceInputSerializer(serializers.Serializer):
    bank = serializers.IntegerField(min_value=0, max_value=MAX_ID)
    count = serializers.IntegerField(min_value=1, max_value=500)
    topic = serializers.CharField(required=False, allow_blank=True, max_length=60, default="")


class QuizSettingsInputSerializer(serializers.Serializer):
    """Settings of a quiz; omitted fields keep their defaults (create) or values (update)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    shuffle_questions = serializers.BooleanField(required=False)
    shuffle_options = serializers.BooleanField(required=False)
    questions_per_page = serializers.IntegerField(required=False, min_value=0, max_value=500)
    time_limit_seconds = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=TIME_LIMIT_MAX_SECONDS)
    attempts_allowed = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1000)
    opens_at = serializers.DateTimeField(required=False, allow_null=True)
    closes_at = serializers.DateTimeField(required=False, allow_null=True)
    grading_method = serializers.ChoiceField(choices=Quiz.GradingMethod.choices, required=False)
    pass_mark = serializers.DecimalField(required=False, max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100))
    review_after_submit = serializers.ChoiceField(choices=Quiz.Review.choices, required=False)
    review_after_close = serializers.ChoiceField(choices=Quiz.Review.choices, required=False)
    is_published = serializers.BooleanField(required=False)
    anonymous_marking = serializers.BooleanField(required=False, help_text="the essay marking queue hides students' names")
    sources = SourceInputSerializer(many=True, required=False, help_text="draw `count` approved questions per attempt from each bank")
    fixed_questions = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_ID),
        required=False,
        max_length=500,
        help_text="approved question ids, in order",
    )


def _sources(user: RequestUser, raw: list[dict[str, Any]]) -> list[SourceSpec]:
    return [SourceSpec(bank=bank_get_for_user(user=user, bank_id=s["bank"]), count=s["count"], topic=s.get("topic", "")) for s in raw]


def _fixed(user: RequestUser, ids: list[int]) -> list[Question]:
    return [question_get_for_user(user=user, question_id=i) for i in ids]


class QuizCreateApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(QuizSettingsInputSerializer):
        module = serializers.IntegerField(min_value=0, max_value=MAX_ID)

    @extend_schema(request=InputSerializer, responses={201: QuizOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        module = module_get_for_instructor(user=request.user, module_id=data.pop("module"))
        sources = _sources(request.user, data.pop("sources", []))
        fixed = _fixed(request.user, data.pop("fixed_questions", []))
        quiz = quiz_create(module=module, owner=request.user, sources=sources, fixed_questions=fixed, **data)
        return Response(QuizOutputSerializer(quiz).data, status=status.HTTP_201_CREATED)


class QuizUpdateApi(ApiView):
    """Change a quiz's settings (and, when given, its sources or fixed questions)."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(QuizSettingsInputSerializer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["title"].required = False

    @extend_schema(request=InputSerializer, responses=QuizOutputSerializer)
    def post(self, request: Request, quiz_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
        sources = changes.pop("sources", None)
        fixed = changes.pop("fixed_questions", None)
        quiz = quiz_update(
            quiz=quiz,
            changes=changes,
            sources=None if sources is None else _sources(request.user, sources),
            fixed_questions=None if fixed is None else _fixed(request.user, fixed),
        )
        return Response(QuizOutputSerializer(quiz).data)
