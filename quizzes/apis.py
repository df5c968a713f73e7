"""REST endpoints for quizzes: taking them (start, answer, submit, poll), progress and practice,
question banks and review, gradebooks and item statistics.

Each class is one operation: validate input -> call a service or selector -> serialize output.
Every object comes from a ``*_get_for_user`` selector (404 for anything the caller may not see);
the rules themselves (deadlines, idempotent submit, answer shapes, review policy) live in the
services and selectors, never here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiListView, ApiView, AttemptStartThrottle, IdFilter
from config.api_errors import Conflict, ErrorSerializer, register_domain_error
from courseware.selectors import course_get_for_instructor, course_get_for_user
from quizzes.models import Attempt, Quiz
from quizzes.selectors_attempts import (
    attempt_get_for_user,
    attempt_list_for_user,
    attempt_questions,
    attempt_result_for_user,
    attempt_review_level,
    quiz_get_for_user,
    quiz_list_for_user,
)
from quizzes.selectors_gradebook import gradebook_csv, gradebook_for_course, quiz_item_statistics, student_detail_for_course
from quizzes.selectors_progress import progress_for_user
from quizzes.serializers import AnswerField, AttemptQuestionSerializer, PublicStateField, ResultItemSerializer
from quizzes.services.attempts import (
    AnswerRejected,
    AttemptError,
    UnknownQuestion,
    attempt_start,
    attempt_submit,
    response_save,
)
from quizzes.services.progress import PRACTICE_SIZE, practice_due_facts, practice_quiz_build

# The attempt rules answer "not now" (closed, no attempts left, already submitted, past the
# deadline) with 409; a malformed answer is the client's mistake (400); a question that is
# not in the attempt is simply not there (404).
register_domain_error(AttemptError, status.HTTP_409_CONFLICT)
register_domain_error(AnswerRejected, status.HTTP_400_BAD_REQUEST)
register_domain_error(UnknownQuestion, status.HTTP_404_NOT_FOUND)

NOTHING_DUE = "Nothing is due for practice right now."
PRACTICE_LIST_LIMIT = 200

CONFLICT = OpenApiResponse(ErrorSerializer, description="The attempt's rules refuse this now (closed, submitted, past the deadline ...).")


# --- quizzes -------------------------------------------------------------------------------------


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
            "owner",
            "created_at",
        ]
        read_only_fields = fields


class QuizFilter(filters.FilterSet):
    course = IdFilter("module__course_id")
    module = IdFilter("module_id")
    is_practice = filters.BooleanFilter()
    is_published = filters.BooleanFilter()


class QuizListApi(ApiListView):
    """Quizzes the caller may take (students) or manage (instructors of the course, admins)."""

    serializer_class = QuizOutputSerializer
    filterset_class = QuizFilter
    ordering_fields = ["title", "opens_at", "closes_at", "created_at", "id"]
    queryset = Quiz.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Quiz]:
        return quiz_list_for_user(user=self.request.user)


class QuizDetailApi(ApiView):
    @extend_schema(responses=QuizOutputSerializer)
    def get(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_user(user=request.user, quiz_id=quiz_id)
        return Response(QuizOutputSerializer(quiz).data)


# --- attempts ------------------------------------------------------------------------------------


class AttemptOutputSerializer(serializers.Serializer):
    """An attempt as its reader may see it.

    While in progress: the questions (no key, no correctness, no explanation) and the deadline.
    Once submitted: ``items`` and the score, each filled only as far as the quiz's review
    policy allows for this reader (course staff see everything).
    """

    id = serializers.IntegerField()
    quiz = serializers.IntegerField()
    user = serializers.IntegerField()
    number = serializers.IntegerField()
    state = PublicStateField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True, help_text="answers are refused from this moment; null = no time limit")
    submitted_at = serializers.DateTimeField(allow_null=True)
    auto_submitted = serializers.BooleanField()
    graded_at = serializers.DateTimeField(allow_null=True)
    review_level = serializers.IntegerField(help_text="0 nothing, 1 score, 2 right/wrong, 3 correct answers, 4 feedback")
    score = serializers.FloatField(allow_null=True)
    max_score = serializers.FloatField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    questions = AttemptQuestionSerializer(many=True, help_text="while in progress: the questions to answer")
    items = ResultItemSerializer(many=True, help_text="after submission: what the review policy shows")


def attempt_output(*, attempt: Attempt, user: Any) -> dict[str, Any]:
    result = attempt_result_for_user(user=user, attempt=attempt)
    in_progress = attempt.state == Attempt.State.IN_PROGRESS
    data = {
        "id": attempt.pk,
        "quiz": attempt.quiz_id,
        "user": attempt.user_id,
        "number": attempt.number,
        "state": attempt.state,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "auto_submitted": attempt.auto_submitted,
        "graded_at": attempt.graded_at if result.graded else None,
        "review_level": result.level,
        "score": result.score,
        "max_score": result.max_score,
        "percent": result.percent,
        "passed": result.passed,
        "questions": [asdict(q) for q in attempt_questions(attempt=attempt)] if in_progress else [],
        "items": [asdict(item) for item in result.items],
    }
    return dict(AttemptOutputSerializer(data).data)


class AttemptStartApi(ApiView):
    """Start an attempt (or get back the one already in progress: a replayed start is harmless)."""

    throttle_classes = [AttemptStartThrottle]

    @extend_schema(
        request=None,
        responses={
            201: AttemptOutputSerializer,
            409: CONFLICT,
            429: OpenApiResponse(ErrorSerializer, description="Too many starts; wait and retry."),
        },
    )
    def post(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_user(user=request.user, quiz_id=quiz_id)
        attempt = attempt_start(quiz=quiz, user=request.user)
        return Response(attempt_output(attempt=attempt, user=request.user), status=status.HTTP_201_CREATED)


class AttemptFilter(filters.FilterSet):
    quiz = IdFilter("quiz_id")
    state = filters.ChoiceFilter(choices=Attempt.State.choices)


class AttemptListApi(ApiListView):
    """The caller's own attempts, newest first; scores only where the review policy shows them."""

    class OutputSerializer(serializers.ModelSerializer):
        state = PublicStateField()
        score = serializers.SerializerMethodField()
        max_score = serializers.SerializerMethodField()

        class Meta:
            model = Attempt
            fields = ["id", "quiz", "number", "state", "started_at", "deadline", "submitted_at", "graded_at", "score", "max_score"]
            read_only_fields = fields

        def _shows_score(self, attempt: Attempt) -> bool:
            user = self.context["request"].user
            return attempt.state == Attempt.State.GRADED and attempt_review_level(user=user, attempt=attempt) >= Quiz.Review.SCORE

        def get_score(self, attempt: Attempt) -> float | None:
            return float(attempt.score) if self._shows_score(attempt) and attempt.score is not None else None

        def get_max_score(self, attempt: Attempt) -> float | None:
            return float(attempt.max_score) if self._shows_score(attempt) else None

    serializer_class = OutputSerializer
    filterset_class = AttemptFilter
    ordering_fields = ["started_at", "submitted_at", "id"]
    queryset = Attempt.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Attempt]:
        return attempt_list_for_user(user=self.request.user)


