"""Settings for every environment: what differs is read from environment variables.

The variables and their defaults are listed in `.env.example` and the README. With none set, the
site runs on an SQLite file (WAL) and the in-process cache; `DATABASE_URL` and `REDIS_URL` switch
to PostgreSQL and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO

from learning import languages

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key is only good for a laptop: `check --deploy` flags it (security.W009).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-kasumi-local-development-only"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Behind an HTTPS-terminating proxy in production: redirects, secure cookies and HSTS.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
# Django's default (None) sends it on cross-site requests too.
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies stand in front of the app (one when DJANGO_BEHIND_PROXY says there is one and
# no count is given). Only then, and only that far, is X-Forwarded-For believed
# (learning/clientip.py: the client address of the lock-out, the throttles and the page limits).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT") or (1 if BEHIND_PROXY else 0))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "learning",
    "lessons",
    "lessons.teach",
    "lessons.review.apps.ReviewConfig",
    "hub",
    "letters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    # Interface translations corrected in the browser, behind the Translator role.
    "rosetta",
    # Background jobs (speech synthesis): Django's tasks API, backported to 5.2.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise (static files come pre-compressed), above everything that writes a body.
    "learning.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before the language is chosen: a correction recorded elsewhere is loaded first.
    "learning.catalogues.CatalogueRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learning.middleware.UserLanguageMiddleware",
    "learning.middleware.CrossSiteApiWriteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before every view: no path or query parameter with a control character reaches one.
    "learning.middleware.AddressPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lessons.review.middleware.FadingFuriganaMiddleware",
    # Last, as django-axes requires: it turns a locked-out attempt into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "learning.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "db.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at the
                # start of a transaction, so two gunicorn workers never deadlock on an upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# One transaction per request: a view either writes everything or nothing.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# "default" may be per process and may evict (lesson pages, decks, furigana labels: each entry
# bounded in size and life). "shared" must be the same for every worker: throttle counts and
# the content generations of cached pages. Without Redis it is a database table (migration
# 0003). With Redis, give the cache a `maxmemory` and an eviction policy (README, "Redis");
# REDIS_SHARED_URL may put the shared counts on a second, non-evicting Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_SHARED_URL = os.environ.get("REDIS_SHARED_URL", "") or REDIS_URL
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kasumi",
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_SHARED_URL,
            "KEY_PREFIX": "kasumi-shared",
        },
    }
    # Sessions live in the database, which eviction cannot touch; Redis keeps only a copy to
    # save the query (an evicted copy costs one read, never a sign-out). There is no job queue:
    # mail goes out from the request that causes it.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kasumi",
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kasumi_shared_cache",
        },
    }
    # Django's database sessions, read with a prepared SELECT (learning/sessions.py).
    SESSION_ENGINE = "learning.sessions"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "learning.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the account of each request with a prepared SELECT.
    "learning.sessions.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lock out a (username, address) pair, never a username alone: a stranger who knows a learner's
# username cannot lock the learner out from another network.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The same client address as the throttles and page limits (never the proxy's, never a header
# the client made up).
AXES_CLIENT_IP_CALLABLE = "learning.clientip.client_address"
AXES_VERBOSE = False

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Prints whole mails only with DEBUG on; in production only that a mail was not sent.
    EMAIL_BACKEND = "learning.mail.ConsoleEmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kasumi <noreply@localhost>")
# The site's public address, for links in e-mails sent outside a request (a writer's status link).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# The domain in feed entry ids (tag URIs): set it once to a domain the group owns and never
# change it, or every feed reader sees every entry again. Empty: the host of SITE_URL.
FEED_TAG_AUTHORITY = os.environ.get("FEED_TAG_AUTHORITY", "")

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Interface languages offered now; adding one is a catalogue under locale/ and a line here.
LANGUAGES = languages.INTERFACE_LANGUAGES
# Each language is named in itself in the switcher; Django lacks the locale data of a few.
LANG_INFO.update(languages.EXTRA_LANG_INFO)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Languages a learner may want meanings in (learning/languages.py holds every language list).
MEANING_LANGUAGES = languages.MEANING_LANGUAGES
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# Volunteers correct interface translations at /translate/ (learning/catalogues.py).
ROSETTA_ACCESS_CONTROL_FUNCTION = "learning.catalogues.user_can_translate"
ROSETTA_REQUIRES_AUTH = True
ROSETTA_LOGIN_URL = "/accounts/login/"
ROSETTA_SHOW_AT_ADMIN_PANEL = False
ROSETTA_ENABLE_TRANSLATION_SUGGESTIONS = False  # no outside machine translation
ROSETTA_AUTO_COMPILE = True
ROSETTA_MESSAGES_SOURCE_LANGUAGE_CODE = "en"
ROSETTA_MESSAGES_SOURCE_LANGUAGE_NAME = "English"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# Uploaded files; `manage.py backup` archives them with the database.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Photos and scans of refugees' handwritten replies: outside the static and media roots, with
# no URL, so no web server serves them; only a permission-checked view of `letters` reads them.
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", BASE_DIR / "var" / "private"))
# Synthesised audio: local files served by the app (lessons:audio-file, under /courses/audio/,
# with byte ranges, which Safari needs), or any S3-compatible store when AUDIO_S3_BUCKET is set
# (pip install 'kasumi[s3]'; credentials from the usual AWS_* variables).
AUDIO_S3_BUCKET = os.environ.get("AUDIO_S3_BUCKET", "")
if AUDIO_S3_BUCKET:
    AUDIO_STORAGE: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AUDIO_S3_BUCKET,
            "endpoint_url": os.environ.get("AUDIO_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AUDIO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": True,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    AUDIO_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/courses/", "allow_overwrite": True},
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "learning.storage.StaticStorage"},
    "audio": AUDIO_STORAGE,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(PRIVATE_FILES_ROOT),
            "base_url": "/not-served/",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}

# --- Background jobs ------------------------------------------------------------------------
# The database queue (django-tasks-db) by default; RQ on Redis when REDIS_URL is set, so workers
# may run on any number of hosts (`manage.py run_worker` starts the right one). TASKS_BACKEND
# (db, rq or immediate: run in the request, for debugging only) overrides the choice.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "rq" if REDIS_URL else "db")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A clip still waiting this long after it was queued (its worker was killed) is queued again.
AUDIO_LEASE_SECONDS = int(os.environ.get("AUDIO_LEASE_SECONDS", "300"))
AUDIO_MAX_ATTEMPTS = int(os.environ.get("AUDIO_MAX_ATTEMPTS", "4"))
# The speech engine of the clip store (learning.audio): a module with ENGINE_VERSION, FORMAT,
# SpeechError and synthesize(reading, *, voice). Named here, so the store (below the apps)
# never imports the app that holds it.
AUDIO_ENGINE = "lessons.japanese.speech"

# --- Security headers -----------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# Audio from an S3-compatible store is played from its domain.
if AUDIO_S3_BUCKET:
    _audio_origin = os.environ.get("AUDIO_S3_CUSTOM_DOMAIN") or os.environ.get(
        "AUDIO_S3_ENDPOINT_URL", "https://*.amazonaws.com"
    )
    if "://" not in _audio_origin:
        _audio_origin = f"https://{_audio_origin}"
    _directives: dict[str, list[str]] = CONTENT_SECURITY_POLICY["DIRECTIVES"]  # type: ignore[assignment]
    _directives["media-src"].append(_audio_origin)

# --- Request sizes --------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", str(256 * 1024)))
API_MAX_JSON_DEPTH = 32

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["learning.drf.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "learning.drf.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "learning.drf.SharedAnonThrottle",
        "learning.drf.SharedUserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("API_THROTTLE_USER", "600/min"),
        "furigana": os.environ.get("API_THROTTLE_FURIGANA", "60/min"),
        "furigana-tutor": os.environ.get("API_THROTTLE_FURIGANA_TUTOR", "600/min"),
        # Public writes and look-ups (letters, proposals): per client address.
        # Accepted letters only. Per address: a workshop of ~20 writers on one Wi-Fi sends
        # one or two letters each in an hour. Per account: one person writing a lot.
        "letter-submit": os.environ.get("THROTTLE_LETTER_SUBMIT", "40/hour"),
        "letter-submit-user": os.environ.get("THROTTLE_LETTER_SUBMIT_USER", "10/hour"),
        "letter-status": os.environ.get("THROTTLE_LETTER_STATUS", "60/hour"),
        # Requests to e-mail lost status links again, per address and per e-mail address.
        "letter-link": os.environ.get("THROTTLE_LETTER_LINK", "5/hour"),
        "proposal": os.environ.get("THROTTLE_PROPOSAL", "10/hour"),
        # Deck downloads: per account for signed-in learners; per address for anonymous ones,
        # enough for a class of ~30 on one router taking a few decks each (served from the
        # cache after the first build). Re-downloads answered 304 are free.
        "deck": os.environ.get("THROTTLE_DECK", "300/hour"),
        "deck-user": os.environ.get("THROTTLE_DECK_USER", "60/hour"),
        # Accounts made per address: a class of about 20 signing up together on one Wi-Fi; and
        # per e-mail address given (nobody needs more than a couple of accounts a day).
        "signup": os.environ.get("THROTTLE_SIGNUP", "20/hour"),
        "signup-email": os.environ.get("THROTTLE_SIGNUP_EMAIL", "3/day"),
        # Reset requests per address (a class forgetting passwords together), and reset mails
        # per e-mail address (nobody's inbox can be filled with reset mails).
        "password-reset": os.environ.get("THROTTLE_PASSWORD_RESET", "20/hour"),
        "password-reset-email": os.environ.get("THROTTLE_PASSWORD_RESET_EMAIL", "3/hour"),
    },
    "EXCEPTION_HANDLER": "learning.drf.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "learning.schema.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kasumi API",
    "DESCRIPTION": "Lessons, furigana, articles, partners and letters of Kasumi.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several models have a `kind`: each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "PassageKindEnum": "lessons.models.Passage.Kind",
        "ExerciseKindEnum": "lessons.models.Exercise.Kind",
    },
}

# --- Logging --------------------------------------------------------------------------------
# Letter status tokens and password-reset tokens never reach a log (learning/logs.py): the
# filter sits on the loggers that write URLs (a 404 warning names the path) and on the handler
# every other record passes through. gunicorn's own logs: gunicorn.conf.py.
_REDACT = {"()": "learning.logs.RedactTokens"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": _REDACT},
    "formatters": {"server": {"format": "[{asctime}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "server": {
            "class": "logging.StreamHandler",
            "filters": ["redact_tokens"],
            "formatter": "server",
        },
    },
    "loggers": {
        "django.request": {"filters": ["redact_tokens"]},
        "django.security": {"filters": ["redact_tokens"]},
        "django.server": {
            "handlers": ["server"],
            "filters": ["redact_tokens"],
            "level": "INFO",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
