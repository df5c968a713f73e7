from __future__ import annotations

from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes: facts, question banks, attempts and progress"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courseware.signals import group_members_changed, reading_imported
        from quizzes.receivers import accommodations_on_group_members_changed, generation_on_reading_imported

        # Every entry point that imports a reading (page, API, admin, command) calls
        # reading_import, which sends this: generation follows without any caller asking.
        reading_imported.connect(generation_on_reading_imported, dispatch_uid="quizzes-generation-on-import")
        # Register the tasks in every process, not only in workers (Celery's autodiscovery runs when
        # a worker starts): services publish them by name (``quizzes.enqueue``), and the name must
        # resolve to the task itself so that its routing and the tests' eager mode apply.
        import quizzes.tasks  # noqa: F401

        # A student joining or leaving a course group may gain or lose a group's accommodations.
        group_members_changed.connect(accommodations_on_group_members_changed, dispatch_uid="quizzes-accommodations-on-group-change")
