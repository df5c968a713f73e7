from __future__ import annotations

from django.apps import AppConfig


class CoursewareConfig(AppConfig):
    name = "courseware"
    verbose_name = "Courseware: readings, courses and lessons"
    default_auto_field = "django.db.models.BigAutoField"
