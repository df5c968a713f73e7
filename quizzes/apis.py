"""REST endpoints for quizzes: taking them (start, answer, submit, poll), progress and practice,
question banks and review, gradebooks and item statistics.

Each class is one operation: validate input -> call a service or selector -> serialize output.
Every object comes from a ``*_get_for_user`` selector (404 for anything the caller may not see);
the rules themselves (deadlines, idempotent submit, answer shapes, review policy) live in the
services and selectors, never here.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiListView, ApiView, AttemptStartThrottle, IdFilter
from config.api_errors import Conflict, ErrorSerializer, register_domain_error
from courseware.permissions import is_instructor
from courseware.selectors import course_get_for_instructor, course_get_for_user, module_get_for_instructor, reading_get_for_user
from quizzes.interop import CONTENT_TYPES, FILE_EXTENSIONS
from quizzes.models import Attempt, Question, QuestionBank, QuestionType, Quiz
from quizzes.models import Response as ResponseRow
from quizzes.selectors import (
    bank_get_for_user,
    bank_list_for_user,
    bank_questions,
    bank_summary,
    question_get_for_user,
    question_versions,
)
from quizzes.selectors_attempts import (
    AttemptResult,
    attempt_get_for_user,
    attempt_list_for_user,
    attempt_questions,
    attempt_result_for_user,
    attempt_review_level,
    attempt_shows_score,
    quiz_get_for_instructor,
    quiz_get_for_user,
    quiz_list_for_user,
)
from quizzes.selectors_gradebook import gradebook_csv, gradebook_for_course, quiz_item_statistics, student_detail_for_course
from quizzes.selectors_progress import progress_for_user
from quizzes.selectors_teach import quiz_settings_for
from quizzes.serializers import AnswerField, AnswerKeyField, AttemptQuestionSerializer, PublicStateField, ResultItemSerializer
from quizzes.services.attempts import (
    AnswerRejected,
    AttemptError,
    UnknownQuestion,
    attempt_begin,
    attempt_submit,
    response_save,
)
from quizzes.services.banks import bank_copy_to_course, bank_create, bank_delete, bank_update
from quizzes.services.interop import EXPORT_FORMATS, IMPORT_FORMATS, questions_export, questions_import
from quizzes.services.progress import PRACTICE_SIZE, PracticeLimitReached, practice_due_facts, practice_quiz_build
from quizzes.services.quizzes import (
    TIME_LIMIT_MAX_SECONDS,
    SourceSpec,
    quiz_create,
    quiz_update,
)
from quizzes.services.review import (
    bank_approve_best,
    question_approve,
    question_create_manual,
    question_edit,
    question_retire,
    questions_bulk_approve,
)

# The attempt rules answer "not now" (closed, no attempts left, already submitted, past the
# deadline) with 409; a malformed answer is the client's mistake (400); a question that is
# not in the attempt is simply not there (404).
register_domain_error(AttemptError, status.HTTP_409_CONFLICT)
register_domain_error(AnswerRejected, status.HTTP_400_BAD_REQUEST)
register_domain_error(UnknownQuestion, status.HTTP_404_NOT_FOUND)
# Today's practice quizzes are used up: come back tomorrow.
register_domain_error(PracticeLimitReached, status.HTTP_429_TOO_MANY_REQUESTS)

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
            "anonymous_marking",
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


class EffectiveSettingsSerializer(serializers.Serializer):
    """The quiz's times and limits as they apply to the caller, their accommodation included."""

    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    time_limit_seconds = serializers.IntegerField(allow_null=True)
    attempts_allowed = serializers.IntegerField(allow_null=True)
    accommodated = serializers.SerializerMethodField()

    def get_accommodated(self, obj: Any) -> bool:
        return obj.accommodation is not None


class QuizDetailOutputSerializer(QuizOutputSerializer):
    your_settings = EffectiveSettingsSerializer(read_only=True, help_text="the caller's own times and limits (their accommodation)")

    class Meta(QuizOutputSerializer.Meta):
        fields = [*QuizOutputSerializer.Meta.fields, "your_settings"]


