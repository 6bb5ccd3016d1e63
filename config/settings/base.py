"""Settings shared by every environment. See dev.py, test.py and production.py."""

import os
from pathlib import Path

from config import devdb
from config.admin_base_url import tenant_admin_base_url
from config.shared_cache import default_cache_settings, shared_cache_settings
from kernel.languages import LANGUAGES as COMMUNITY_LANGUAGE_CHOICES
from kernel.languages import register_missing_language_info

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
# The Domain table is the real allow-list: an unknown host gets the tenant middleware's 404.
ALLOWED_HOSTS = ["*"]

# --- Tenancy (django-tenants) -------------------------------------------------------------
# Apps listed in both lists get tables in every schema: users, groups and sessions are
# per buurt, and the public schema has its own for municipality staff.
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "outbox",  # the portal's own mails
    # Second factor: portal staff (public schema) and a buurt's editors (its schema)
    # each keep their devices and recovery codes next to their accounts.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tenants.secondfactor",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tenants.secondfactor",
    "django.contrib.admin",
    "django.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "workflows.users_app.BuurtUsersAppConfig",  # wagtail.users with our user screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "outbox",
    "buurtpages",
    "workflows",
    "trainings",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Buurt"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_tenants"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# Without it django-tenants sends SET search_path before every query (DESIGN.md).
TENANT_LIMIT_SET_CALLS = True
# New buurten are cloned from the blueprint schema instead of migrated (0.5 s vs 8-17 s).
BUURT_BLUEPRINT_SCHEMA = "blueprint"
TENANT_BASE_SCHEMA = BUURT_BLUEPRINT_SCHEMA
TENANT_CREATION_FAKES_MIGRATIONS = True
# Spare clones of the blueprint kept ready: a launch renames one (tenants/spares.py).
SPARE_SCHEMAS = int(os.environ.get("SPARE_SCHEMAS", "2"))
# "thread": refill in the background after a launch (servers); "now": before returning;
# "off": only migrate_platform and manage.py code refill.
SPARE_SCHEMAS_REFILL = os.environ.get("SPARE_SCHEMAS_REFILL", "thread")

# How buurt URLs are built: <slug>.<BUURT_DOMAIN_SUFFIX>, scheme and port for links in e-mails.
BUURT_DOMAIN_SUFFIX = os.environ.get("BUURT_DOMAIN_SUFFIX", "localhost")
BUURT_URL_SCHEME = os.environ.get("BUURT_URL_SCHEME", "https")
BUURT_URL_PORT = int(os.environ.get("BUURT_URL_PORT", "443"))

