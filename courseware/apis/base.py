"""The DRF permissions the courseware endpoints share."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from courseware.permissions import is_instructor, is_site_admin


class IsInstructor(BasePermission):
    message = "Only instructors and admins build courses."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_instructor(request.user)


class IsSiteAdmin(BasePermission):
    message = "Only site admins may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_site_admin(request.user)
