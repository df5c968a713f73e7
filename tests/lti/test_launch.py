"""Registration, login initiation, launches as student and instructor, and every refusal."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from courseware.models import Enrollment, User
from quizzes.lti.models import Context, Identity
from quizzes.lti.services import ERROR_AUDIENCE, ERROR_DEPLOYMENT, ERROR_EXPIRED, ERROR_REPLAY, ERROR_SIGNATURE
from tests.conftest import client_for
from tests.factories import LessonFactory, ModuleFactory, QuizFactory
from tests.lti.conftest import launch, login_initiation
from tests.lti.simulator import INSTRUCTOR, LEARNER

pytestmark = pytest.mark.django_db


def test_the_tool_publishes_its_public_key_and_keeps_a_rotated_one_for_a_while(platform) -> None:
    from quizzes.lti.keys import tool_key_rotate

    first = Client().get("/lti/jwks/").json()["keys"]
    assert len(first) == 1 and first[0]["kty"] == "RSA" and "d" not in first[0]
    new = tool_key_rotate()
    kids = [k["kid"] for k in Client().get("/lti/jwks/").json()["keys"]]
    assert kids == [new.kid, first[0]["kid"]]


def test_the_rotate_command_publishes_a_new_key(platform) -> None:
    from django.core.management import call_command

    before = {k["kid"] for k in Client().get("/lti/jwks/").json()["keys"]}
    call_command("lti_rotate_key")
    after = {k["kid"] for k in Client().get("/lti/jwks/").json()["keys"]}
    assert before < after and len(after) == 2


def test_the_private_key_is_stored_encrypted(platform) -> None:
    from quizzes.lti.keys import tool_key_current, tool_key_private_pem

    key = tool_key_current()
    assert "PRIVATE KEY" not in key.private_pem_encrypted
    assert tool_key_private_pem(key).startswith("-----BEGIN PRIVATE KEY-----")


def test_a_platform_registered_twice_is_refused_and_a_form_post_needs_no_deployment_list(admin, platform, sim) -> None:
    client = client_for(admin)
    again = {
        "name": "Again",
        "issuer": sim.issuer,
        "client_id": sim.client_id,
        "auth_login_url": "https://a.example",
        "auth_token_url": "https://a.example",
        "key_set_url": "https://a.example",
    }
    assert client.post("/lti/api/platforms/", again).status_code == 400
    other = client.post("/lti/api/platforms/", {**again, "client_id": "second-client"})
    assert other.status_code == 201 and other.json()["deployment_ids"] == []


def test_only_an_admin_registers_a_platform(instructor, sim) -> None:
    response = client_for(instructor).post("/lti/api/platforms/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_the_setup_page_shows_what_to_paste_into_the_lms(admin, platform) -> None:
    page = client_for(admin).get("/lti/setup/").content.decode()
    for url in ("http://testserver/lti/login/", "http://testserver/lti/launch/", "http://testserver/lti/jwks/"):
        assert url in page


def test_login_initiation_redirects_to_the_platform_with_a_state_and_nonce(platform, sim) -> None:
    client = Client()
    auth = login_initiation(client, sim, sub="s-1")
    assert auth["client_id"] == sim.client_id and auth["login_hint"] == "s-1"
    assert auth["response_type"] == "id_token" and auth["response_mode"] == "form_post" and auth["scope"] == "openid"
    assert auth["nonce"] and auth["state"] in {k.removeprefix("lti1p3-") for k in client.cookies}


def test_a_student_launch_creates_the_user_and_enrolment_and_lands_on_the_linked_quiz(platform, sim, course) -> None:
    quiz = QuizFactory(module=ModuleFactory(course=course, is_published=True))
    client = Client()
    response = launch(client, sim, sub="stud-1", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    assert response.status_code == 302 and response["Location"] == f"/quizzes/{quiz.pk}/"
    user = Identity.objects.get(platform=platform, sub="stud-1").user
    assert user.role == User.Role.STUDENT and not user.has_usable_password()
    assert Enrollment.objects.get(course=course, user=user).role == Enrollment.Role.STUDENT
    assert Context.objects.get(platform=platform, context_id=sim.context_id).course == course
    assert client.get(response["Location"]).status_code == 200


def test_a_second_launch_matches_the_same_user(platform, sim, course) -> None:
    lesson = LessonFactory(module=ModuleFactory(course=course, is_published=True))
    for _ in range(2):
        response = launch(Client(), sim, sub="stud-1", roles=[LEARNER], custom={"lesson_id": str(lesson.pk)})
        assert response["Location"] == f"/lessons/{lesson.pk}/"
    assert Identity.objects.filter(sub="stud-1").count() == 1


def test_an_instructor_launch_lands_in_the_course_builder(platform, sim) -> None:
    client = Client()
    response = launch(client, sim, sub="teacher-1", roles=[INSTRUCTOR])
    user = Identity.objects.get(sub="teacher-1").user
    course = Context.objects.get(context_id=sim.context_id).course
    assert user.role == User.Role.INSTRUCTOR
    assert Enrollment.objects.get(course=course, user=user).role == Enrollment.Role.INSTRUCTOR
    assert response["Location"] == f"/teach/courses/{course.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_an_lti_user_can_be_given_a_password_and_sign_in_standalone(platform, sim, course) -> None:
    launch(Client(), sim, sub="teacher-1", roles=[INSTRUCTOR])
    user = Identity.objects.get(sub="teacher-1").user
    user.set_password("a-long-enough-passphrase-42")
    user.save()
    assert Client().login(username=user.username, password="a-long-enough-passphrase-42")


def refused(response, message: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not Identity.objects.exists() and not User.objects.filter(username__startswith="lti").exists()


def test_a_tampered_signature_is_refused(platform, sim, course) -> None:
    client = Client()
    auth = login_initiation(client, sim, sub="mallory")
    token = sim.id_token(nonce=auth["nonce"], sub="mallory", roles=[LEARNER])
    header, _body, signature = token.split(".")
    forged = sim.id_token(nonce=auth["nonce"], sub="mallory", roles=[INSTRUCTOR]).split(".")[1]
    refused(client.post("/lti/launch/", {"id_token": f"{header}.{forged}.{signature}", "state": auth["state"]}), ERROR_SIGNATURE)


def test_a_token_for_another_tool_is_refused(platform, sim, course) -> None:
    refused(launch(Client(), sim, sub="s", roles=[LEARNER], aud="some-other-tool"), ERROR_AUDIENCE)


def test_an_expired_token_is_refused(platform, sim, course) -> None:
    refused(launch(Client(), sim, sub="s", roles=[LEARNER], expires_in=-120), ERROR_EXPIRED)


def test_an_unknown_deployment_is_refused(platform, sim, course) -> None:
    refused(launch(Client(), sim, sub="s", roles=[LEARNER], deployment_id="rogue-deployment"), ERROR_DEPLOYMENT)


def test_a_replayed_id_token_is_refused(platform, sim, course) -> None:
    quiz = QuizFactory(module=ModuleFactory(course=course, is_published=True))
    client = Client()
    first = launch(client, sim, sub="s", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    assert first.status_code == 302
    Identity.objects.all().delete()
    User.objects.filter(username__startswith="lti").delete()
    refused(client.post("/lti/launch/", {"id_token": first.id_token, "state": first.state}), ERROR_REPLAY)


def test_only_an_lti_session_may_be_framed_and_only_by_its_lms(platform, sim, course, student) -> None:
    quiz = QuizFactory(module=ModuleFactory(course=course, is_published=True))
    standalone = client_for(student).get(f"/quizzes/{quiz.pk}/")
    assert standalone["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in standalone["Content-Security-Policy"]
    client = Client()
    launch(client, sim, sub="stud-1", roles=[LEARNER], custom={"quiz_id": str(quiz.pk)})
    framed = client.get(f"/quizzes/{quiz.pk}/")
    assert "X-Frame-Options" not in framed
    assert f"frame-ancestors {sim.base} https://lms.example.edu" in framed["Content-Security-Policy"]


def test_the_lti_flow_cookies_are_partitioned_third_party_cookies(platform, sim) -> None:
    response = Client().post("/lti/login/", sim.login_params(sub="s", target="http://testserver/lti/launch/"))
    cookies = [m.output() for m in response.cookies.values()]
    assert cookies and all("SameSite=None; Partitioned" in c and "Secure" in c for c in cookies)


def test_subs_that_clean_to_the_same_username_stay_two_users(platform) -> None:
    from quizzes.lti.services import identity_ensure

    first = identity_ensure(platform=platform, sub="a b", instructor=False)
    second = identity_ensure(platform=platform, sub="a/b", instructor=False)
    assert first != second and first.username != second.username
