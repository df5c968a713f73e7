"""A student's own progress and spaced practice."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiView
from config.api_errors import Conflict, ErrorSerializer
from courseware.selectors import course_get_for_user
from quizzes.apis.base import CONFLICT, QuizOutputSerializer
from quizzes.selectors.progress import progress_for_user
from quizzes.services.practice import PRACTICE_SIZE, practice_due_facts, practice_quiz_build

NOTHING_DUE = "Nothing is due for practice right now."
PRACTICE_LIST_LIMIT = 200


class MyProgressApi(ApiView):
    """The caller's own mastery by topic and where their practice schedule stands."""

    class OutputSerializer(serializers.Serializer):
        topics = inline_serializer(
            "TopicMastery",
            fields={
                "topic": serializers.CharField(),
                "answered": serializers.IntegerField(),
                "mastery": serializers.FloatField(help_text="0..1, recency-weighted"),
                "updated_at": serializers.DateTimeField(),
            },
            many=True,
        )
        attempts_started = serializers.IntegerField()
        attempts_graded = serializers.IntegerField()
        facts_scheduled = serializers.IntegerField()
        facts_due = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(progress_for_user(user=request.user)).data)


class MyPracticeApi(ApiView):
    """The caller's practice schedule: facts due now, soonest first (never the fact's value,
    which is the answer to the questions about it)."""

    class OutputSerializer(serializers.Serializer):
        fact = serializers.IntegerField(source="fact_id")
        kind = serializers.CharField(source="fact.kind")
        topic = serializers.CharField(source="fact.topic")
        reading = serializers.IntegerField(source="fact.reading_id")
        due = serializers.DateTimeField()
        answered = serializers.IntegerField()
        times_correct = serializers.IntegerField(source="correct", help_text="times answered fully right so far")
        mastery = serializers.FloatField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        due = practice_due_facts(user=request.user, limit=PRACTICE_LIST_LIMIT)
        return Response(self.OutputSerializer(due, many=True).data)


class PracticeQuizBuildApi(ApiView):
    """Build a personal practice quiz in a course from the facts due now; start it like any quiz."""

    class InputSerializer(serializers.Serializer):
        course = serializers.IntegerField()
        size = serializers.IntegerField(required=False, min_value=1, max_value=50, default=PRACTICE_SIZE)

    @extend_schema(
        request=InputSerializer,
        responses={
            201: QuizOutputSerializer,
            409: CONFLICT,
            429: OpenApiResponse(ErrorSerializer, description="Today's practice quizzes in this course are used up."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = course_get_for_user(user=request.user, course_id=serializer.validated_data["course"])
        quiz = practice_quiz_build(user=request.user, course=course, size=serializer.validated_data["size"])
        if quiz is None:
            raise Conflict(NOTHING_DUE, code="nothing_due")
        return Response(QuizOutputSerializer(quiz).data, status=status.HTTP_201_CREATED)