class QuizDetailApi(ApiView):
    @extend_schema(responses=QuizDetailOutputSerializer)
    def get(self, request: Request, quiz_id: int) -> Response:
        quiz = quiz_get_for_user(user=request.user, quiz_id=quiz_id)
        effective = quiz_settings_for(quiz=quiz, user=request.user)
        return Response({**QuizOutputSerializer(quiz).data, "your_settings": EffectiveSettingsSerializer(effective).data})


# --- attempts ------------------------------------------------------------------------------------


class AttemptOutputSerializer(serializers.Serializer):
    """An attempt as its reader may see it.

    While in progress: the questions (no key, no correctness, no explanation) and the deadline.
    Once graded: ``items`` and the score, each filled only as far as the quiz's review
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
    awaiting_marking = serializers.BooleanField(
        help_text="essays wait for their marks: score and passed stay null for the student until then"
    )
    automatic_score = serializers.FloatField(allow_null=True, help_text="while essays await marking: the automatically graded part's score")
    automatic_max_score = serializers.FloatField(allow_null=True)
    questions = AttemptQuestionSerializer(many=True, help_text="while in progress: the questions to answer")
    items = ResultItemSerializer(many=True, help_text="once graded: what the review policy shows (empty until then)")


def attempt_output(*, attempt: Attempt, user: Any, responses: list[ResponseRow] | None = None) -> dict[str, Any]:
    """``responses``: see ``attempt_questions`` (a start passes the rows it just created)."""
    if attempt.state == Attempt.State.GRADED:
        result = attempt_result_for_user(user=user, attempt=attempt)
    else:
        # In progress or waiting for its grade: no items yet, so the poll a client repeats
        # until the grade arrives reads the attempt row and nothing else.
        result = AttemptResult(
            attempt_id=attempt.pk, state=attempt.state, level=attempt_review_level(user=user, attempt=attempt), graded=False
        )
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
        "awaiting_marking": result.awaiting_marking,
        "automatic_score": result.automatic_score,
        "automatic_max_score": result.automatic_max_score,
        "questions": [asdict(q) for q in attempt_questions(attempt=attempt, responses=responses)] if in_progress else [],
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
        started = attempt_begin(quiz=quiz, user=request.user)
        output = attempt_output(attempt=started.attempt, user=request.user, responses=started.responses)
        return Response(output, status=status.HTTP_201_CREATED)


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
            return attempt_shows_score(user=user, attempt=attempt)

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
        # The service's own locked read is the permission-checked fetch (the student's own attempt).
        saved = response_save(attempt_id=attempt_id, user=request.user, question_id=question_id, answer=serializer.validated_data["answer"])
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
                        "awaiting_marking": serializers.IntegerField(
                            help_text="graded automatically, its essays not all marked and released yet (not in the grade until then)"
                        ),
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
        number = serializers.IntegerField(help_text="the question's number as students saw it (by mean position)")
        position_varies = serializers.BooleanField(help_text="students saw it at different numbers (shuffled or drawn)")
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


# --- instructors: question banks and review ---------------------------------------------------------------


class IsInstructor(BasePermission):
    """Banks hold answer keys: only instructors and admins may even ask (403 for students,
    whatever the id, which reveals nothing); which bank is decided by bank_get_for_user."""

    message = "Only instructors and admins work with question banks."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_instructor(request.user)


class InteropIssueSerializer(serializers.Serializer):
    line = serializers.IntegerField(required=False, help_text="line of the file, where known")
    question = serializers.CharField(required=False, help_text="the question's title or name, where known")
    reason = serializers.CharField()


class BankOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionBank
        fields = ["id", "name", "course", "reading", "owner", "created_at"]
        read_only_fields = fields


class BankFilter(filters.FilterSet):
    course = IdFilter("course_id")
    reading = IdFilter("reading_id")


class BankListApi(ApiListView):
    permission_classes = [IsAuthenticated, IsInstructor]
    serializer_class = BankOutputSerializer
    filterset_class = BankFilter
    ordering_fields = ["name", "created_at", "id"]
    queryset = QuestionBank.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[QuestionBank]:
        return bank_list_for_user(user=self.request.user).order_by("name")


class BankDetailApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    class OutputSerializer(BankOutputSerializer):
        summary = serializers.DictField(
            child=serializers.DictField(child=serializers.IntegerField()),
            help_text="counts of current questions by status, type and topic",
        )

        class Meta(BankOutputSerializer.Meta):
            fields = [*BankOutputSerializer.Meta.fields, "summary"]
            read_only_fields = fields

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, bank_id: int) -> Response:
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        bank.summary = bank_summary(bank=bank)  # type: ignore[attr-defined]
        return Response(self.OutputSerializer(bank).data)


class BankCreateApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        course = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_ID)
        reading = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_ID)

    @extend_schema(request=InputSerializer, responses={201: BankOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        course = course_get_for_instructor(user=request.user, course_id=data["course"]) if data.get("course") is not None else None
        reading = reading_get_for_user(user=request.user, reading_id=data["reading"]) if data.get("reading") is not None else None
        bank = bank_create(user=request.user, name=data["name"], course=course, reading=reading)
        return Response(BankOutputSerializer(bank).data, status=status.HTTP_201_CREATED)


class BankUpdateApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)

    @extend_schema(request=InputSerializer, responses=BankOutputSerializer)
    def post(self, request: Request, bank_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        bank = bank_update(bank=bank, user=request.user, name=serializer.validated_data["name"])
        return Response(BankOutputSerializer(bank).data)


class BankDeleteApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, bank_id: int) -> Response:
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        bank_delete(bank=bank, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BankCopyApi(ApiView):
    """Copy a bank you may read (a shared reading bank, say) into a course you teach, to change
    it there: shared banks are read-only. Current, not retired questions are copied with their status."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(serializers.Serializer):
        course = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="the course the copy belongs to")
        name = serializers.CharField(max_length=200, required=False, default="", help_text="default: the bank's name and the course")

    @extend_schema(request=InputSerializer, responses={201: BankOutputSerializer})
    def post(self, request: Request, bank_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        course = course_get_for_instructor(user=request.user, course_id=data["course"])
        copy = bank_copy_to_course(bank=bank, course=course, user=request.user, name=data["name"])
        return Response(BankOutputSerializer(copy).data, status=status.HTTP_201_CREATED)


class QuestionOutputSerializer(serializers.ModelSerializer):
    """A question as its reviewers see it: key, explanation and source included (instructors only)."""

    choices = serializers.JSONField(help_text="shape depends on the type; see quizzes.questiontypes")
    answer = AnswerKeyField(help_text="the answer key; shape depends on the type")
    quality = serializers.FloatField(allow_null=True, help_text="0..1, higher is better: the generator's ranking; null if unscored")
    quality_notes = serializers.ListField(child=serializers.CharField(), help_text="why the generator kept the question")
    key_terms = serializers.ListField(
        child=serializers.CharField(), help_text="the key's texts (accepted answers, correct options ...), derived from the key"
    )
    exclusion_group = serializers.CharField(
        help_text="questions that give each other away share a group: a quiz draws at most one; empty = no group"
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "bank",
            "root",
            "version",
            "is_current",
            "type",
            "title",
            "stem",
            "choices",
            "answer",
            "explanation",
            "topic",
            "difficulty",
            "points",
            "status",
            "origin",
            "is_edited",
            "exclusion_group",
            "quality",
            "quality_notes",
            "key_terms",
            "fact",
            "source_section",
            "source_passage",
            "source_start",
            "source_end",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class QuestionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Question.Status.choices)
    type = filters.ChoiceFilter(choices=QuestionType.choices)
    topic = filters.CharFilter()


class BankQuestionOutputSerializer(QuestionOutputSerializer):
    group_size = serializers.IntegerField(help_text="current, non-retired questions of its exclusion group (1 without a group)")
    is_group_best = serializers.BooleanField(
        help_text="the question of its group a bank-wide approval keeps (highest quality); true without a group"
    )

    class Meta(QuestionOutputSerializer.Meta):
        fields = [*QuestionOutputSerializer.Meta.fields, "group_size", "is_group_best"]
        read_only_fields = fields


class BankQuestionListApi(ApiListView):
    """Current versions of a bank's questions, best first (quality, then reading order); filter by
    status, type, topic; ``?ordering=`` sorts otherwise."""

    permission_classes = [IsAuthenticated, IsInstructor]
    serializer_class = BankQuestionOutputSerializer
    filterset_class = QuestionFilter
    ordering_fields = ["id", "difficulty", "topic", "status", "updated_at", "quality", "exclusion_group", "source_start"]
    queryset = Question.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Question]:
        bank = bank_get_for_user(user=self.request.user, bank_id=self.kwargs["bank_id"])
        return bank_questions(bank=bank)


