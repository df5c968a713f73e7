"""Instructors: the course builder (courses, modules, lessons: create, reorder, publish, build from readings)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiView
from courseware.apis.base import IsInstructor
from courseware.apis.courses import CourseOutputSerializer, LessonDetailOutputSerializer, LessonOutputSerializer, ModuleOutputSerializer
from courseware.models import Lesson
from courseware.permissions import RequestUser
from courseware.selectors import (
    course_get_for_instructor,
    lesson_get_for_user,
    module_get_for_instructor,
    reading_get_for_user,
)
from courseware.services.accounts import course_create
from courseware.services.lessons import (
    lesson_delete,
    lesson_reorder,
    lesson_update,
    lessons_build_from_reading,
    lessons_rebuild_from_reading,
    module_create,
    module_reorder,
    module_set_published,
    module_update,
)

BUILDER = [IsAuthenticated, IsInstructor]
COURSE_SLUG_TAKEN = "A course with this slug already exists."


def _lesson_for_instructor(user: RequestUser, lesson_id: int) -> Lesson:
    lesson = lesson_get_for_user(user=user, lesson_id=lesson_id)
    course_get_for_instructor(user=user, course_id=lesson.module.course_id)
    return lesson


def _ids_in_order() -> serializers.ListField:
    """The field a reorder posts: a list's ids in their new order (the service checks that they
    name every item once)."""
    return serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=MAX_ID), max_length=1000)


def _posted_order(request: Request, input_serializer: type[serializers.Serializer]) -> list[int]:
    """The ids a reorder posted, in their new order; 400 if malformed. ``input_serializer`` has the
    one ``_ids_in_order`` field, named for what it orders (``module_ids``, ``lesson_ids``)."""
    serializer = input_serializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    (ids,) = serializer.validated_data.values()
    return list(ids)


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
        module_ids = _ids_in_order()

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request: Request, course_id: int) -> Response:
        module_ids = _posted_order(request, self.InputSerializer)
        course = course_get_for_instructor(user=request.user, course_id=course_id)
        module_reorder(course=course, module_ids=module_ids)
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
        lesson_ids = _ids_in_order()

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request: Request, module_id: int) -> Response:
        lesson_ids = _posted_order(request, self.InputSerializer)
        module = module_get_for_instructor(user=request.user, module_id=module_id)
        lesson_reorder(module=module, lesson_ids=lesson_ids)
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
