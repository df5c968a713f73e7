from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from courseware.permissions import is_site_admin
from quizzes.lti.models import Platform
from quizzes.lti.services import platform_register


class IsSiteAdmin(BasePermission):
    def has_permission(self, request: Request, view: object) -> bool:
        return is_site_admin(request.user)


class PlatformCreateApi(APIView):
    """Register an LMS (admins only)."""

    permission_classes = [IsSiteAdmin]

    class Input(serializers.ModelSerializer):
        deployment_ids = serializers.ListField(child=serializers.CharField(max_length=255), required=False, default=list)

        class Meta:
            model = Platform
            fields = ["name", "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url", "key_set_url"]

    class Output(serializers.ModelSerializer):
        class Meta:
            model = Platform
            fields = ["id", "name", "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url", "key_set_url"]

    @extend_schema(operation_id="lti_platform_register", request=Input, responses={201: Output})
    def post(self, request: Request) -> Response:
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        platform = platform_register(**data.validated_data)
        return Response(self.Output(platform).data, status=201)
