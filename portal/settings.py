"""Settings for the Governorate Development Portal, read from the environment.

With no environment at all the portal runs embedded: a SQLite file, Celery tasks run eagerly,
a local-memory cache and e-mail to the console. DATABASE_URL, CELERY_BROKER_URL and CACHE_URL
switch it to PostgreSQL, Redis and a real worker.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "embedded-development-key-not-for-production"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the official administrative-division CSVs live (see shared/data/geo/SOURCES.md).
GEO_DATA_DIR = Path(env.str("GEO_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data" / "geo")))

INSTALLED_APPS = [
    "portal",
    "programs",
    "initiatives",
    "complaints",
    "indicators",
    "investments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "auditlog",
    "csp",
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

if not DEBUG:
    # Production serves its own static files; in development runserver does.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Benchmarks serve extra endpoints beside the portal (bench/); nothing else sets this.
ROOT_URLCONF = env.str("ROOT_URLCONF", default="portal.urls")
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reconnecting per request costs three quarters of the throughput (DESIGN.md §7).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:workspace"
LOGOUT_REDIRECT_URL = "portal:home"

# Arabic first; English complete.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Africa/Cairo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")

# Celery: eager when no broker is configured, so the embedded mode needs no Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery closes the database connection around every task unless told otherwise (DESIGN.md §7).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=200)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A message to the broker that cannot be delivered gives up quickly: the outbox keeps it.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.3}
CELERY_BEAT_SCHEDULE = {
    "refresh-geography-summary": {"task": "portal.tasks.refresh_geography_summary", "schedule": 60 * 60},
    "escalate-overdue-complaints": {
        "task": "complaints.tasks.escalate_overdue_complaints",
        "schedule": 15 * 60,
    },
    "close-unanswered-complaints": {
        "task": "complaints.tasks.close_unanswered_complaints",
        "schedule": 60 * 60,
    },
    "retry-pending-notifications": {
        "task": "complaints.tasks.retry_pending_notifications",
        "schedule": 5 * 60,
    },
    "escalate-overdue-obstacles": {
        "task": "initiatives.tasks.escalate_overdue_obstacles",
        "schedule": 60 * 60,
    },
    "recompute-indicator-changes": {"task": "indicators.tasks.recompute_changes", "schedule": 5 * 60},
    "forget-old-asset-import-previews": {
        "task": "investments.tasks.forget_old_previews",
        "schedule": crontab(hour=3, minute=15),
    },
    "recompute-all-indicators": {
        "task": "indicators.tasks.recompute_all",
        "schedule": crontab(hour=2, minute=30),
    },
    "remind-missing-indicator-entries": {
        "task": "indicators.tasks.remind_missing_entries",
        "schedule": crontab(hour=9, minute=0),
    },
}

# Indicators: figures entered by hand for a month are due on this day of the next month; officers are
# reminded this many days before.
INDICATOR_ENTRY_DEADLINE_DAY = env.int("INDICATOR_ENTRY_DEADLINE_DAY", default=10)
INDICATOR_REMIND_DAYS_BEFORE = env.int("INDICATOR_REMIND_DAYS_BEFORE", default=3)
if not 1 <= INDICATOR_ENTRY_DEADLINE_DAY <= 28:
    raise ImproperlyConfigured("INDICATOR_ENTRY_DEADLINE_DAY must be a day from 1 to 28.")

# Complaints
SMS_BACKEND = env.str("SMS_BACKEND", default="complaints.sms.ConsoleBackend")
COMPLAINT_PHOTO_MAX_BYTES = env.int("COMPLAINT_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
COMPLAINT_MAX_PHOTOS = 3
# Per client address and per phone number (django-ratelimit rates: count/period).
COMPLAINT_RATE_LIMITS = {
    "file_per_ip": env.str("COMPLAINT_RATE_FILE_PER_IP", default="20/h"),
    "file_per_phone": env.str("COMPLAINT_RATE_FILE_PER_PHONE", default="5/h"),
    "track_per_ip": env.str("COMPLAINT_RATE_TRACK_PER_IP", default="30/h"),
}
RATELIMIT_VIEW = "complaints.views.rate_limited"
# Investors' expressions of interest on the investment map.
INTEREST_RATE_PER_IP = env.str("INTEREST_RATE_PER_IP", default="10/h")
INTEREST_RATE_PER_PHONE = env.str("INTEREST_RATE_PER_PHONE", default="5/h")
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-25, 25)
CAPTCHA_IMAGE_SIZE = (140, 48)
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "+"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.IsStaffMember"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Governorate Development Portal API",
    "DESCRIPTION": "Programs, partners, complaints and indicators of governorates.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RejectionReasonEnum": "complaints.models.RejectionReason",
        "ComplaintStatusEnum": "complaints.models.Status",
        "InspectionKindEnum": "initiatives.models.field.Inspection.Kind",
        "PartnershipRoleEnum": "programs.models.Partnership.Role",
        "AssetStatusEnum": "investments.models.Asset.Status",
        "LeadStatusEnum": "investments.models.Lead.Status",
    },
}

# A strict Content Security Policy: every asset is served from this site.
# Maps draw governorate outlines from ../shared/data/geo and need no tile server. An operator who runs
# (or licenses) one sets its URL template, e.g. https://tiles.example.gov.eg/{z}/{x}/{y}.png.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
_MAP_TILE_ORIGIN = (
    "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.")
    if MAP_TILE_URL.startswith("https://")
    else None
)
if MAP_TILE_URL and not _MAP_TILE_ORIGIN:
    raise ImproperlyConfigured("MAP_TILE_URL must be an https:// URL template.")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint's font subsetting logs every table it prunes.
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"}},
}
