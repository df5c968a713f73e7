"""Taking a quiz through the API: list and read quizzes, start an attempt, save answers, submit, poll."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiListView, ApiView, AttemptStartThrottle, IdFilter
from config.api_errors import ErrorSerializer
from courseware.permissions import RequestUser
from quizzes.apis.base import CONFLICT, QuizOutputSerializer
from quizzes.attachments import download_response
from quizzes.models import Attempt, Quiz
from quizzes.models import Response as ResponseRow
from quizzes.selectors.attempts import (
    AttemptResult,
    attempt_get_for_user,
    attempt_list_for_user,
    attempt_questions,
    attempt_result_for_user,
    attempt_review_level,
    attempt_shows_score,
    quiz_get_for_user,
    quiz_list_for_user,
)
from quizzes.selectors.files import response_file_get_for_user
from quizzes.selectors.teach import quiz_settings_for
from quizzes.serializers import (
    AnswerField,
    AttemptQuestionSerializer,
    PublicStateField,
    ResultItemSerializer,
    attempt_questions_data,
    public_state,
    result_items_data,
)
from quizzes.services.attachments import response_file_attach, response_file_remove
from quizzes.services.attempts import attempt_begin, attempt_submit, response_save


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


def attempt_head(*, attempt: Attempt, result: AttemptResult) -> dict[str, Any]:
    """The attempt's own fields as ``AttemptOutputSerializer`` takes them, questions and items empty."""
    return {
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
        # Filled by attempt_output, without the serializer's machinery.
        "questions": [],
        "items": [],
    }


def attempt_head_data(data: dict[str, Any]) -> dict[str, Any]:
    """What ``AttemptOutputSerializer(data).data`` gives, built directly (questions and items
    empty: ``attempt_output`` fills them). The serializer deep-copied its twenty fields and built
    each value through one for every start, submit and poll: a fifth of a submit's CPU in-process
    (cProfile). The serializer stays the schema; a test holds the two to the same output."""

    def when(value: Any) -> Any:
        return None if value is None else _DATETIME.to_representation(value)

    # The other fields are output as they are given; only the state and the times are converted.
    return {
        **data,
        "state": public_state(data["state"]),
        "started_at": when(data["started_at"]),
        "deadline": when(data["deadline"]),
        "submitted_at": when(data["submitted_at"]),
        "graded_at": when(data["graded_at"]),
        "questions": [],
        "items": [],
    }


def attempt_output(*, attempt: Attempt, user: RequestUser, responses: list[ResponseRow] | None = None) -> dict[str, Any]:
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
    data = attempt_head(attempt=attempt, result=result)
    output = attempt_head_data(data)
    output["items"] = result_items_data(result.items)
    if in_progress:
        output["questions"] = attempt_questions_data(attempt_questions(attempt=attempt, responses=responses))
    return output


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
        return Response(attempt_questions_data(attempt_questions(attempt=attempt)))


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
        # The service's own read is the permission-checked fetch (the student's own attempt).
        saved = response_save(attempt_id=attempt_id, user=request.user, question_id=question_id, answer=self._answer(request.data))
        return Response({"question_id": saved.question_id, "answer": saved.answer, "saved_at": _DATETIME.to_representation(saved.saved_at)})  # type: ignore[arg-type]  # set by the save

    def _answer(self, data: Any) -> Any:
        """The body's answer. The hottest request of a burst: the API takes JSON only, and the
        answer may be any JSON value (the service checks its shape against the question), so an
        object is read by hand, with the serializer's own error for a missing answer; anything
        else goes through the serializer for its error."""
        if isinstance(data, dict):
            if "answer" not in data:
                raise serializers.ValidationError({"answer": [ErrorDetail(str(self._REQUIRED), code="required")]})
            return data["answer"]
        serializer = self.InputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["answer"]

    _REQUIRED = serializers.Field.default_error_messages["required"]


_DATETIME = serializers.DateTimeField()


# --- essay attachments ---------------------------------------------------------------------------------


class ResponseFileOutputSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="the file's name as uploaded")
    kind = serializers.CharField(help_text="pdf, docx, odt, txt, png or jpeg: judged by the content")
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    download = serializers.CharField(help_text="GET it here (the student and the quiz's markers)")


class ResponseFileApi(ApiView):
    """The file attached to an essay of the caller's open attempt: PUT one (multipart ``file``;
    it replaces any file attached before), DELETE it. Refused with 400 when the essay takes no
    file or not this kind or size (nothing saved changes), 409 once the attempt is submitted."""

    parser_classes = [MultiPartParser]
    max_body_bytes = settings.ESSAY_FILE_MAX_BYTES + 64 * 1024

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="one file: PDF, Word .docx, OpenDocument .odt, plain text, PNG or JPEG, as the essay allows")

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={200: ResponseFileOutputSerializer, 409: CONFLICT})
    def put(self, request: Request, attempt_id: int, question_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored = response_file_attach(
            attempt_id=attempt_id, user=request.user, question_id=question_id, upload=serializer.validated_data["file"]
        )
        download = reverse("api-response-file-download", args=[stored.response_id])
        return Response(
            ResponseFileOutputSerializer({**{f: getattr(stored, f) for f in ("name", "kind", "size", "sha256")}, "download": download}).data
        )

    @extend_schema(request=None, responses={204: None, 409: CONFLICT})
    def delete(self, request: Request, attempt_id: int, question_id: int) -> Response:
        response_file_remove(attempt_id=attempt_id, user=request.user, question_id=question_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResponseFileDownloadApi(ApiView):
    """Download the file attached to an essay response: for the student who attached it (under
    its own name) and the quiz's markers (under a neutral ``essay-<id>.<ext>``); 404 for anyone else."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, response_id: int) -> FileResponse:
        stored, own = response_file_get_for_user(user=request.user, response_id=response_id)
        return download_response(stored, own=own)
