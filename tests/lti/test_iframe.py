"""The launch inside an LMS page, in Chromium: the LMS (127.0.0.1) frames the tool (localhost),
another site, so every cookie of the flow is a third-party cookie."""

from __future__ import annotations

import pytest

from courseware.models import Enrollment, User
from quizzes.lti.models import Identity
from quizzes.lti.services import platform_register
from tests.browser.conftest import browser  # noqa: F401  (the shared Chromium fixture)
from tests.factories import ModuleFactory, QuestionFactory, UserFactory
from tests.lti.simulator import LEARNER, PlatformSimulator, running
from tests.quizzes.builders import fixed_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_student_launched_in_the_lms_iframe_lands_on_the_quiz_and_can_start_it(browser, live_server) -> None:  # noqa: F811
    owner = UserFactory(role=User.Role.INSTRUCTOR)
    from courseware.services.accounts import course_create

    course = course_create(title="Security Studies 101", created_by=owner)
    ModuleFactory(course=course, is_published=True)
    quiz = fixed_quiz(course=course, questions=[QuestionFactory()], title="Air defence basics")
    with running(PlatformSimulator()) as sim:
        platform_register(
            name="Simulated Canvas",
            issuer=sim.issuer,
            client_id=sim.client_id,
            deployment_ids=[sim.deployment_id],
            auth_login_url=f"{sim.base}/auth",
            auth_token_url=f"{sim.base}/token",
            key_set_url=f"{sim.base}/jwks",
        )
        sim.tool_url = live_server.url
        assert "localhost" in sim.tool_url and "127.0.0.1" in sim.base  # two different sites
        sim.browser_launch = {"sub": "stud-iframe", "roles": [LEARNER], "custom": {"quiz_id": str(quiz.pk)}}
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{sim.base}/course")
        frame = page.frame_locator("#tool")
        frame.get_by_role("heading", name="Air defence basics").wait_for()
        tool = next(f for f in page.frames if f.url.startswith(live_server.url))
        assert tool.url == f"{live_server.url}/quizzes/{quiz.pk}/"
        session = next(c for c in context.cookies(live_server.url) if c["name"] == "sessionid")
        # Partitioned (CHIPS): kept for this LMS's site even though third-party cookies are blocked.
        assert session["sameSite"] == "None" and session["secure"] and session.get("partitionKey") == "http://127.0.0.1"
        # A POST from inside the iframe: the session and CSRF cookies reach the tool.
        with page.expect_event("framenavigated", predicate=lambda f: "/attempts/" in f.url) as navigated:
            frame.get_by_role("button", name="Start attempt 1").click()
        assert navigated.value.url.startswith(f"{live_server.url}/attempts/")
        context.close()
    student = Identity.objects.get(sub="stud-iframe").user
    assert Enrollment.objects.filter(course=course, user=student, role=Enrollment.Role.STUDENT).exists()
    assert student.attempts.filter(quiz=quiz).count() == 1
