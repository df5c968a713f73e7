"""LTI services: launch validation and provisioning, deep linking, grade push, roster pull.

Validation is PyLTI1p3's (state, signature against the platform's JWKS, expiry, registration,
deployment, message shape); we add the one-time use of the nonce and turn its messages into
ones an instructor can act on. Provisioning runs only after every check passed, in one
transaction, so a refused launch creates no account.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlparse

import jwt
import requests
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem as PyLineItem
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector

from courseware.models import Course, Enrollment, Lesson, User
from courseware.services.accounts import course_create, enrollment_ensure
from courseware.services.lessons import module_create
from quizzes.lti.keys import tool_key_current
from quizzes.lti.models import Context, Identity, LineItem, Platform, ScoreSync, UsedNonce
from quizzes.lti.toolconf import UNKNOWN_PLATFORM, ToolConf, registration_for
from quizzes.models import Attempt, Question, QuestionBank, Quiz
from quizzes.services.quizzes import SourceSpec, quiz_create

logger = logging.getLogger(__name__)

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
INSTRUCTOR_ROLES = ("#Instructor", "#Administrator", "#ContentDeveloper", "#TeachingAssistant", "/Instructor")

ERROR_SIGNATURE = "The launch token's signature does not match the LMS's published keys."
ERROR_EXPIRED = "The launch token has expired; launch the activity again from the LMS."
ERROR_AUDIENCE = "The launch token was issued for another tool (wrong audience)."
ERROR_DEPLOYMENT = "This LMS deployment is not registered with Strategikon; ask the administrator to add its deployment id."
ERROR_REPLAY = "This launch was already used (replayed nonce); launch the activity again from the LMS."
ERROR_NONCE = "The launch does not belong to this browser session (unknown nonce); launch again from the LMS."
ERROR_STATE = "The launch state is missing or unknown; the browser may be blocking third-party cookies."
ERROR_NO_COURSE = "No Strategikon course is linked to this LMS course yet; an instructor has to open the tool first."
ERROR_NO_TARGET = "The linked quiz or lesson no longer exists."


class LaunchRefused(Exception):
    """A launch failed validation; the message is shown to the user as is."""


def _clear_error(message: str) -> str:
    """PyLTI1p3's messages name the failed check tersely; say what went wrong and what to do."""
    lowered = message.lower()
    if "expired" in lowered:
        return ERROR_EXPIRED
    if "signature" in lowered or "can't decode id_token" in lowered or "unable to find public key" in lowered:
        return ERROR_SIGNATURE
    if "deployment" in lowered:
        return ERROR_DEPLOYMENT
    if "nonce" in lowered:
        return ERROR_NONCE
    if "state" in lowered:
        return ERROR_STATE
    if "not found in settings" in lowered or message == UNKNOWN_PLATFORM:
        return UNKNOWN_PLATFORM
    return f"The launch was refused: {message}"


def oidc_login_redirect(*, request: HttpRequest) -> Any:
    """Step 1 of the launch: answer the platform's login initiation with the OIDC auth redirect."""
    target = request.POST.get("target_link_uri") or request.GET.get("target_link_uri") or request.build_absolute_uri(reverse("lti:launch"))
    try:
        return DjangoOIDCLogin(request, ToolConf()).redirect(target)
    except LtiException as exc:
        raise LaunchRefused(_clear_error(str(exc))) from exc


