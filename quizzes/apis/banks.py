"""Instructors: question banks (list, create, update, delete, copy to another course)."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import MAX_ID, ApiListView, ApiView, IdFilter
from courseware.selectors import course_get_for_instructor, reading_get_for_user
from quizzes.apis.base import IsInstructor
from quizzes.models import QuestionBank
from quizzes.selectors.banks import (
    bank_get_for_user,
    bank_list_for_user,
    bank_summary,
)
from quizzes.services.banks import bank_copy_to_course, bank_create, bank_delete, bank_update


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
