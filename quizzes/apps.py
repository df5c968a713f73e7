from __future__ import annotations

from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes: facts, question banks, attempts and progress"
    default_auto_field = "django.db.models.BigAutoField"
