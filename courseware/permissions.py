"""Role checks shared by HTML views, API views and services.

Site roles decide which areas a user may enter; per-object access (is this *your* course?)
is decided by the ``*_get_for_user`` selectors, which answer not-found for anything the user
may not see.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeAlias, TypeVar

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from courseware.models import User

F = TypeVar("F", bound=Callable[..., HttpResponse])

# Whoever a request carries: a signed-in user or an anonymous visitor. django-stubs types
# ``request.user`` (and DRF's) as exactly this, so services and selectors take it as it comes and
# check ``is_authenticated`` themselves where it matters.
RequestUser: TypeAlias = User | AnonymousUser


def signed_in(user: RequestUser) -> User:
    """``user`` as the account it is, for a write or read that needs one (an owner, an author, a
    student's own rows). Every entry point checks the login first, so an anonymous visitor here is
    a caller's bug: PermissionDenied (403) rather than a row written for nobody."""
    if isinstance(user, User):
        return user
    raise PermissionDenied("Sign in first.")


def is_site_admin(user: RequestUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or getattr(user, "role", None) == User.Role.ADMIN))


def is_instructor(user: RequestUser) -> bool:
    return bool(user.is_authenticated and (is_site_admin(user) or getattr(user, "role", None) == User.Role.INSTRUCTOR))


class _RoleRequiredMixin(AccessMixin):
    """Anonymous users are sent to the login page; signed-in users without the role get 403."""

    def has_role(self, user: RequestUser) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_role(request.user):
            raise PermissionDenied("Your role does not give access to this page.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class InstructorRequiredMixin(_RoleRequiredMixin):
    def has_role(self, user: RequestUser) -> bool:
        return is_instructor(user)


class AdminRequiredMixin(_RoleRequiredMixin):
    def has_role(self, user: RequestUser) -> bool:
        return is_site_admin(user)


def role_required(check: Callable[[Any], bool]) -> Callable[[F], F]:
    """Function-view form of the mixins above."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            from django.contrib.auth.views import redirect_to_login

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


instructor_required = role_required(is_instructor)
admin_required = role_required(is_site_admin)
