"""Attempt.progress_recorded: whether an attempt's answers have been counted in its student's
mastery and practice schedule, which now waits until the review policy shows right/wrong.

Every attempt graded before this migration was counted at grading, so it is marked recorded.
"""

from django.db import migrations, models


def graded_were_recorded(apps, schema_editor):  # type: ignore[no-untyped-def]
    Attempt = apps.get_model("quizzes", "Attempt")
    Attempt.objects.filter(state="graded").update(progress_recorded=True)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0005_opaque_option_ids")]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="progress_recorded",
            field=models.BooleanField(
                default=False,
                help_text="counted in its student's mastery and practice schedule (once the review policy shows right/wrong)",
            ),
        ),
        migrations.RunPython(graded_were_recorded, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(
                condition=models.Q(("progress_recorded", False), ("state", "graded")),
                fields=["quiz"],
                name="attempt_progress_waiting",
            ),
        ),
    ]
