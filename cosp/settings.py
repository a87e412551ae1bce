"""The one settings module. Everything that differs between a laptop and a deployment comes from
environment variables (see `.env.example`); the SQLite and PostgreSQL test runs differ only in
`DATABASE_URL`."""

import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


TESTING = "pytest" in sys.modules

# The data folder holds the SQLite file, uploads and the generated secret key; never inside the package.
DATA_DIR = Path(
    os.environ.get("COSP_DATA_DIR")
    or Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local/share")) / "cosp"
).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_flag("COSP_DEBUG")
# Set COSP_HTTPS=1 behind a TLS-terminating proxy: cookies become Secure and HSTS is sent.
HTTPS = env_flag("COSP_HTTPS")


def _secret_key() -> str:
    if key := os.environ.get("COSP_SECRET_KEY"):
        return key
    if HTTPS and not DEBUG and not TESTING:
        raise RuntimeError("COSP_SECRET_KEY must be set when COSP_HTTPS is on (a production deployment).")
    # A laptop keeps a generated key in its data folder, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("COSP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
if TESTING:
    ALLOWED_HOSTS.append("testserver")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("COSP_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "cosp.core",  # before the admin, so our registration/ templates win over the admin's
    "cosp.core.admin_site.SecretariatAdminConfig",  # django.contrib.admin, opened by role
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "ninja",
    "cosp.states",
    "cosp.meetings",
    "cosp.documents",
    "cosp.outcomes",
    "cosp.reviews",
    "cosp.knowledge",
    "cosp.assistance",
    "cosp.authorities",
    "cosp.cooperation",
    "cosp.recovery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cosp.urls"
WSGI_APPLICATION = "cosp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cosp.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite in the data folder unless DATABASE_URL says otherwise -------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'cosp.sqlite3'}",
        conn_max_age=int(os.environ.get("COSP_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # Prepared statements slow down some search queries badly (see the design's search notes).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, passwords, login throttling ----------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while an address/user is locked out
    "rules.permissions.ObjectPermissionBackend",  # the permission map in each app's rules.py
    "cosp.core.backends.SecretariatAdminBackend",  # the secretariat edits these apps in the admin
    "django.contrib.auth.backends.ModelBackend",
]
# Apps whose records the secretariat edits in the admin (see core/backends.py).
SECRETARIAT_ADMIN_APPS = {"core", "states", "meetings", "documents", "outcomes", "authorities"}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = int(os.environ.get("COSP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("COSP_LOGIN_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Sessions, CSRF, security headers -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_flag("COSP_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # The API docs page (Swagger UI, served from django-ninja's own static files) starts with an
        # inline script; everything of ours is in static files.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- E-mail (console by default: a laptop has no mail server) -------------------------------------------
EMAIL_BACKEND = os.environ.get("COSP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("COSP_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("COSP_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("COSP_DEFAULT_FROM_EMAIL", "cosp-platform@localhost")

# --- Background tasks -----------------------------------------------------------------------------------
# The database backend needs no broker: `cosp serve` starts a worker beside the web server. A deployment
# may point COSP_TASKS_BACKEND at any django-tasks backend (for example one backed by RQ/Redis).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("COSP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Languages -------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["cosp.formats"]
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
# Labels for the six languages in the current interface language (for content, not the switcher).
LANGUAGE_LABELS = {
    "ar": _("Arabic"),
    "zh-hans": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("COSP_TIME_ZONE", "Europe/Vienna")

# Content translations (django-modeltranslation): untranslated values fall back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A text that exists in one language only (a Chinese report ingested alone) is shown rather than nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "zh-hans", "fr", "es", "ru", "ar")

# --- Static and uploaded files ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns (and the strict test suite fails) without it
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' static folders, so a fresh clone needs no collectstatic to look right.
WHITENOISE_USE_FINDERS = True
if TESTING:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Backups keep timestamps to the microsecond (see core/serializers.py).
SERIALIZATION_MODULES = {"json": "cosp.core.serializers"}

# Uploaded and ingested files larger than this are refused before they are read (bytes).
COSP_MAX_UPLOAD_BYTES = int(os.environ.get("COSP_MAX_UPLOAD_BYTES", str(50 * 2**20)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20

# --- The Implementation Review Mechanism ----------------------------------------------------------------
# What RULES.md leaves unconfirmed is a setting (cosp/reviews/conf.py), given as JSON, e.g.
# COSP_REVIEW_TIMELINE='{"self_assessment": "1 month"}', COSP_REVIEW_DRAW='{"reviews_per_cycle_cap": 2}'.
REVIEW_TIMELINE = json.loads(os.environ.get("COSP_REVIEW_TIMELINE", "{}"))
REVIEW_DRAW = json.loads(os.environ.get("COSP_REVIEW_DRAW", "{}"))
REVIEW_VISIBILITY = json.loads(os.environ.get("COSP_REVIEW_VISIBILITY", "{}"))
REVIEW_EXPERTS_PER_STATE = int(os.environ.get("COSP_REVIEW_EXPERTS_PER_STATE", "15"))

# --- Requests between central authorities (cosp/cooperation/conf.py) ------------------------------------
# Deadlines in days, as JSON: {"acknowledge_days": 10, "execute_days": 90, "urgent_acknowledge_days": 3,
# "urgent_execute_days": 30, "reminder_repeat_days": 7}; statistics cells below the threshold are hidden.
COOPERATION_DEADLINES = json.loads(os.environ.get("COSP_COOPERATION_DEADLINES", "{}"))
COOPERATION_STATISTICS_THRESHOLD = int(os.environ.get("COSP_COOPERATION_STATISTICS_THRESHOLD", "3"))
COOPERATION_MAX_ATTACHMENT_MB = int(os.environ.get("COSP_COOPERATION_MAX_ATTACHMENT_MB", "20"))

# The platform's address, for links in e-mails (without it they carry the path only).
COSP_SITE_URL = os.environ.get("COSP_SITE_URL", "")

# --- History (audit trail) --------------------------------------------------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COSP_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