class AttemptDetailApi(ApiView):
    """Poll an attempt: state, and once graded the score and what the review policy allows."""

    @extend_schema(responses=AttemptOutputSerializer)
    def get(self, request: Request, attempt_id: int) -> Response:
        attempt = attempt_get_for_user(user=request.user, attempt_id=attempt_id)
        return Response(attempt_output(attempt=attempt, user=request.user))


class AttemptSubmitApi(ApiView):
    """Submit: 202 while a worker grades it. Repeating it returns the same submission."""

    @extend_schema(request=None, responses={202: AttemptOutputSerializer, 409: CONFLICT})
    def post(self, request: Request, attempt_id: int) -> Response:
        attempt = attempt_get_for_user(user=request.user, attempt_id=attempt_id)
        attempt = attempt_submit(attempt=attempt, user=request.user)
        return Response(attempt_output(attempt=attempt, user=request.user), status=status.HTTP_202_ACCEPTED)


class AttemptResponseListApi(ApiView):
    """The attempt's questions in this student's order with the answers saved so far (no key)."""

    @extend_schema(responses=AttemptQuestionSerializer(many=True))
    def get(self, request: Request, attempt_id: int) -> Response:
        attempt = attempt_get_for_user(user=request.user, attempt_id=attempt_id)
        return Response(AttemptQuestionSerializer(attempt_questions(attempt=attempt), many=True).data)


