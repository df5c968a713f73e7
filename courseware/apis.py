"""REST endpoints for courseware: auth token, courses, modules, lessons, readings, sections.

Each class is one operation. Lists are ``ApiListView`` over a ``*_list_for_user`` selector
(so filtering never widens what the caller may see); details go through ``*_get_for_user``,
which answers 404 for anything the caller may not see.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils.text import slugify
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiListView, ApiView, IdFilter, TokenThrottle
from config.api_errors import ErrorSerializer, LoginRefused, register_domain_error
from config.authentication import token_expires_at
from config.login_guard import refusal_of
from config.parsers import SafeJSONParser
from courseware.models import Course, Lesson, Module, Reading, Section
from courseware.permissions import is_instructor, is_site_admin
from courseware.selectors import (
    course_get_for_instructor,
    course_get_for_user,
    course_list_for_user,
    lesson_get_for_user,
    lesson_list_for_user,
    module_get_for_instructor,
    module_get_for_user,
    module_list_for_user,
    reading_get_for_user,
    reading_list_for_user,
    section_get_for_user,
    section_list_for_user,
)
from courseware.services.accounts import api_token_issue, api_token_revoke, course_create
from courseware.services.lessons import (
    lesson_complete,
    lesson_delete,
    lesson_reorder,
    lesson_uncomplete,
    lesson_update,
    lessons_build_from_reading,
    lessons_rebuild_from_reading,
    module_create,
    module_reorder,
    module_set_published,
    module_update,
)
from courseware.services.readings import ReadingImportError, reading_import
from quizzes.models import GenerationJob
from quizzes.selectors import generation_job_latest

# The import service's refusals (empty, too large, not a supported format, a scan without a
# text layer ...) are the uploader's to fix: 400 with the service's message.
register_domain_error(ReadingImportError, status.HTTP_400_BAD_REQUEST)


class IsInstructor(BasePermission):
    message = "Only instructors and admins build courses."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_instructor(request.user)


class IsSiteAdmin(BasePermission):
    message = "Only site admins may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_site_admin(request.user)


class ModuleFilter(filters.FilterSet):
    course = IdFilter("course_id")
    reading = IdFilter("reading_id")
    is_published = filters.BooleanFilter()


class LessonFilter(filters.FilterSet):
    module = IdFilter("module_id")
    course = IdFilter("module__course_id")
    section = IdFilter("section_id")


class SectionFilter(filters.FilterSet):
    reading = IdFilter("reading_id")
    kind = filters.ChoiceFilter(choices=Section.Kind.choices)
    language = filters.CharFilter()


# --- auth -------------------------------------------------------------------------------------


class TokenApi(ApiView):
    """POST: exchange a username and password for an API token (the same token until it expires).
    DELETE: revoke the token (or session user's token) the request is made with."""

    parser_classes = [SafeJSONParser, FormParser]

    def get_authenticators(self) -> list[Any]:
        # A stale session or token must not block a fresh login; revoking needs one.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_throttles(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return [TokenThrottle()]
        return []

    class InputSerializer(AuthTokenSerializer):
        pass

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField(read_only=True)
        expires_at = serializers.DateTimeField(read_only=True, help_text="after this the token answers 401; ask for a new one")

    @extend_schema(
        operation_id="auth_token_create",
        request=InputSerializer,
        responses={200: OutputSerializer, 429: OpenApiResponse(ErrorSerializer, description="Too many attempts; wait and retry.")},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # authenticate() reports a refusal by the login limits as a plain failure; tell the
            # client to wait (429) rather than letting it believe the password is wrong.
            refusal = refusal_of(request)
            if refusal is not None:
                raise LoginRefused(detail=refusal.message, code=refusal.code, wait=refusal.retry_after)
            raise serializers.ValidationError(serializer.errors)
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response(self.OutputSerializer({"token": token.key, "expires_at": token_expires_at(token)}).data)

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- courses ------------------------------------------------------------------------------------


class CourseOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "title", "slug", "description", "created_at"]
        read_only_fields = fields


class CourseListApi(ApiListView):
    serializer_class = CourseOutputSerializer
    filterset_fields = ["slug"]
    ordering_fields = ["title", "created_at", "id"]
    ordering = ["title"]

    queryset = Course.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Course]:
        return course_list_for_user(user=self.request.user)


class CourseDetailApi(ApiView):
    @extend_schema(responses=CourseOutputSerializer)
    def get(self, request: Request, course_id: int) -> Response:
        course = course_get_for_user(user=request.user, course_id=course_id)
        return Response(CourseOutputSerializer(course).data)


