"""Site-wide HTML views that belong to no app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import resolve_url

from config.login_guard import DEVICE_COOKIE, device_cookie_value, refusal_of
from courseware.permissions import is_instructor


class LoginView(auth_views.LoginView):
    """Django's login page; a login refused by the limits of config/login_guard.py answers 429
    with ``Retry-After`` and says so, instead of "wrong password". A successful login marks
    the browser as the account's own (``login_device``), which keeps it out of the limits an
    attacker can trip for the account."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["login_refusal"] = refusal_of(self.request)
        return context

    def get_default_redirect_url(self) -> str:
        """Instructors and admins start on their teaching page, not on the student dashboard
        ("Practice due today", "Take a quiz to see your mastery"); a ``next`` still wins."""
        if not self.next_page and is_instructor(self.request.user):
            return resolve_url("teach-home")
        return super().get_default_redirect_url()

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        response.set_cookie(
            DEVICE_COOKIE,
            device_cookie_value(username=form.get_user().get_username()),
            max_age=settings.LOGIN_KNOWN_ADDRESS_DAYS * 86400,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        refusal = refusal_of(self.request)
        if refusal is not None:
            response.status_code = 429
            response["Retry-After"] = str(refusal.retry_after)
        return response