class ResponseSaveApi(ApiView):
    """Save one answer (autosave). Saving the same answer again is harmless."""

    class InputSerializer(serializers.Serializer):
        answer = AnswerField(allow_null=True)

    class OutputSerializer(serializers.Serializer):
        question_id = serializers.IntegerField()
        answer = AnswerField(allow_null=True, help_text="the answer as stored (canonical form)")
        saved_at = serializers.DateTimeField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, 409: CONFLICT})
    def put(self, request: Request, attempt_id: int, question_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attempt = attempt_get_for_user(user=request.user, attempt_id=attempt_id)
        saved = response_save(attempt=attempt, user=request.user, question_id=question_id, answer=serializer.validated_data["answer"])
        return Response(self.OutputSerializer({"question_id": saved.question_id, "answer": saved.answer, "saved_at": saved.saved_at}).data)


# --- a student's own progress and practice ------------------------------------------------------------


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

    @extend_schema(request=InputSerializer, responses={201: QuizOutputSerializer, 409: CONFLICT})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = course_get_for_user(user=request.user, course_id=serializer.validated_data["course"])
        quiz = practice_quiz_build(user=request.user, course=course, size=serializer.validated_data["size"])
        if quiz is None:
            raise Conflict(NOTHING_DUE, code="nothing_due")
        return Response(QuizOutputSerializer(quiz).data, status=status.HTTP_201_CREATED)


# --- instructors: gradebook, item statistics, a student's detail ----------------------------------------


class GradebookApi(ApiView):
    """Students x quizzes of a course, the quiz's grading method applied (instructors of the course)."""

    class OutputSerializer(serializers.Serializer):
        course = serializers.IntegerField(source="course.pk")
        quizzes = inline_serializer(
            "GradebookQuiz",
            fields={
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "grading_method": serializers.CharField(),
                "pass_mark": serializers.DecimalField(max_digits=5, decimal_places=2),
            },
            many=True,
        )
        rows = inline_serializer(
            "GradebookRow",
            fields={
                "student": inline_serializer(
                    "GradebookStudent",
                    fields={
                        "id": serializers.IntegerField(),
                        "username": serializers.CharField(),
                        "name": serializers.CharField(source="get_full_name"),
                    },
                ),
                "cells": inline_serializer(
                    "GradebookCell",
                    fields={
                        "grade": serializers.FloatField(allow_null=True, help_text="percent; null = nothing graded yet"),
                        "attempts": serializers.IntegerField(),
                        "pending": serializers.IntegerField(help_text="submitted, not graded yet"),
                        "passed": serializers.BooleanField(allow_null=True),
                    },
                    many=True,
                ),
            },
            many=True,
        )

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, course_id: int) -> Response:
        course = course_get_for_instructor(user=request.user, course_id=course_id)
        return Response(self.OutputSerializer(gradebook_for_course(course=course)).data)


class GradebookCsvApi(ApiView):
    """The gradebook as CSV, one row per student and one column per quiz."""

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, course_id: int) -> HttpResponse:
        course = course_get_for_instructor(user=request.user, course_id=course_id)
        response = HttpResponse(gradebook_csv(course=course), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="gradebook-{course.slug}.csv"'
        return response


class StudentDetailApi(ApiView):
    """One student's attempts, quiz grades and mastery in a course (instructors of the course)."""

    class OutputSerializer(serializers.Serializer):
        student = inline_serializer(
            "StudentDetailStudent",
            fields={
                "id": serializers.IntegerField(),
                "username": serializers.CharField(),
                "name": serializers.CharField(source="get_full_name"),
            },
        )
        attempts = AttemptListApi.OutputSerializer(many=True)
        grades = serializers.DictField(child=serializers.FloatField(allow_null=True), help_text="quiz id -> grade (percent)")
        topics = inline_serializer(
            "StudentTopicMastery",
            fields={"topic": serializers.CharField(), "answered": serializers.IntegerField(), "mastery": serializers.FloatField()},
            many=True,
        )
        facts_scheduled = serializers.IntegerField()
        facts_due = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, course_id: int, student_id: int) -> Response:
        course = course_get_for_instructor(user=request.user, course_id=course_id)
        detail = student_detail_for_course(course=course, student_id=student_id)
        return Response(self.OutputSerializer(detail, context={"request": request}).data)


class ItemStatisticsApi(ApiView):
    """Per question of a quiz: facility and discrimination indices (Moodle's definitions) and how
    often each option was chosen (instructors of the course)."""

    class OutputSerializer(serializers.Serializer):
        question_id = serializers.IntegerField()
        stem = serializers.CharField()
        type = serializers.CharField()
        attempts = serializers.IntegerField()
        answered = serializers.IntegerField()
        facility = serializers.FloatField(allow_null=True, help_text="percent")
        discrimination = serializers.FloatField(allow_null=True, help_text="percent")
        options = inline_serializer(
            "ItemOptionCount",
            fields={
                "option": serializers.CharField(),
                "text": serializers.CharField(),
                "count": serializers.IntegerField(),
                "is_correct": serializers.BooleanField(allow_null=True),
            },
            many=True,
        )

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_user(user=request.user, quiz_id=quiz_id)
        # Students can see the quiz but not its statistics: 404, as for any course they do not teach.
        course_get_for_instructor(user=request.user, course_id=quiz.module.course_id)
        return Response(self.OutputSerializer(quiz_item_statistics(quiz=quiz), many=True).data)
