"""Readings and their sections: list, read, import (admins), the generation run's progress."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiListView, ApiView, IdFilter
from config.api_errors import register_domain_error
from courseware.apis.base import IsInstructor, IsSiteAdmin
from courseware.models import Reading, Section
from courseware.selectors import (
    reading_get_for_user,
    reading_list_for_user,
    section_get_for_user,
    section_list_for_user,
)
from courseware.services.readings import ReadingImportError, reading_import
from quizzes.models import GenerationJob
from quizzes.selectors.generation import generation_job_latest

# The import service's refusals (empty, too large, not a supported format, a scan without a
# text layer ...) are the uploader's to fix: 400 with the service's message.
register_domain_error(ReadingImportError, status.HTTP_400_BAD_REQUEST)


class SectionFilter(filters.FilterSet):
    reading = IdFilter("reading_id")
    kind = filters.ChoiceFilter(choices=Section.Kind.choices)
    language = filters.CharFilter()


class ReadingOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reading
        fields = [
            "id",
            "title",
            "kind",
            "source_format",
            "source",
            "original_filename",
            "published_on",
            "language",
            "version",
            "is_latest",
            "lineage",
            "checksum",
            "imported_by",
            "imported_at",
        ]
        read_only_fields = fields


class SectionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "order", "heading", "level", "kind", "language", "start", "end", "hidden_from_students"]
        read_only_fields = fields


class ReadingDetailOutputSerializer(ReadingOutputSerializer):
    sections = SectionSummarySerializer(many=True, read_only=True)

    class Meta(ReadingOutputSerializer.Meta):
        fields = [*ReadingOutputSerializer.Meta.fields, "cleaned_text", "sections"]
        read_only_fields = fields


class ReadingListApi(ApiListView):
    serializer_class = ReadingOutputSerializer
    filterset_fields = ["kind", "source_format", "language", "is_latest"]
    ordering_fields = ["title", "imported_at", "published_on", "id"]
    ordering = ["title", "-version"]

    queryset = Reading.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Reading]:
        return reading_list_for_user(user=self.request.user)


class ReadingDetailApi(ApiView):
    @extend_schema(responses=ReadingDetailOutputSerializer)
    def get(self, request: Request, reading_id: int) -> Response:
        reading = reading_get_for_user(user=request.user, reading_id=reading_id)
        return Response(ReadingDetailOutputSerializer(reading).data)


class ReadingImportApi(ApiView):
    """Import a reading by upload (text, Markdown, HTML or PDF, detected by content).

    The same bytes again create nothing (200 with the existing reading); a title that matches
    an existing reading, or ``replaces``, makes a new version of it.
    """

    permission_classes = [IsSiteAdmin]
    parser_classes = [MultiPartParser]
    # The import service reports the exact size limit; the transport cap sits a little above it.
    max_body_bytes = settings.READING_MAX_BYTES + 256 * 1024

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="the reading: .txt, .md, .html or .pdf")
        title = serializers.CharField(required=False, allow_blank=True, max_length=300)
        kind = serializers.ChoiceField(choices=Reading.Kind.choices, required=False)
        replaces = serializers.IntegerField(required=False, help_text="id of a reading this is a new version of")

    class OutputSerializer(serializers.Serializer):
        created = serializers.BooleanField()
        reading = ReadingOutputSerializer()
        sections = SectionSummarySerializer(many=True)
        removed = inline_serializer("RemovedSpan", fields={"reason": serializers.CharField(), "text": serializers.CharField()}, many=True)

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer, 200: OutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        replaces = reading_get_for_user(user=request.user, reading_id=data["replaces"]) if "replaces" in data else None
        upload = data["file"]
        result = reading_import(
            data=upload.read(),
            filename=upload.name or "",
            title=data.get("title") or None,
            kind=data.get("kind"),
            imported_by=request.user,
            replaces=replaces,
        )
        # A new reading's questions are generated by a worker after the commit (the import
        # service queues it); poll GET /api/readings/{id}/generation/ for progress.
        output = {"created": result.created, "reading": result.reading, "sections": result.sections, "removed": result.removed}
        return Response(self.OutputSerializer(output).data, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class ReadingGenerationApi(ApiView):
    """Progress of question generation for a reading (the latest run), for instructors and admins."""

    permission_classes = [IsAuthenticated, IsInstructor]

    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = GenerationJob
            fields = ["id", "reading", "state", "progress", "message", "questions", "created_at", "updated_at"]
            read_only_fields = fields

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, reading_id: int) -> Response:
        reading = reading_get_for_user(user=request.user, reading_id=reading_id)
        job = generation_job_latest(reading=reading)
        if job is None:
            raise NotFound("Questions were never generated for this reading.")
        return Response(self.OutputSerializer(job).data)


class SectionOutputSerializer(serializers.ModelSerializer):
    citations = inline_serializer(
        "Citation",
        fields={"authors": serializers.CharField(), "year": serializers.IntegerField(allow_null=True), "as_cited": serializers.CharField()},
        many=True,
        read_only=True,
    )

    class Meta:
        model = Section
        fields = ["id", "reading", "order", "heading", "level", "kind", "language", "text", "start", "end", "citations"]
        read_only_fields = fields


class SectionListApi(ApiListView):
    serializer_class = SectionOutputSerializer
    filterset_class = SectionFilter
    ordering_fields = ["order", "id"]
    ordering = ["reading", "order"]

    queryset = Section.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Section]:
        return section_list_for_user(user=self.request.user).prefetch_related("citations")


class SectionDetailApi(ApiView):
    @extend_schema(responses=SectionOutputSerializer)
    def get(self, request: Request, section_id: int) -> Response:
        section = section_get_for_user(user=request.user, section_id=section_id)
        return Response(SectionOutputSerializer(section).data)
