"""Reading courses, modules and lessons, and a student marking a lesson done."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiListView, ApiView, IdFilter
from courseware.models import Course, Lesson, Module
from courseware.selectors import (
    course_get_for_user,
    course_list_for_user,
    lesson_get_for_user,
    lesson_list_for_user,
    module_get_for_user,
    module_list_for_user,
)
from courseware.services.lessons import (
    lesson_complete,
    lesson_uncomplete,
)


class ModuleFilter(filters.FilterSet):
    course = IdFilter("course_id")
    reading = IdFilter("reading_id")
    is_published = filters.BooleanFilter()


class LessonFilter(filters.FilterSet):
    module = IdFilter("module_id")
    course = IdFilter("module__course_id")
    section = IdFilter("section_id")


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
