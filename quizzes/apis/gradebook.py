"""Instructors: a course's gradebook (JSON and CSV), a student's detail, a quiz's item statistics."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiView
from courseware.selectors import course_get_for_instructor
from quizzes.apis.taking import AttemptListApi
from quizzes.selectors.attempts import (
    quiz_get_for_user,
)
from quizzes.selectors.gradebook import gradebook_csv, gradebook_for_course, student_detail_for_course
from quizzes.selectors.statistics import quiz_item_statistics


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
    """The gradebook as CSV, one row per student: a grade column per quiz, then per quiz its pass/fail and attempts."""

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
