"""Production: everything comes from the environment, nothing is started or created.

Without DJANGO_SECRET_KEY or DATABASE_URL the settings refuse to load (one sentence, no
embedded database: a misconfigured server must fail, not run on a throwaway database).
"""

from config import devdb
from config.environment import require

from .deployed import *  # noqa: F403

SECRET_KEY = require("DJANGO_SECRET_KEY", "production needs a secret key of 50+ random characters.")
require(
    "DATABASE_URL",
    "production needs its PostgreSQL server (postgres://user:password@host:5432/name); "
    "the embedded database is only for development, tests and `make serve`.",
)
DATABASES = {"default": devdb.url_database_settings()}
