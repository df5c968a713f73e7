from __future__ import annotations

from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "quizzes.lti"
    label = "lti"
    verbose_name = "LTI 1.3"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from quizzes.lti import receivers  # noqa: F401  (connects the grading signal)
