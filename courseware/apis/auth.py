"""The API token: issue (with the login guard) and revoke."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.parsers import FormParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import ApiView, TokenThrottle
from config.api_errors import ErrorSerializer, LoginRefused
from config.authentication import token_expires_at
from config.login_guard import refusal_of
from config.parsers import SafeJSONParser
from courseware.services.accounts import api_token_issue, api_token_revoke


class TokenApi(ApiView):
    """POST: exchange a username and password for an API token (the same token until it expires).
    DELETE: revoke the token (or session user's token) the request is made with."""

    parser_classes = [SafeJSONParser, FormParser]

    def get_authenticators(self) -> list[Any]:
        # A stale session or token must not block a fresh login; revoking needs one.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_throttles(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return [TokenThrottle()]
        return []

    class InputSerializer(AuthTokenSerializer):
        pass

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField(read_only=True)
        expires_at = serializers.DateTimeField(read_only=True, help_text="after this the token answers 401; ask for a new one")

    @extend_schema(
        operation_id="auth_token_create",
        request=InputSerializer,
        responses={200: OutputSerializer, 429: OpenApiResponse(ErrorSerializer, description="Too many attempts; wait and retry.")},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # authenticate() reports a refusal by the login limits as a plain failure; tell the
            # client to wait (429) rather than letting it believe the password is wrong.
            refusal = refusal_of(request)
            if refusal is not None:
                raise LoginRefused(detail=refusal.message, code=refusal.code, wait=refusal.retry_after)
            raise serializers.ValidationError(serializer.errors)
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response(self.OutputSerializer({"token": token.key, "expires_at": token_expires_at(token)}).data)

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