# --- modules and lessons ----------------------------------------------------------------------------


class ModuleOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Module
        fields = ["id", "course", "title", "description", "order", "is_published", "opens_at", "reading"]
        read_only_fields = fields


class ModuleListApi(ApiListView):
    serializer_class = ModuleOutputSerializer
    filterset_class = ModuleFilter
    ordering_fields = ["order", "title", "id"]
    ordering = ["course", "order", "id"]

    queryset = Module.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Module]:
        return module_list_for_user(user=self.request.user)


class ModuleDetailApi(ApiView):
    @extend_schema(responses=ModuleOutputSerializer)
    def get(self, request: Request, module_id: int) -> Response:
        module = module_get_for_user(user=request.user, module_id=module_id)
        return Response(ModuleOutputSerializer(module).data)


class LessonOutputSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="module.course_id", read_only=True)

    class Meta:
        model = Lesson
        fields = ["id", "module", "course", "section", "order", "title", "summary", "reading_minutes", "is_published", "updated_at"]
        read_only_fields = fields


class LessonDetailOutputSerializer(LessonOutputSerializer):
    class Meta(LessonOutputSerializer.Meta):
        fields = [*LessonOutputSerializer.Meta.fields, "body", "key_terms"]
        read_only_fields = fields


class LessonListApi(ApiListView):
    serializer_class = LessonOutputSerializer
    filterset_class = LessonFilter
    ordering_fields = ["order", "title", "id"]
    ordering = ["module", "order", "id"]

    queryset = Lesson.objects.none()  # the model, for the schema; rows come from the selector

    def get_queryset(self) -> QuerySet[Lesson]:
        return lesson_list_for_user(user=self.request.user).select_related("module")


class LessonDetailApi(ApiView):
    @extend_schema(responses=LessonDetailOutputSerializer)
    def get(self, request: Request, lesson_id: int) -> Response:
        lesson = lesson_get_for_user(user=request.user, lesson_id=lesson_id)
        return Response(LessonDetailOutputSerializer(lesson).data)


# --- readings and sections ---------------------------------------------------------------------------


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


# --- instructors: the course builder ------------------------------------------------------------------


BUILDER = [IsAuthenticated, IsInstructor]
COURSE_SLUG_TAKEN = "A course with this slug already exists."


def _lesson_for_instructor(user: Any, lesson_id: int) -> Lesson:
    lesson = lesson_get_for_user(user=user, lesson_id=lesson_id)
    course_get_for_instructor(user=user, course_id=lesson.module.course_id)
    return lesson