class QuestionInputSerializer(serializers.Serializer):
    """A question's definition; ``choices`` and ``answer`` are checked against the type by the service."""

    type = serializers.ChoiceField(choices=QuestionType.choices)
    stem = serializers.CharField(max_length=5000)
    choices = serializers.JSONField(required=False, help_text="choices / items; {left, right} for matching")
    answer = AnswerKeyField(help_text="the answer key; shape depends on the type")
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    topic = serializers.CharField(required=False, allow_blank=True, max_length=60)
    difficulty = serializers.FloatField(required=False, min_value=0, max_value=1)
    points = serializers.DecimalField(required=False, max_digits=6, decimal_places=2, min_value=Decimal(0))
    status = serializers.ChoiceField(choices=Question.Status.choices, required=False)
    exclusion_group = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text="questions that give each other away share a group"
    )


class QuestionCreateApi(ApiView):
    """Write a question of any type into a bank."""

    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(request=QuestionInputSerializer, responses={201: QuestionOutputSerializer})
    def post(self, request: Request, bank_id: int) -> Response:
        serializer = QuestionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        question = question_create_manual(bank=bank, user=request.user, **serializer.validated_data)
        return Response(QuestionOutputSerializer(question).data, status=status.HTTP_201_CREATED)


class QuestionDetailApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(responses=QuestionOutputSerializer)
    def get(self, request: Request, question_id: int) -> Response:
        question = question_get_for_user(user=request.user, question_id=question_id)
        return Response(QuestionOutputSerializer(question).data)


class QuestionVersionsApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(responses=QuestionOutputSerializer(many=True))
    def get(self, request: Request, question_id: int) -> Response:
        question = question_get_for_user(user=request.user, question_id=question_id)
        return Response(QuestionOutputSerializer(question_versions(question=question), many=True).data)


class QuestionEditApi(ApiView):
    """Edit: a new version (a draft unless ``status`` is given); attempts keep the version they saw."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(QuestionInputSerializer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.required = False

    @extend_schema(request=InputSerializer, responses={201: QuestionOutputSerializer})
    def post(self, request: Request, question_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = question_get_for_user(user=request.user, question_id=question_id)
        new = question_edit(question=question, user=request.user, **serializer.validated_data)
        return Response(QuestionOutputSerializer(new).data, status=status.HTTP_201_CREATED)


class QuestionApproveApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(request=None, responses=QuestionOutputSerializer)
    def post(self, request: Request, question_id: int) -> Response:
        question = question_get_for_user(user=request.user, question_id=question_id)
        return Response(QuestionOutputSerializer(question_approve(question=question, user=request.user)).data)


class QuestionRetireApi(ApiView):
    permission_classes = [IsAuthenticated, IsInstructor]

    @extend_schema(request=None, responses=QuestionOutputSerializer)
    def post(self, request: Request, question_id: int) -> Response:
        question = question_get_for_user(user=request.user, question_id=question_id)
        return Response(QuestionOutputSerializer(question_retire(question=question, user=request.user)).data)


class BankBulkApproveApi(ApiView):
    """Approve a bank's drafts: the given questions, or without a list the whole bank, where only
    each exclusion group's best (highest quality) is approved, and none of a group that already
    has an approved question."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class InputSerializer(serializers.Serializer):
        questions = serializers.ListField(
            child=serializers.IntegerField(min_value=0, max_value=MAX_ID),
            max_length=1000,
            required=False,
            help_text="the drafts to approve, whatever their groups; omit to approve the bank's best of each group",
        )

    class OutputSerializer(serializers.Serializer):
        approved = serializers.IntegerField()
        held_back = serializers.IntegerField(help_text="drafts left as drafts: another question of their group was kept")

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request, bank_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        if "questions" in serializer.validated_data:
            questions = Question.objects.filter(bank=bank, pk__in=serializer.validated_data["questions"])
            result = {"approved": questions_bulk_approve(questions=questions, user=request.user), "held_back": 0}
        else:
            approval = bank_approve_best(bank=bank, user=request.user)
            result = {"approved": approval.approved, "held_back": approval.held_back}
        return Response(self.OutputSerializer(result).data)


