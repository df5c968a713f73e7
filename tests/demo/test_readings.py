"""The demo step that imports the seed readings and builds the demo module."""

from __future__ import annotations

import pytest

from courseware.models import Lesson, Module, Reading
from demo.accounts import DemoContext, seed_accounts_and_course
from demo.readings import DEMO_MODULE_TITLE, DEMO_PAPER_TITLE, seed_readings_and_lessons

pytestmark = pytest.mark.django_db


def run_steps() -> DemoContext:
    ctx = DemoContext(password="demo-pass-123")
    seed_accounts_and_course(ctx)
    seed_readings_and_lessons(ctx)
    return ctx


def test_the_demo_imports_the_three_seed_readings_with_their_kinds():
    run_steps()
    kinds = dict(Reading.objects.values_list("title", "kind"))
    assert kinds == {
        "Amid intensifying conflict, Ukraine gains formal seat at NATO’s table": "news",  # noqa: RUF001 - the title's own apostrophe
        "NATO Vilnius Summit Advances Ukraine Aid and Path to Membership": "news",
        DEMO_PAPER_TITLE: "paper",
    }


def test_the_demo_course_has_a_published_module_of_lessons_from_the_papers_body_sections():
    ctx = run_steps()
    module = Module.objects.get(course=ctx.course, title=DEMO_MODULE_TITLE)
    assert module.is_published
    assert module.reading.title == DEMO_PAPER_TITLE
    titles = list(module.lessons.order_by("order").values_list("title", flat=True))
    assert titles[0] == "Introduction" and titles[-1] == "Conclusion"
    assert "Streszczenie" not in titles and "Abstract" not in titles
    assert all(module.lessons.values_list("is_published", flat=True))


def test_running_the_demo_step_twice_changes_nothing():
    run_steps()
    counts = (Reading.objects.count(), Module.objects.count(), Lesson.objects.count())
    run_steps()
    assert (Reading.objects.count(), Module.objects.count(), Lesson.objects.count()) == counts
