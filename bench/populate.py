"""One of several processes populating the benchmark: launches every buurt number in
[first, last] with number % processes == index, cloned from buurt 1 (so all serve the
same content), closing its connection between launches (a connection that cloned many
schemas grows and slows every later clone down)."""

import sys

from common import setup_django


def main(index, processes, first, last):
    setup_django()
    from django.db import connection
    from django.test import override_settings

    from tenants.launch import LaunchRequest, launch_buurt

    for number in range(first, last + 1):
        if number % processes != index:
            continue
        with override_settings(BUURT_BLUEPRINT_SCHEMA=f"bench{1:04d}", SPARE_SCHEMAS=0):
            result = launch_buurt(
                LaunchRequest(
                    slug=f"bench{number:04d}", name=f"Benchbuurt {number}", languages=["nl", "en"]
                )
            )
        print(f"LAUNCH {number} {result.seconds:.3f}", flush=True)
        connection.close()


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:5]))
