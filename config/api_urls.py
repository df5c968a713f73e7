"""All REST endpoints under /api/. Each app contributes its own ``api_urls``."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from config.api_errors import api_not_found


class JsonErrorsMixin:
    """The schema and docs views render in YAML or HTML; their refusals (401 for anonymous
    visitors, see SPECTACULAR_SETTINGS) are JSON like every other API error."""

    def handle_exception(self, exc: Exception) -> Response:
        self.request.accepted_renderer = JSONRenderer()  # type: ignore[attr-defined]
        self.request.accepted_media_type = "application/json"  # type: ignore[attr-defined]
        return super().handle_exception(exc)  # type: ignore[misc,no-any-return]


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    pass


class DocsView(JsonErrorsMixin, SpectacularSwaggerSplitView):
    pass


urlpatterns = [
    # Quizzes first: a classroom's starts, autosaves and submits are most of the API's requests.
    path("", include("quizzes.api_urls")),
    path("", include("courseware.api_urls")),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    # Last: anything else under /api/ is a JSON 404, never Django's HTML page.
    re_path(r"^.*$", api_not_found),
]