class BankImportApi(ApiView):
    """Import a GIFT, Moodle XML or Aiken file into a bank as drafts for review.

    Valid questions are imported even when others in the file are refused; each refusal is
    reported with its line or question and the reason, and what did not map exactly is a note.
    A file that is not UTF-8 imports nothing and says so in ``errors``.
    """

    # No role check here: the bank fetch answers 404 for anyone who may not see the bank
    # (students see no bank at all), and the service refuses anyone who may not change it.
    parser_classes = [MultiPartParser]
    max_body_bytes = settings.READING_MAX_BYTES + 256 * 1024

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="the questions file (UTF-8)")
        format = serializers.ChoiceField(choices=IMPORT_FORMATS, help_text="gift, moodle-xml or aiken")

    class OutputSerializer(serializers.Serializer):
        imported = serializers.IntegerField(help_text="questions created, as drafts")
        notes = InteropIssueSerializer(many=True, help_text="imported, but not exactly")

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()
            # "errors" cannot be a class attribute: it would shadow Serializer.errors.
            fields["errors"] = InteropIssueSerializer(many=True, help_text="questions not imported, with the reason")
            return fields

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: OutputSerializer, 200: OutputSerializer})
    def post(self, request: Request, bank_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        data = serializer.validated_data
        report = questions_import(bank=bank, fmt=data["format"], data=data["file"].read(), user=request.user)
        # 201 when questions were created; 200 with the reasons when none were.
        return Response(
            self.OutputSerializer(report.as_dict()).data, status=status.HTTP_201_CREATED if report.imported else status.HTTP_200_OK
        )


class BankExportApi(ApiView):
    """A bank's current questions as a GIFT, Moodle XML, Aiken or JSON file (answer keys included)."""

    # Exports hold the answer keys: like the import, the bank fetch decides (404 for students
    # and for instructors of other courses), so the answer reveals nothing about ids.

    class QuerySerializer(serializers.Serializer):
        fmt = serializers.ChoiceField(choices=EXPORT_FORMATS, default="gift")

    @extend_schema(
        parameters=[OpenApiParameter("fmt", OpenApiTypes.STR, enum=list(EXPORT_FORMATS), default="gift", description="file format")],
        responses={
            (200, "text/plain"): OpenApiTypes.STR,
            (200, "application/xml"): OpenApiTypes.STR,
            (200, "application/json"): {"type": "array", "items": {"type": "object", "additionalProperties": {}}},
        },
    )
    def get(self, request: Request, bank_id: int) -> HttpResponse:
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        bank = bank_get_for_user(user=request.user, bank_id=bank_id)
        fmt = query.validated_data["fmt"]
        response = HttpResponse(questions_export(fmt=fmt, bank=bank), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="bank-{bank.pk}.{FILE_EXTENSIONS[fmt]}"'
        return response


# --- instructors: quiz authoring ------------------------------------------------------------------------------


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


def _sources(user: Any, raw: list[dict[str, Any]]) -> list[SourceSpec]:
    return [SourceSpec(bank=bank_get_for_user(user=user, bank_id=s["bank"]), count=s["count"], topic=s.get("topic", "")) for s in raw]


def _fixed(user: Any, ids: list[int]) -> list[Question]:
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
