"""Thin HTML/JSON entry points of the LTI flow; the work is in services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courseware.models import Lesson
from courseware.permissions import RequestUser, is_instructor, is_site_admin, role_required
from courseware.selectors import course_get_for_instructor, course_list_taught_by
from quizzes.lti import selectors, services
from quizzes.lti.keys import tool_jwks
from quizzes.lti.middleware import SESSION_FRAME_ORIGINS, platform_origins
from quizzes.lti.models import Context
from quizzes.models import QuestionBank, Quiz


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "lti/refused.html", {"message": message}, status=400)


def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(tool_jwks())


# The LMS posts both of these from its own origin: there is no CSRF token to check; the OIDC
# state (cookie) and nonce (session) are what tie the launch to this browser.
@csrf_exempt
@xframe_options_exempt
def oidc_login(request: HttpRequest) -> HttpResponse:
    try:
        return services.oidc_login_redirect(request=request)  # type: ignore[no-any-return]
    except services.LaunchRefused as exc:
        return _refused(request, str(exc))


@csrf_exempt
@xframe_options_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    try:
        message = services.launch_validate(request=request)
        deep_link = message.is_deep_link_launch()
        result = services.launch_provision(data=dict(message.get_launch_data()), deep_link=deep_link)
    except services.LaunchRefused as exc:
        return _refused(request, str(exc))
    # The LMS vouched for the user; the session is an ordinary one from here on.
    login(request, result.user, backend=settings.AUTHENTICATION_BACKENDS[0])
    # From now on this session's pages may be framed by this LMS (see quizzes.lti.middleware).
    request.session[SESSION_FRAME_ORIGINS] = platform_origins(result.platform)
    if deep_link:
        return redirect(reverse("lti:deep-link", args=[message.get_launch_id()]))
    return redirect(result.redirect_to)


@login_required
@xframe_options_exempt
@role_required(is_instructor)
def deep_link(request: HttpRequest, launch_id: str) -> HttpResponse:
    """The instructor's picker in the LMS's "add activity" dialog."""
    if request.method == "POST":
        kind, _, pk = request.POST.get("item", "").partition(":")
        taught = course_list_taught_by(user=request.user)
        item: Quiz | Lesson
        try:
            if kind == "quiz":
                item = get_object_or_404(Quiz, pk=pk, module__course__in=taught)
            elif kind == "bank":
                bank = get_object_or_404(_banks_for(request.user), pk=pk)
                item = services.deep_link_quiz_from_bank(request=request, launch_id=launch_id, bank=bank, user=request.user)  # type: ignore[arg-type]
            else:
                item = get_object_or_404(Lesson, pk=pk, module__course__in=taught)
            return_url, token = services.deep_link_response(request=request, launch_id=launch_id, item=item)
        except services.LaunchRefused as exc:
            return _refused(request, str(exc))
        response = render(request, "lti/deep_link_return.html", {"return_url": return_url, "jwt": token})
        # The form posts to the LMS: allow that one origin as a form target on this page only.
        response._csp_update = {"form-action": [return_url]}  # type: ignore[attr-defined]
        return response
    taught = course_list_taught_by(user=request.user)
    quizzes = (
        Quiz.objects.filter(module__course__in=taught, is_practice=False)
        .select_related("module__course")
        .order_by("module__course__title", "title")
    )
    lessons = Lesson.objects.filter(module__course__in=taught).select_related("module__course").order_by("module__course__title", "title")
    banks = _banks_for(request.user).filter(reading__isnull=False).select_related("reading").order_by("reading__title")
    return render(request, "lti/deep_link.html", {"quizzes": quizzes, "lessons": lessons, "banks": banks})


def _banks_for(user: RequestUser) -> QuerySet[QuestionBank]:
    """Banks an instructor may build a quiz from: those of the courses they teach, and their own."""
    return QuestionBank.objects.filter(Q(course__in=course_list_taught_by(user=user)) | Q(owner=user)).distinct()


@login_required
@role_required(is_instructor)
def quiz_sync_status(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(Quiz.objects.select_related("module"), pk=quiz_id)
    course_get_for_instructor(user=request.user, course_id=quiz.module.course_id)
    context = {
        "quiz": quiz,
        "syncs": selectors.score_syncs_for_quiz(quiz_id=quiz.pk),
        "contexts": selectors.contexts_for_course(course_id=quiz.module.course_id),
    }
    return render(request, "lti/sync_status.html", context)


@login_required
@role_required(is_instructor)
@require_POST
def roster_pull(request: HttpRequest, context_id: int) -> HttpResponse:
    context = get_object_or_404(Context, pk=context_id)
    course_get_for_instructor(user=request.user, course_id=context.course_id)
    try:
        count = services.context_roster_pull(context_id=context.pk)
    except services.LaunchRefused as exc:
        return _refused(request, str(exc))
    return render(request, "lti/roster_pulled.html", {"context": context, "count": count})


@login_required
@role_required(is_site_admin)
def setup(request: HttpRequest) -> HttpResponse:
    """What to paste into each LMS."""
    urls = selectors.setup_urls(build=lambda name: request.build_absolute_uri(reverse(name)))
    return render(request, "lti/setup.html", {"urls": urls})


@xframe_options_exempt
def dynamic_registration(request: HttpRequest) -> HttpResponse:
    """LTI Dynamic Registration: the LMS opens this with ``openid_configuration`` (and a token)."""
    urls = selectors.setup_urls(build=lambda name: request.build_absolute_uri(reverse(name)))
    try:
        platform = services.platform_register_dynamic(
            openid_configuration=request.GET.get("openid_configuration", ""),
            registration_token=request.GET.get("registration_token", ""),
            tool_urls=urls,
        )
    except services.LaunchRefused as exc:
        return _refused(request, str(exc))
    return render(request, "lti/registered.html", {"platform": platform})