class CourseCreateApi(ApiView):
    """A new course; its creator is enrolled as its instructor."""

    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200)
        slug = serializers.SlugField(max_length=200, required=False)
        description = serializers.CharField(required=False, allow_blank=True, max_length=5000)

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if not (attrs.get("slug") or slugify(attrs["title"])):
                raise serializers.ValidationError({"slug": "Give a slug: the title has no letters or digits to make one from."})
            return attrs

    @extend_schema(request=InputSerializer, responses={201: CourseOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            course = course_create(created_by=request.user, **serializer.validated_data)  # type: ignore[arg-type]  # IsAuthenticated: a User
        except IntegrityError as exc:
            raise serializers.ValidationError({"slug": COURSE_SLUG_TAKEN}) from exc
        return Response(CourseOutputSerializer(course).data, status=status.HTTP_201_CREATED)


class ModuleReorderApi(ApiView):
    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        module_ids = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=MAX_ID), max_length=1000)

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request: Request, course_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = course_get_for_instructor(user=request.user, course_id=course_id)
        module_reorder(course=course, module_ids=serializer.validated_data["module_ids"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class ModuleCreateApi(ApiView):
    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        course = serializers.IntegerField(min_value=0, max_value=MAX_ID)
        title = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
        reading = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_ID)
        is_published = serializers.BooleanField(required=False)
        opens_at = serializers.DateTimeField(required=False, allow_null=True)

    @extend_schema(request=InputSerializer, responses={201: ModuleOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        course = course_get_for_instructor(user=request.user, course_id=data.pop("course"))
        reading_id = data.pop("reading", None)
        reading = reading_get_for_user(user=request.user, reading_id=reading_id) if reading_id is not None else None
        module = module_create(course=course, reading=reading, **data)
        return Response(ModuleOutputSerializer(module).data, status=status.HTTP_201_CREATED)


class ModuleUpdateApi(ApiView):
    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(required=False, max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
        opens_at = serializers.DateTimeField(required=False)

    @extend_schema(request=InputSerializer, responses=ModuleOutputSerializer)
    def post(self, request: Request, module_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        module = module_update(module=module, **serializer.validated_data)
        return Response(ModuleOutputSerializer(module).data)


class PublishInputSerializer(serializers.Serializer):
    is_published = serializers.BooleanField()


class ModulePublishApi(ApiView):
    permission_classes = BUILDER

    @extend_schema(request=PublishInputSerializer, responses=ModuleOutputSerializer)
    def post(self, request: Request, module_id: int) -> Response:
        serializer = PublishInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        module = module_set_published(module=module, is_published=serializer.validated_data["is_published"])
        return Response(ModuleOutputSerializer(module).data)


class LessonsBuildApi(ApiView):
    """One lesson per section of a reading (default: the module's; default sections: body and
    conclusion). Building twice creates nothing new."""

    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        reading = serializers.IntegerField(required=False, min_value=0, max_value=MAX_ID)
        section_ids = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=MAX_ID), required=False, max_length=1000)

    @extend_schema(request=InputSerializer, responses={201: LessonOutputSerializer(many=True)})
    def post(self, request: Request, module_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        reading = reading_get_for_user(user=request.user, reading_id=data["reading"]) if "reading" in data else None
        lessons = lessons_build_from_reading(module=module, reading=reading, section_ids=data.get("section_ids"))
        return Response(LessonOutputSerializer(lessons, many=True).data, status=status.HTTP_201_CREATED)


class LessonsRebuildApi(ApiView):
    """Switch the module to another version of its reading: lessons from earlier versions are
    replaced; lessons from other readings and hand-written ones stay."""

    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        reading = serializers.IntegerField(min_value=0, max_value=MAX_ID)

    @extend_schema(request=InputSerializer, responses={201: LessonOutputSerializer(many=True)})
    def post(self, request: Request, module_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        reading = reading_get_for_user(user=request.user, reading_id=serializer.validated_data["reading"])
        lessons = lessons_rebuild_from_reading(module=module, reading=reading)
        return Response(LessonOutputSerializer(lessons, many=True).data, status=status.HTTP_201_CREATED)


class LessonReorderApi(ApiView):
    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        lesson_ids = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=MAX_ID), max_length=1000)

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request: Request, module_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        lesson_reorder(module=module, lesson_ids=serializer.validated_data["lesson_ids"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class LessonUpdateApi(ApiView):
    """Edit the lesson's own copy; the reading it came from never changes."""

    permission_classes = BUILDER

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(required=False, max_length=300)
        body = serializers.CharField(required=False, max_length=100_000, help_text="paragraphs separated by blank lines")
        summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
        key_terms = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=50)
        reading_minutes = serializers.IntegerField(required=False, min_value=1, max_value=1000)
        is_published = serializers.BooleanField(required=False)

    @extend_schema(request=InputSerializer, responses=LessonDetailOutputSerializer)
    def post(self, request: Request, lesson_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = _lesson_for_instructor(request.user, lesson_id)
        lesson = lesson_update(lesson=lesson, **serializer.validated_data)
        return Response(LessonDetailOutputSerializer(lesson).data)


class LessonDeleteApi(ApiView):
    permission_classes = BUILDER

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, lesson_id: int) -> Response:
        lesson = _lesson_for_instructor(request.user, lesson_id)
        lesson_delete(lesson=lesson)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LessonCompletionApi(ApiView):
    """``PUT`` marks the lesson done for the signed-in user, ``DELETE`` undoes it; both idempotent."""

    @extend_schema(request=None, responses={200: inline_serializer("LessonCompletion", {"completed": serializers.BooleanField()})})
    def put(self, request: Request, lesson_id: int) -> Response:
        lesson = lesson_get_for_user(user=request.user, lesson_id=lesson_id)
        lesson_complete(user=request.user, lesson=lesson)
        return Response({"completed": True})

    @extend_schema(request=None, responses={200: inline_serializer("LessonCompletionUndone", {"completed": serializers.BooleanField()})})
    def delete(self, request: Request, lesson_id: int) -> Response:
        lesson = lesson_get_for_user(user=request.user, lesson_id=lesson_id)
        lesson_uncomplete(user=request.user, lesson=lesson)
        return Response({"completed": False})
