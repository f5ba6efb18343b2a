"""Healthsite settings: one module, production differences only through the environment.

Every variable is listed in `.env.example` and explained in README.md.
"""

import os
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The test suite runs under pytest; it needs no secret and uses fast password hashing.
TESTING = env.bool("HEALTHSITE_TESTING", default="pytest" in sys.modules)

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET if (DEBUG or TESTING) else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The site's public address, for links that leave the page (emails, feeds, canonical links).
# Production refuses to start without it: a wrong one sends every confirmation link to the
# wrong host. In development, links in emails sent during a request use the address the
# request came to (healthsite.email.site_origin), so they work from any port or host.
SITE_URL_CONFIGURED = bool(env.str("HEALTHSITE_SITE_URL", default=""))
SITE_URL = env.str("HEALTHSITE_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
if not (SITE_URL_CONFIGURED or DEBUG or TESTING):
    raise ImproperlyConfigured(
        "HEALTHSITE_SITE_URL must be set when DJANGO_DEBUG is off, e.g. "
        "https://health.example.org (see .env.example)."
    )
SITE_NAME = "Healthsite"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # Our apps, lowest layer first (see DESIGN.md "Dependency direction"). Their ready()
    # registers into healthsite/registry.py in this order: load_demo, the privacy export
    # and the imports follow it.
    "search",
    "accounts",
    "articles",
    "newsletter",
    "drugs",
    "interactions",
    "pills",
    "mymedicine",
    "community",
    "healthsite",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous pages from the shared cache, stored compressed (outside GZip), before any
    # session, CSRF or database work (healthsite.pagecache).
    "healthsite.pagecache.PageCacheMiddleware",
    # Pages compressed (about 5x smaller); Django's GZip adds random padding against BREACH
    # on pages with tokens. Static files come compressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "healthsite.middleware.SecurityHeadersMiddleware",
    "healthsite.middleware.MalformedRequestMiddleware",
    "healthsite.middleware.RequestOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "healthsite.middleware.CacheHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
]

ROOT_URLCONF = "healthsite.urls"
WSGI_APPLICATION = "healthsite.wsgi.application"

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
                "healthsite.context_processors.site",
            ],
            "builtins": ["healthsite.templatetags.components"],
        },
    }
]
# Forms render with our GOV.UK-style components (templates/components/field.html).
FORM_RENDERER = "healthsite.forms.SiteFormRenderer"

# --- Database -------------------------------------------------------------------------------
# SQLite by default, tuned for a website; PostgreSQL when DATABASE_URL says so.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # busy timeout in seconds
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=134217728;"
            "PRAGMA cache_size=-20000;"
        ),
    }
# Each worker keeps its connection between requests: a new SQLite connection costs nine
# PRAGMAs (1.5 ms) and a cold page cache on every request; a PostgreSQL one a round trip and
# a backend process. Tests close connections after each request: the browser tests' live
# server answers in short-lived threads whose persistent connections would block dropping
# the test database.
_db["CONN_MAX_AGE"] = 0 if TESTING else env.int("DJANGO_CONN_MAX_AGE", default=600)
_db["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and TESTING:
    # Parallel test workers each get their own Redis database so they can flush it freely.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{int(_worker or 0) + 1}"
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis stopping degrades to cache misses, never to 500s (healthsite/cache.py).
            "BACKEND": "healthsite.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
            "KEY_PREFIX": env.str("HEALTHSITE_CACHE_PREFIX", default="healthsite"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Files shared by every gunicorn worker (one process's memory would make each worker
    # cache, and invalidate, on its own); healthsite.cache.SharedFileCache says why files.
    # Test workers each get a folder of their own, emptied between tests and removed at the
    # end (tests/conftest.py); two test runs at once never share one.
    _cache_dir = env.str("HEALTHSITE_CACHE_DIR", default=str(BASE_DIR / "var" / "cache"))
    if TESTING:
        _test_run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))
        _cache_dir = str(
            BASE_DIR
            / "var"
            / "test-cache"
            / _test_run
            / os.environ.get("PYTEST_XDIST_WORKER", "main")
        )
    CACHES = {
        "default": {
            "BACKEND": "healthsite.cache.SharedFileCache",
            "LOCATION": _cache_dir,
            "OPTIONS": {"MAX_ENTRIES": env.int("HEALTHSITE_CACHE_MAX_ENTRIES", default=10000)},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Anonymous pages are kept this long in the cache above, then re-rendered by one request
# while the others get the previous copy (for up to PAGE_CACHE_STALE_SECONDS more); every
# edit shows at once regardless (healthsite.cache). 0 turns the page cache off: the default
# in tests, whose query counts must measure rendering (tests/site/test_page_cache.py and the
# gunicorn and nginx tests run with it on).
PAGE_CACHE_SECONDS = env.int("HEALTHSITE_PAGE_CACHE_SECONDS", default=0 if TESTING else 300)
PAGE_CACHE_STALE_SECONDS = env.int("HEALTHSITE_PAGE_CACHE_STALE_SECONDS", default=60)
# What anonymous pages tell browsers and shared caches (CDNs, deploy/nginx.conf): browsers
# keep a page a minute, shared caches ten seconds (they cannot hear about edits), and both
# may show a page up to a minute old while they fetch a fresh one.
HTTP_CACHE_MAX_AGE = env.int("HEALTHSITE_HTTP_MAX_AGE", default=60)
HTTP_CACHE_SHARED_MAX_AGE = env.int("HEALTHSITE_HTTP_SHARED_MAX_AGE", default=10)
HTTP_CACHE_STALE_WHILE_REVALIDATE = env.int("HEALTHSITE_HTTP_STALE_WHILE_REVALIDATE", default=60)

# --- Background tasks -----------------------------------------------------------------------
# "immediate" runs tasks in the request (simple, the default); "database" queues them for
# `manage.py db_worker` (production).
TASK_BACKEND = env.str("HEALTHSITE_TASK_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing with the production hasher costs a quarter of a second per login in tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Healthsite <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
# Dates in the reader's language: healthsite/formats/<lang>/formats.py, then Django's own.
FORMAT_MODULE_PATH = ["healthsite.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Serve /media/ from Django (fine for a single server; turn off when nginx or a CDN does it).
HEALTHSITE_SERVE_MEDIA = env.bool("HEALTHSITE_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
HTTPS = env.bool("HEALTHSITE_HTTPS", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# How many proxies in front of the app append to X-Forwarded-For (see ratelimit.client_ip).
HEALTHSITE_TRUSTED_PROXIES = 0
if env.bool("HEALTHSITE_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    HEALTHSITE_TRUSTED_PROXIES = env.int("HEALTHSITE_TRUSTED_PROXIES", default=1)
# Content Security Policy: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Rate limits: "count/seconds" per key (see healthsite/ratelimit.py).
RATE_LIMITS_ENABLED = env.bool("HEALTHSITE_RATE_LIMITS", default=True)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Paths to public data (for importers' documentation and the shared-data test pass) ------
SHARED_DATA_DIR = Path(
    env.str("HEALTHSITE_SHARED_DATA", default=str(BASE_DIR.parent / "shared" / "data"))
)
