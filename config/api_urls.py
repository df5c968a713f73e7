"""All REST endpoints under /api/. Each app contributes its own ``api_urls``."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.api_errors import api_not_found

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("courseware.api_urls")),
    path("", include("quizzes.api_urls")),
    # Last: anything else under /api/ is a JSON 404, never Django's HTML page.
    re_path(r"^.*$", api_not_found),
]
