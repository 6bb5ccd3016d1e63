"""Launching a buurt: blueprint clone versus a full migrate of a new schema.

Each method runs in its own process (a full migrate cannot run twice in one
process), ROUNDS times, on the same database in the same run; we print the
median of each and the ratio. Benchmark buurten are removed afterwards.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import setup_django

ROUNDS = int(os.environ.get("BENCH_LAUNCH_ROUNDS", "3"))
HERE = Path(__file__).resolve().parent


def clone_once(slug):
    from tenants.launch import LaunchRequest, launch_buurt

    # Until the site is live; the translation skeletons that follow are reported apart.
    result = launch_buurt(LaunchRequest(slug=slug, name="Benchmark", languages=["nl", "en", "ar"]))
    return result.seconds, result.language_seconds


def spare_once(slug):
    """A launch that renames a spare schema: the pool is filled first (not timed)."""
    from django.test import override_settings

    from tenants.launch import LaunchRequest, launch_buurt
    from tenants.spares import refill

    with override_settings(SPARE_SCHEMAS=1, SPARE_SCHEMAS_REFILL="off"):
        refill()
        result = launch_buurt(
            LaunchRequest(slug=slug, name="Benchmark", languages=["nl", "en", "ar"])
        )
    assert result.from_spare, "the launch cloned instead of taking a spare"
    return result.seconds, result.language_seconds


def full_migrate_once(slug):
    """What launching costs without a blueprint: create the schema, migrate, fill it."""
    from django.core.management import call_command
    from django.db import connection

    from tenants.across import in_buurt
    from tenants.blueprint import fill_blueprint
    from tenants.models import Buurt, Domain

    started = time.perf_counter()
    buurt = Buurt.objects.create(schema_name=slug, name="Benchmark", languages=["nl", "en", "ar"])
    Domain.objects.create(domain=f"{slug.replace('_', '-')}.bench.invalid", tenant=buurt)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{slug}"')
    call_command("migrate_schemas", schema_name=slug, interactive=False, verbosity=0)
    with in_buurt(buurt):
        fill_blueprint()
    return time.perf_counter() - started, 0.0


def run_child(method, slug):
    setup_django()
    from tenants.launch import drop_buurt

    drop_buurt(slug)
    try:
        seconds, language_seconds = {
            "clone": clone_once,
            "spare": spare_once,
            "full": full_migrate_once,
        }[method](slug)
    finally:
        drop_buurt(slug)
    print(json.dumps({"seconds": seconds, "language_seconds": language_seconds}))


def measure(method):
    times, language_times = [], []
    for round_number in range(ROUNDS):
        output = subprocess.run(
            [sys.executable, str(HERE / "launch.py"), method, f"bench_{method}_{round_number}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        times.append(figures["seconds"])
        language_times.append(figures["language_seconds"])
        print(
            f"  {method:5} round {round_number + 1}/{ROUNDS}: {figures['seconds']:.2f} s",
            flush=True,
        )
    return statistics.median(times), statistics.median(language_times)


def main():
    print(f"Launch a buurt (median of {ROUNDS} rounds, each in a fresh process):")
    clone, skeletons = measure("clone")
    full, _none = measure("full")
    print(f"blueprint clone : {clone:6.2f} s  (until the site is live)")
    print(
        f"  + skeletons    : {skeletons:6.2f} s  (drafts for en and ar, after the launch commits)"
    )
    print(f"full migrate    : {full:6.2f} s")
    print(
        f"ratio           : clone is {full / clone:.1f}x faster (clone/full = {clone / full:.3f})"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3:
        run_child(sys.argv[1], sys.argv[2])
    else:
        main()