# Only DATABASE_URL here: importing settings never starts a server. The environments
# that may run on the embedded PostgreSQL (dev, test, serve) add it themselves.
DATABASES = {"default": devdb.url_database_settings()} if devdb.database_url() else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MIDDLEWARE = [
    "tenants.middleware.BuurtMiddleware",
    # Right after the host is resolved: a cached anonymous page is answered before
    # sessions, users or PostgreSQL are touched.
    "tenants.pagecache.PageCacheMiddleware",
    # Before anything reads request.GET: no NUL byte in a query parameter reaches the
    # ORM, and no search runs with hundreds of words.
    "kernel.params.SafeQueryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A suspended buurt's admin: only its Buurtbeheerder gets past (needs request.user).
    "tenants.middleware.SuspendedAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workflows.middleware.TranslationPermissionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.buurt",
                "buurtpages.context_processors.site_sections",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Buurt sites log in through the Wagtail admin; the portal's views name their own login.
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "/"

# --- Language -------------------------------------------------------------------------------
# Must be "nl" before the first migrate: Wagtail creates the initial Locale from it.
LANGUAGE_CODE = "nl"
register_missing_language_info()
LANGUAGES = COMMUNITY_LANGUAGE_CHOICES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Translations start as drafts and go live through the page's workflow, never directly.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
MULTITENANT_RELATIVE_MEDIA_ROOT = "tenants/%s"
# Where archiving a buurt from the portal writes its backup before dropping the schema.
BUURT_ARCHIVE_ROOT = Path(os.environ.get("BUURT_ARCHIVE_ROOT", BASE_DIR / ".data" / "archives"))
STORAGES = {
    # Tenant folders, and images stored without EXIF/XMP (GPS) metadata.
    "default": {"BACKEND": "tenants.storage.BuurtMediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Caches: every alias gets tenant-aware keys, or Wagtail's site-root cache leaks -------
CACHES = {
    "default": default_cache_settings(),
    # Seen by every gunicorn worker: the page cache and the purge/host-map generations
    # (kernel/shared_cache.py). Its keys carry their schema themselves. Deployed servers
    # move both aliases to Redis when REDIS_URL is set (config/shared_cache.py).
    "shared": shared_cache_settings(BASE_DIR / ".data" / "cache"),
}
# Anonymous pages are cached this long at most (purged earlier on publish); 0 disables.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The municipality dashboard's stored numbers are recomputed by the dashboard itself
# when older than this (refresh_dashboard_numbers keeps them fresher in the background).
DASHBOARD_NUMBERS_MAX_AGE = int(os.environ.get("DASHBOARD_NUMBERS_MAX_AGE", str(15 * 60)))
# A worker's database connection is closed after a request once it has served more
# schemas than this: its catalog cache (memory) stays bounded (tenants/connection_budget.py).
DB_CONNECTION_MAX_SCHEMAS = int(os.environ.get("DB_CONNECTION_MAX_SCHEMAS", "50"))
# How often a worker checks whether another process changed a Domain or Buurt.
HOST_MAP_RECHECK_SECONDS = 1.0

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Buurtplatform"
# Resolves per request/schema to the buurt's own domain (config/admin_base_url.py).
WAGTAILADMIN_BASE_URL = tenant_admin_base_url
# A password reset mail goes out in the account owner's language.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "workflows.forms.PasswordResetInOwnLanguageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents are checked by content too (buurtpages/documents.py), and kept under a size.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "buurtpages.documents.DocumentForm"
# Refuses a new file for an image a live page shows, unless the user may publish it.
WAGTAILIMAGES_IMAGE_FORM_BASE = "buurtpages.images.ImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are downloads, never shown inline on the buurt's domain (tenants/views.py).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# No SVG: it can carry scripts. Photos up to 10 MB and 60 megapixels (larger pixel counts
# are refused before decoding: a small "decompression bomb" file would fill the memory).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Reviewers approve what goes live: an edit during review restarts the steps for the
# new revision (a Person page's consent covers the content the person saw).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Background tasks do not know the schema they were queued in: run them at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Every mail is written to the outbox of the current schema in the caller's transaction
# (outbox/backend.py); `manage.py send_outbox` hands it to the delivery backend.
EMAIL_BACKEND = "outbox.backend.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# One delivery attempt right after the commit (dev, `make serve`, tests); production
# leaves it to the sender's timer, so a slow mail server never slows a request.
OUTBOX_DELIVER_AFTER_COMMIT = False
OUTBOX_RETRY_SECONDS = 60  # the first wait after a failure; doubled each time
OUTBOX_RETRY_MAX_SECONDS = 6 * 3600
OUTBOX_MAX_ATTEMPTS = 10  # then the mail waits for the Buurtbeheerder (about 15 hours)
OUTBOX_KEEP_DAYS = int(os.environ.get("OUTBOX_KEEP_DAYS", "7"))  # sent mails, then deleted
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Buurtplatform <noreply@buurtplatform.nl>"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The municipality portal (public schema) answers on this host.
PORTAL_DOMAIN = os.environ.get("PORTAL_DOMAIN", "localhost")

# --- Security headers, cookies and throttling --------------------------------------------
# Kept in one block on purpose: other work changes MIDDLEWARE too. Public pages get a
# strict Content-Security-Policy (no inline script or style anywhere in our templates);
# the Wagtail admin, which needs inline script and style, gets its own policy under
# ADMIN_CSP_URL_PREFIXES only.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

# Outermost: the unknown-host 404 (BuurtMiddleware) gets the header too.
MIDDLEWARE.insert(0, "tenants.security.BuurtCSPMiddleware")
MIDDLEWARE.insert(  # needs request.user: editors who are logged in are not throttled
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "tenants.security.ThrottleMiddleware",
)
# Right after authentication: whoever has given a password but not yet the second factor
# it asks for reaches nothing but the second-factor pages and logging out
# (tenants/secondfactor/middleware.py), whatever the URL.
_AFTER_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_AFTER_AUTH:_AFTER_AUTH] = [
    "django_otp.middleware.OTPMiddleware",
    "tenants.secondfactor.middleware.SecondFactorMiddleware",
]
# The issuer shown in authenticator apps next to the account name.
OTP_TOTP_ISSUER = "Buurtplatform"
# The map of the buurt (buurtgids, agenda, the place editor) loads background tiles from
# this one source; img-src allows its host and no other (config/map_tiles.py).
from config.map_tiles import PDOK_ATTRIBUTION, PDOK_TILES, tile_origin  # noqa: E402

MAP_TILE_URL = os.environ.get("MAP_TILE_URL", PDOK_TILES)
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", PDOK_ATTRIBUTION)
MAP_TILE_ORIGIN = tile_origin(MAP_TILE_URL)
_STRICT = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", MAP_TILE_ORIGIN],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [SELF],
    "object-src": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _STRICT}
ADMIN_CSP_URL_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_STRICT,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", MAP_TILE_ORIGIN],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's preview panel frames admin URLs
    }
}
# Editors' e-mail hashes are not sent to gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Session cookies belong to the exact host (one buurt), never to a parent domain.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Login lockout and a rate limit on anonymous form posts (tenants/security.py). The lockout
# is a backend in front of the one that checks passwords, so it covers every login view.
# One's own e-mail address is changed through a confirmation link (workflows.email_change),
# not through Wagtail's own field.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
AUTHENTICATION_BACKENDS = [
    "tenants.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
LOGIN_LOCKOUT_SECONDS = 15 * 60
PUBLIC_POSTS_PER_WINDOW = int(os.environ.get("PUBLIC_POSTS_PER_WINDOW", "30"))
PUBLIC_POST_WINDOW_SECONDS = 10 * 60
# Printed PDFs (buurtagenda): each new file is CPU work, so a visitor address may have
# this many generated per window; files already cached are served without counting.
PRINTS_PER_WINDOW = int(os.environ.get("PRINTS_PER_WINDOW", "20"))
PRINT_WINDOW_SECONDS = 10 * 60
# A printed file is kept this long at most; any content change retires it earlier.
PRINT_CACHE_SECONDS = 24 * 60 * 60
# Behind a reverse proxy REMOTE_ADDR is the proxy: name the header it puts the visitor's
# address in (e.g. HTTP_X_REAL_IP), or every visitor shares one counter.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
