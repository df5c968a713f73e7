"""Django settings for Strategikon.

Everything that differs between a laptop and production comes from the environment, read
in this one module through ``config.env`` (which refuses malformed values):

DEBUG            off unless set to a true value
SECRET_KEY       required when DEBUG is off
ALLOWED_HOSTS    comma-separated; defaults to localhost only
DATABASE_URL     postgres://... or sqlite:///... ; default: SQLite file ``var/db.sqlite3``
                 (SQLite in WAL mode with IMMEDIATE transactions, whichever way it is chosen)
REDIS_URL        redis://... ; default: none -> an embedded file-system broker, so grading
                 still happens in a separate worker process without any server
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("STRATEGIKON_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", default=False)

_secret = env_str("SECRET_KEY")
if _secret is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development).")
    _secret = "insecure-development-key-only-for-debug-and-tests-0123456789abcdef"  # noqa: S105 (never used with DEBUG off)
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "courseware",
    "quizzes",
    "quizzes.lti",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quizzes.lti.middleware.LtiCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "quizzes.lti.middleware.LtiFrameMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.NoStoreMiddleware",
    "config.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite, however it is chosen (no DATABASE_URL, or DATABASE_URL=sqlite:///...), gets the same
# settings: WAL lets the web server read while the worker writes; IMMEDIATE transactions take
# the write lock up front and wait for it (timeout, s) instead of failing half-way with
# "database is locked" when two requests write at once.
SQLITE_OPTIONS: dict[str, object] = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
_database_url = env_url("DATABASE_URL", schemes=("postgres", "postgresql", "sqlite"))
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "db.sqlite3")}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Off by default: the check is a SELECT 1 before the first query of every request, about
    # 0.2 ms of web CPU and 0.1 ms of PostgreSQL's per autosave (5-10 %; three alternating
    # runs of 2,000 saves, gunicorn, noisy to +-10 %). Without it a connection broken by a
    # database restart fails one request per process; Django then drops it and reconnects.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DB_CONN_HEALTH_CHECKS", default=False)
    # Prepared statements: PostgreSQL plans a statement once per connection, not at every run. An
    # autosave's read joins seven tables (the attempt's ownership and the student's enrolment):
    # planning it took 1.2 ms against 0.1 ms to run it, most of PostgreSQL's CPU per save. psycopg
    # prepares a statement from its sixth run on a connection, and only with server-side binding
    # (Django binds on the client by default). Off for a pooler that cannot keep prepared
    # statements across transactions (PgBouncer in transaction mode before 1.21).
    if env_bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 5}
    # One test database per test process, so parallel runs never drop each other's.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **SQLITE_OPTIONS}
    # A file, not :memory:, so that a real Celery worker started by a test sees the data.
    # One file per test process so parallel runs (xdist, two checkouts) never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "courseware.User"
# One backend: Django's, behind the login limits of config/login_guard.py (checked before hashing).
AUTHENTICATION_BACKENDS = ["config.login_guard.GuardedModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login limits (config/login_guard.py), counted per LOGIN_WINDOW_SECONDS in the shared cache.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
# How many proxies in front append the address they saw to X-Forwarded-For (config/client_address.py);
# 0 trusts no header. The documented deployment has one TLS-terminating load balancer.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0)
LOGIN_WINDOW_SECONDS = env_int("LOGIN_WINDOW_SECONDS", 900, minimum=1)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)  # one account from one address
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)  # one address, any accounts
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 10, minimum=1)  # one account, new addresses
LOGIN_GLOBAL_FAILURE_LIMIT = env_int("LOGIN_GLOBAL_FAILURE_LIMIT", 100, minimum=1)  # the site, new addresses
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", 30, minimum=1)
# Password checks running at once over all web processes; keep it below the number of web workers.
LOGIN_CONCURRENT_CHECKS = env_int("LOGIN_CONCURRENT_CHECKS", 2, minimum=0)
# An API token stops working this many days after it was issued (config/authentication.py).
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 7, minimum=1)
# /healthz shows its details to staff, to loopback clients and to requests with this token
# in the X-Health-Token header; everyone else sees only the status.
HEALTH_DETAILS_TOKEN = env_str("HEALTH_DETAILS_TOKEN")

# The cache holds the login and API throttle counts, so it must be one for all processes:
# Redis when configured, otherwise a directory every process on this machine shares.
_cache_redis_url = env_url("REDIS_URL", schemes=("redis", "rediss"))
if not _cache_redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "default"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": _cache_redis_url,
            "KEY_PREFIX": "strategikon",
        }
    }

# --- i18n / static --------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (question images). No MEDIA_URL: nothing here is public; every file is served
# by a view that checks who asks (quizzes.views.files). Several web hosts need one shared
# directory (a network mount) or another storage backend here.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")) or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: no inline scripts anywhere; every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Upload limits: readings are at most READING_MAX_BYTES; Django's own caps stay a bit above so
# the import service, not a bare 400, reports the size error.
READING_MAX_BYTES = env_int("READING_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = READING_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = READING_MAX_BYTES + 1024 * 1024
# At most this many questions in one bank import (GIFT, Moodle XML, Aiken); a larger file is
# refused whole with a 400 before anything is inserted, after reading at most one question more.
# 2,000 questions import in about 2 s (SQLite, shared machine) and a 9 MB file is refused in
# 0.2 s, so an import stays well inside the web request's 30 s and needs no worker.
QUESTION_IMPORT_MAX_QUESTIONS = env_int("QUESTION_IMPORT_MAX_QUESTIONS", 2000, minimum=1)
# Largest image a question may carry (an upload, or one file of a Moodle XML import): a
# figure or a diagram, not a photo archive. Beyond it the upload is refused with a message.
QUESTION_FILE_MAX_BYTES = env_int("QUESTION_FILE_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
# Largest file a student may attach to an essay (quizzes.attachments): a paper with its figures.
# The upload is refused with a message beyond it, before its bytes are read into memory.
ESSAY_FILE_MAX_BYTES = env_int("ESSAY_FILE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.authentication.CachedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "config.api.ApiAutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
    # DRF's defaults, with JSON that refuses deep nesting (F8).
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("THROTTLE_TOKEN", "20/min"),
        "attempt_start": env_str("THROTTLE_ATTEMPT_START", "30/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Strategikon API",
    "DESCRIPTION": "Readings, question banks, quizzes, attempts and progress.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs are for API users, students included, and nobody else (F18).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from the installed sidecar package (no CDN; CSP allows only 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ReadingKindEnum": "courseware.models.Reading.Kind",
        "SectionKindEnum": "courseware.models.Section.Kind",
        "QuestionStatusEnum": "quizzes.models.Question.Status",
        "QuestionOriginEnum": "quizzes.models.Question.Origin",
        "AttemptStateEnum": ["in_progress", "submitted", "graded"],
        "ReviewLevelEnum": "quizzes.models.Quiz.Review",
    },
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999999999999999999}},
    # quizzes.apis.events.document: the push endpoint is an async Django view, not a DRF one.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "quizzes.apis.events.document",
        "config.api_errors.add_error_responses",
    ],
}

# --- Celery -------------------------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss"))
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    # The embedded broker: messages are files in var/broker, shared by the web process and
    # the worker process, so `make run` needs no server and grading is still asynchronous.
    # "localfs" is kombu's filesystem transport with atomic writes (config/broker.py).
    CELERY_BROKER_URL = "localfs://"
    for _sub in ("in", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)

# Grading must finish well inside the visibility timeout, or Redis would redeliver a task
# that is still running: hard limit 120 s < visibility 3600 s.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 90, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 120, minimum=2)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=CELERY_TASK_TIME_LIMIT + 1)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# Liveness of workers is recorded in the database (see quizzes.workers) so that /healthz can
# count workers on every broker, including the embedded one that has no broadcast.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 5, minimum=1)
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 20, minimum=2)

# Submitted attempts not graded after this long are re-enqueued by the sweeper.
GRADING_SWEEP_AFTER_SECONDS = env_int("GRADING_SWEEP_AFTER_SECONDS", 30, minimum=1)
# A grading task claims and grades up to this many submitted attempts together (its own first).
GRADING_BATCH_SIZE = env_int("GRADING_BATCH_SIZE", 50, minimum=1)
# A submit's grading message waits this long (ms) before it claims, so that the submits of those
# milliseconds join its batch instead of each paying a batch's fixed cost (quizzes.services.grading).
GRADING_GATHER_MS = env_int("GRADING_GATHER_MS", 250, minimum=0)
# The push channel (quizzes/attempt_events.py): how long one wait for "graded" lasts before the
# endpoint answers "timeout" and the client asks again (below the 30 s most proxies and load
# balancers allow an idle response), and where, without Redis, grading leaves its signal files.
ATTEMPT_EVENTS_TIMEOUT_SECONDS = env_int("ATTEMPT_EVENTS_TIMEOUT_SECONDS", 25, minimum=1)
# Whether the push endpoint waits for the grade. A sync worker (gunicorn config.wsgi, the default
# production server) must not: a waiting student would hold the whole worker, so run_platform sets
# it to 0 there and the endpoint answers at once, its client asking again every few seconds.
ATTEMPT_EVENTS_WAIT = env_bool("ATTEMPT_EVENTS_WAIT", True)
ATTEMPT_EVENTS_DIR = VAR_DIR / "events"
# How long a process remembers an API token's user (config/authentication.py); 0 = never.
API_TOKEN_CACHE_SECONDS = env_int("API_TOKEN_CACHE_SECONDS", 10, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- LTI 1.3 (quizzes/lti) --------------------------------------------------------------------------
# The tool's private keys are stored encrypted with a key derived from this secret (SECRET_KEY when empty).
LTI_KEY_SECRET = env_str("LTI_KEY_SECRET", "")
# How long a rotated key stays in the JWKS, so platforms that cached it keep verifying our messages.
LTI_KEY_GRACE_SECONDS = env_int("LTI_KEY_GRACE_SECONDS", 7 * 24 * 3600)
