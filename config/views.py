"""Site-wide HTML views that belong to no app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from config.login_guard import refusal_of


class LoginView(auth_views.LoginView):
    """Django's login page; a login refused by the limits of config/login_guard.py answers 429
    with ``Retry-After`` and says so, instead of "wrong password"."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["login_refusal"] = refusal_of(self.request)
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        refusal = refusal_of(self.request)
        if refusal is not None:
            response.status_code = 429
            response["Retry-After"] = str(refusal.retry_after)
        return response