def _check_audience(id_token: str) -> None:
    # PyLTI1p3 looks the registration up by aud[0] but does not verify "aud" itself; a token
    # for another client of a known issuer must be refused with its own message.
    try:
        body = jwt.decode(id_token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise LaunchRefused(ERROR_SIGNATURE) from exc
    aud = body.get("aud")
    audiences = aud if isinstance(aud, list) else [aud]
    clients = set(Platform.objects.filter(issuer=body.get("iss"), is_active=True).values_list("client_id", flat=True))
    if not clients:
        raise LaunchRefused(UNKNOWN_PLATFORM)
    if not clients.intersection(audiences) or (len(audiences) > 1 and body.get("azp") not in clients):
        raise LaunchRefused(ERROR_AUDIENCE)


def launch_validate(*, request: HttpRequest) -> DjangoMessageLaunch:
    _check_audience(request.POST.get("id_token", ""))
    launch = DjangoMessageLaunch(request, ToolConf())
    try:
        launch.validate()
    except LtiException as exc:
        raise LaunchRefused(_clear_error(str(exc))) from exc
    return launch


@dataclass
class LaunchResult:
    platform: Platform
    user: User
    course: Course
    is_instructor: bool
    redirect_to: str
    deep_link: bool = False


def _is_instructor(data: dict[str, Any]) -> bool:
    return any(role.endswith(INSTRUCTOR_ROLES) for role in data.get(CLAIM + "roles", []))


def _platform_of(data: dict[str, Any]) -> Platform:
    aud = data.get("aud")
    client_id = aud[0] if isinstance(aud, list) else aud
    return Platform.objects.get(issuer=data["iss"], client_id=client_id)


def identity_ensure(
    *, platform: Platform, sub: str, email: str = "", given_name: str = "", family_name: str = "", instructor: bool
) -> User:
    """The Strategikon user of an LMS user, created on first sight with no usable password
    (an admin may give one later: the account is an ordinary one)."""
    identity = Identity.objects.select_related("user").filter(platform=platform, sub=sub).first()
    if identity is None:
        base = re.sub(r"[^\w.@+-]", "", f"lti{platform.pk}-{sub}")[:140]
        if base != f"lti{platform.pk}-{sub}" or User.objects.filter(username=base).exists():
            # A sub that had to be shortened or cleaned could meet another one: keep them apart.
            base = f"{base[:130]}-{hashlib.sha256(sub.encode()).hexdigest()[:8]}"
        user = User(username=base, email=email, first_name=given_name[:150], last_name=family_name[:150])
        user.role = User.Role.INSTRUCTOR if instructor else User.Role.STUDENT
        user.set_unusable_password()
        user.save()
        Identity.objects.create(platform=platform, sub=sub, user=user)
        return user
    user = identity.user
    if instructor and user.role == User.Role.STUDENT:
        user.role = User.Role.INSTRUCTOR
        user.save(update_fields=["role"])
    return user


def _enrol(*, course: Course, user: User, instructor: bool) -> None:
    role = Enrollment.Role.INSTRUCTOR if instructor else Enrollment.Role.STUDENT
    enrollment, created = enrollment_ensure(course=course, user=user, role=role)
    if not created and instructor and enrollment.role != role:
        enrollment.role = role
        enrollment.save(update_fields=["role"])


def _target(custom: dict[str, Any]) -> Quiz | Lesson | None:
    try:
        if custom.get("quiz_id"):
            return Quiz.objects.select_related("module").get(pk=int(custom["quiz_id"]))
        if custom.get("lesson_id"):
            return Lesson.objects.select_related("module").get(pk=int(custom["lesson_id"]))
    except (Quiz.DoesNotExist, Lesson.DoesNotExist, ValueError) as exc:
        raise LaunchRefused(ERROR_NO_TARGET) from exc
    return None


@transaction.atomic
def launch_provision(*, data: dict[str, Any], deep_link: bool = False) -> LaunchResult:
    """Match or create the user, the course link and the enrolment of a validated launch."""
    platform = _platform_of(data)
    try:
        with transaction.atomic():
            UsedNonce.objects.create(platform=platform, nonce=data["nonce"])
    except IntegrityError as exc:
        raise LaunchRefused(ERROR_REPLAY) from exc
    instructor = _is_instructor(data)
    custom = data.get(CLAIM + "custom") or {}
    target = _target(custom)
    ctx_claim = data.get(CLAIM + "context") or {}
    context = Context.objects.select_related("course").filter(platform=platform, context_id=ctx_claim.get("id", "")).first()
    if context is None and target is None and not instructor:
        raise LaunchRefused(ERROR_NO_COURSE)
    user = identity_ensure(
        platform=platform,
        sub=data["sub"],
        email=data.get("email", ""),
        given_name=data.get("given_name", ""),
        family_name=data.get("family_name", ""),
        instructor=instructor,
    )
    if context is None:
        if target is not None:
            course = target.module.course
        else:
            course = course_create(
                title=ctx_claim.get("title") or ctx_claim.get("label") or "LMS course",
                created_by=user,
                slug=f"lti-{platform.pk}-{ctx_claim.get('id', '')}",
            )
        context = Context.objects.create(
            platform=platform, context_id=ctx_claim.get("id", ""), title=ctx_claim.get("title", ""), course=course
        )
    ags = data.get(AGS_CLAIM) or {}
    nrps = data.get(NRPS_CLAIM) or {}
    changed = {"memberships_url": nrps.get("context_memberships_url", ""), "lineitems_url": ags.get("lineitems", "")}
    Context.objects.filter(pk=context.pk).update(**{k: v for k, v in changed.items() if v})
    _enrol(course=context.course, user=user, instructor=instructor)
    if isinstance(target, Quiz) and ags.get("lineitem"):
        LineItem.objects.update_or_create(context=context, quiz=target, defaults={"url": ags["lineitem"]})
    if deep_link:
        redirect_to = ""
    elif instructor:
        redirect_to = reverse("course-builder", args=[context.course_id])
    elif isinstance(target, Quiz):
        redirect_to = reverse("quiz-start", args=[target.pk])
    elif isinstance(target, Lesson):
        redirect_to = reverse("lesson-detail", args=[target.pk])
    else:
        redirect_to = reverse("course-detail", args=[context.course_id])
    return LaunchResult(
        platform=platform, user=user, course=context.course, is_instructor=instructor, redirect_to=redirect_to, deep_link=deep_link
    )


# --- deep linking ------------------------------------------------------------------------------


def deep_link_response(*, request: HttpRequest, launch_id: str, item: Quiz | Lesson) -> tuple[str, str]:
    """The LMS's return URL and the signed LtiDeepLinkingResponse carrying ``item``."""
    launch = _deep_link_launch(request=request, launch_id=launch_id)
    resource = DeepLinkResource().set_url(request.build_absolute_uri(reverse("lti:launch"))).set_title(item.title)
    if isinstance(item, Quiz):
        resource.set_custom_params({"quiz_id": str(item.pk)})
        resource.set_lineitem(PyLineItem().set_score_maximum(100).set_label(item.title).set_resource_id(f"quiz-{item.pk}"))
    else:
        resource.set_custom_params({"lesson_id": str(item.pk)})
    settings_claim = launch.get_launch_data()["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
    return settings_claim["deep_link_return_url"], launch.get_deep_link().get_response_jwt([resource])


def _deep_link_launch(*, request: HttpRequest, launch_id: str) -> Any:
    try:
        launch = DjangoMessageLaunch.from_cache(launch_id, request, ToolConf())
    except LtiException as exc:
        raise LaunchRefused("This deep-linking session has expired; open the LMS's dialog again.") from exc
    if not launch.is_deep_link_launch():
        raise LaunchRefused("This launch is not a deep-linking request.")
    return launch


QUIZ_FROM_READING_MAX_QUESTIONS = 10


@transaction.atomic
def deep_link_quiz_from_bank(*, request: HttpRequest, launch_id: str, bank: QuestionBank, user: User) -> Quiz:
    """Create, in the LMS course's linked Strategikon course, a module for the bank's reading and a
    published quiz drawing from the bank's approved questions: the "new quiz from a reading" choice
    of the add-activity dialog. The caller checks the instructor may use the bank."""
    data: dict[str, Any] = dict(_deep_link_launch(request=request, launch_id=launch_id).get_launch_data())
    context_claim: dict[str, Any] = data.get(CLAIM + "context") or {}
    context = Context.objects.select_related("course").get(platform=_platform_of(data), context_id=context_claim.get("id", ""))
    approved = bank.questions.filter(status=Question.Status.APPROVED, is_current=True).count()
    if not approved:
        raise LaunchRefused("This reading has no approved questions yet; review its bank first.")
    title = bank.reading.title if bank.reading else bank.name
    try:
        module = module_create(course=context.course, title=title[:200], reading=bank.reading, is_published=True)
        return quiz_create(
            module=module,
            title=f"Quiz: {title}"[:200],
            owner=user,
            sources=[SourceSpec(bank=bank, count=min(approved, QUIZ_FROM_READING_MAX_QUESTIONS))],
            is_published=True,
        )
    except ValidationError as exc:
        raise LaunchRefused(" ".join(exc.messages)) from exc


# --- Assignment and Grade Services ---------------------------------------------------------------


def _connector(platform: Platform) -> ServiceConnector:
    session = requests.Session()
    session.headers["User-Agent"] = "Strategikon-LTI"
    return ServiceConnector(registration_for(platform), session)


def _line_item_for(*, context: Context, quiz: Quiz, ags: AssignmentsGradesService) -> LineItem | None:
    existing = LineItem.objects.filter(context=context, quiz=quiz).first()
    if existing is not None:
        return existing
    if not context.lineitems_url:
        return None
    wanted = PyLineItem().set_score_maximum(100).set_label(quiz.title).set_resource_id(f"quiz-{quiz.pk}")
    found = ags.find_or_create_lineitem(wanted, find_by="resource_id")
    line_item, _ = LineItem.objects.get_or_create(context=context, quiz=quiz, defaults={"url": found.get_id()})
    return line_item


def attempt_score_push(*, attempt_id: int) -> list[ScoreSync]:
    """Send a graded attempt's score to every LMS line item of its quiz the student is known to.

    Idempotent: a sync that already carries the attempt's current grade_count is skipped, so a
    retried task sends nothing twice, while a regrade (grade_count + 1) is sent again. Raises
    on a transport error after recording it, so the Celery task retries.
    """
    # An attempt whose essays wait for marking has no final grade yet: essay marking sends it later.
    attempt = (
        Attempt.objects.select_related("quiz__module").filter(pk=attempt_id, state=Attempt.State.GRADED, marking_pending=False).first()
    )
    if attempt is None or attempt.score is None:
        return []
    contexts = Context.objects.select_related("platform").filter(course_id=attempt.quiz.module.course_id, platform__is_active=True)
    identities = {i.platform_id: i for i in Identity.objects.filter(user_id=attempt.user_id)}
    syncs: list[ScoreSync] = []
    failure: Exception | None = None
    for context in contexts:
        identity = identities.get(context.platform_id)
        if identity is None:
            continue
        ags = AssignmentsGradesService(
            _connector(context.platform),
            {"scope": AGS_SCOPES, "lineitems": context.lineitems_url},  # type: ignore[typeddict-item]
        )
        try:
            line_item = _line_item_for(context=context, quiz=attempt.quiz, ags=ags)
        except (LtiException, LtiServiceException, requests.RequestException) as exc:
            failure = exc
            continue
        if line_item is None:
            continue
        sync, _ = ScoreSync.objects.get_or_create(attempt=attempt, line_item=line_item)
        if sync.status == ScoreSync.Status.SENT and sync.grade_count >= attempt.grade_count:
            syncs.append(sync)
            continue
        percent = float(attempt.score) * 100 / float(attempt.max_score) if attempt.max_score else 0.0
        grade = (
            Grade()
            .set_score_given(round(percent, 3))
            .set_score_maximum(100)
            .set_timestamp((attempt.graded_at or timezone.now()).isoformat())
            .set_activity_progress("Completed")
            .set_grading_progress("FullyGraded")
            .set_user_id(identity.sub)
        )
        sync.tries += 1
        try:
            ags.put_grade(grade, PyLineItem().set_id(line_item.url))
        except (LtiException, LtiServiceException, requests.RequestException) as exc:
            sync.status, sync.error = ScoreSync.Status.FAILED, str(exc)[:2000]
            sync.save(update_fields=["status", "error", "tries", "updated_at"])
            failure = exc
            continue
        sync.status, sync.error, sync.grade_count, sync.score = ScoreSync.Status.SENT, "", attempt.grade_count, attempt.score
        sync.save(update_fields=["status", "error", "grade_count", "score", "tries", "updated_at"])
        syncs.append(sync)
    if failure is not None:
        raise failure
    return syncs


# Platforms sign id_tokens valid for minutes (an hour at most in the LMSs we know); a token older than
# this is refused for its expiry, so its nonce no longer needs remembering.
NONCE_KEEP = timedelta(days=1)


def used_nonces_purge(*, now: datetime | None = None) -> int:
    """Forget nonces of launches older than NONCE_KEEP; returns how many went."""
    deleted, _ = UsedNonce.objects.filter(used_at__lt=(now or timezone.now()) - NONCE_KEEP).delete()
    return deleted


# --- Names and Role Provisioning Services ----------------------------------------------------------


def context_roster_pull(*, context_id: int) -> int:
    """Create the users and enrolments of every member the LMS lists; returns how many members were seen."""
    context = Context.objects.select_related("platform", "course").get(pk=context_id)
    if not context.memberships_url:
        raise LaunchRefused("The LMS did not offer the roster service in this course's launches.")
    nrps = NamesRolesProvisioningService(_connector(context.platform), {"context_memberships_url": context.memberships_url})
    members = nrps.get_members()
    with transaction.atomic():
        for member in members:
            if member.get("status", "Active") != "Active":
                continue
            instructor = any(role.endswith(INSTRUCTOR_ROLES) or role == "Instructor" for role in member.get("roles", []))
            user = identity_ensure(
                platform=context.platform,
                sub=member["user_id"],
                email=member.get("email", ""),
                given_name=member.get("given_name", ""),
                family_name=member.get("family_name", ""),
                instructor=instructor,
            )
            _enrol(course=context.course, user=user, instructor=instructor)
        Context.objects.filter(pk=context.pk).update(roster_pulled_at=timezone.now())
    return len(members)


def platform_register(
    *, name: str, issuer: str, client_id: str, deployment_ids: list[str], auth_login_url: str, auth_token_url: str, key_set_url: str
) -> Platform:
    """Register an LMS; the tool's key pair exists from then on so the JWKS has something to publish."""
    platform = Platform.objects.create(
        name=name,
        issuer=issuer,
        client_id=client_id,
        deployment_ids=[str(d) for d in deployment_ids],
        auth_login_url=auth_login_url,
        auth_token_url=auth_token_url,
        key_set_url=key_set_url,
    )
    tool_key_current()
    return platform


# --- Dynamic registration (1EdTech LTI Dynamic Registration 1.0) -----------------------------------

LTI_PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"
LTI_TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
ERROR_REGISTRATION = "The LMS's registration could not be completed: {detail}"


def platform_register_dynamic(*, openid_configuration: str, registration_token: str, tool_urls: dict[str, str]) -> Platform:
    """Fetch the LMS's OpenID configuration, register the tool at its registration endpoint and
    record the platform. It is created inactive: anyone can open the registration URL, so a site
    admin must switch it on (admin, LTI 1.3, Platforms) before it can launch anything."""
    try:
        config = requests.get(openid_configuration, timeout=10).json()
        issuer = config["issuer"]
        # The configuration must come from the issuer it names, or a page could register any issuer.
        if not openid_configuration.startswith(issuer.rstrip("/") + "/"):
            raise LaunchRefused(ERROR_REGISTRATION.format(detail="the configuration URL is not under the issuer"))
        host = urlparse(tool_urls["redirect_uri"]).netloc
        payload: dict[str, Any] = {
            "application_type": "web",
            "response_types": ["id_token"],
            "grant_types": ["implicit", "client_credentials"],
            "initiate_login_uri": tool_urls["login_initiation_url"],
            "redirect_uris": [tool_urls["redirect_uri"]],
            "client_name": "Strategikon",
            "jwks_uri": tool_urls["jwks_url"],
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": " ".join([*AGS_SCOPES, NRPS_SCOPE]),
            LTI_TOOL_CONFIGURATION: {
                "domain": host,
                "target_link_uri": tool_urls["target_link_uri"],
                "claims": ["iss", "sub", "name", "given_name", "family_name", "email"],
                "messages": [{"type": "LtiDeepLinkingRequest", "target_link_uri": tool_urls["deep_linking_url"]}],
            },
        }
        headers = {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
        response = requests.post(config["registration_endpoint"], json=payload, headers=headers, timeout=10)
        response.raise_for_status()
        registered = response.json()
        client_id = registered["client_id"]
        deployment_id = registered.get(LTI_TOOL_CONFIGURATION, {}).get("deployment_id")
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise LaunchRefused(ERROR_REGISTRATION.format(detail=str(exc)[:300])) from exc
    product = config.get(LTI_PLATFORM_CONFIGURATION, {}).get("product_family_code", "LMS")
    # Never overwrite an existing registration from this unauthenticated page.
    if Platform.objects.filter(issuer=issuer, client_id=client_id).exists():
        raise LaunchRefused(ERROR_REGISTRATION.format(detail="this client is already registered"))
    platform = Platform.objects.create(
        issuer=issuer,
        client_id=client_id,
        name=f"{product} ({urlparse(issuer).netloc})",
        deployment_ids=[deployment_id] if deployment_id else [],
        auth_login_url=config["authorization_endpoint"],
        auth_token_url=config["token_endpoint"],
        key_set_url=config["jwks_uri"],
        is_active=False,
    )
    tool_key_current()
    return platform
