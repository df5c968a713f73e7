"""Instructors: the questions of a bank and their review (create, edit, approve, retire, bulk approve),
import and export in the interchange formats.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiListView, ApiView
from quizzes.apis.base import IsInstructor
from quizzes.interop import CONTENT_TYPES, FILE_EXTENSIONS
from quizzes.models import Question, QuestionType
from quizzes.selectors.banks import (
    bank_get_for_user,
    bank_questions,
    question_get_for_user,
    question_versions,
)
from quizzes.serializers import AnswerKeyField
from quizzes.services.interop import EXPORT_FORMATS, IMPORT_FORMATS, questions_export, questions_import
from quizzes.services.review import (
    bank_approve_best,
    question_approve,
    question_create_manual,
    question_edit,
    question_image_add,
    question_retire,
    questions_bulk_approve,
)


class InteropIssueSerializer(serializers.Serializer):
    line = serializers.IntegerField(required=False, help_text="line of the file, where known")
    question = serializers.CharField(required=False, help_text="the question's title or name, where known")
    reason = serializers.CharField()


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


class QuestionImageAddApi(ApiView):
    """Add an image (PNG, JPEG, GIF or WebP; no SVG) to a question: a new version, as an edit makes,
    with the image shown at the end of its text (``<img src="@@PLUGINFILE@@/name">``; a plain-text
    question becomes HTML). Students see it through ``/question-files/<version id>/<name>``."""

    permission_classes = [IsAuthenticated, IsInstructor]
    parser_classes = [MultiPartParser]
    max_body_bytes = settings.QUESTION_FILE_MAX_BYTES + 64 * 1024

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="the image; its name is how the text refers to it")
        alt = serializers.CharField(required=False, default="", max_length=200, help_text="what the image shows, for screen readers")

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: QuestionOutputSerializer})
    def post(self, request: Request, question_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = question_get_for_user(user=request.user, question_id=question_id)
        upload = serializer.validated_data["file"]
        new = question_image_add(
            question=question, user=request.user, name=upload.name or "image", data=upload.read(), alt=serializer.validated_data["alt"]
        )
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
