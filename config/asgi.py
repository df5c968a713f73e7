"""The ASGI application production serves with WEB_SERVER=asgi (gunicorn with uvicorn's worker class;
the default is sync workers on config.wsgi, which measured faster in a burst: see README).

Two halves in one process:

- the push endpoint (``/api/attempts/<id>/events/``, ``quizzes.apis.events``) goes to Django's
  ASGI handler: hundreds of students can wait for their grade in one process, each costing a
  coroutine and a Redis subscription, not a worker;
- every other request goes to the WSGI application through a2wsgi's ``WSGIMiddleware`` with one
  thread per process: the same one-request-at-a-time worker with one persistent database
  connection that gunicorn's sync workers were, measured by ``make bench``. (asgiref's
  ``WsgiToAsgi`` did the same through ``sync_to_async`` and failed about 1 request in 400 under a
  burst with "CurrentThreadExecutor already quit or is broken", asgiref issues 491 and 526.)
  Django's own ASGI handler would instead run each request's synchronous code in a new thread,
  with a new database connection each time (Django's documentation asks for CONN_MAX_AGE=0 or a
  pool under ASGI), which the rest of the site was not measured with.
"""

from __future__ import annotations

import os
import re
from typing import Any

from a2wsgi import WSGIMiddleware
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi = get_asgi_application()
wsgi_as_asgi = WSGIMiddleware(get_wsgi_application(), workers=1)  # type: ignore[arg-type]  # Django's handler is typed loosely

from config.startup import refuse_to_serve_if_broken  # noqa: E402 (needs the apps loaded above)

refuse_to_serve_if_broken()

# The path of quizzes/api_urls.py's "api-attempt-events" (tests/config/test_asgi.py holds them together).
ASYNC_PATHS = re.compile(r"^/api/attempts/\d+/events/$")


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http" and not ASYNC_PATHS.match(scope["path"]):
        await wsgi_as_asgi(scope, receive, send)  # type: ignore[arg-type]  # a plain dict is the ASGI scope
    else:
        # The push endpoint, and the "lifespan" messages uvicorn sends (Django declines them).
        await django_asgi(scope, receive, send)
