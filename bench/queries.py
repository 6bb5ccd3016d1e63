"""Queries per page type, counted in-process: `python bench/queries.py HOST` prints JSON.

Run with the settings under test (tenant: config.settings.serve; baseline:
config.settings.single). Each page is requested twice and the second request counted:
that is the steady state of a worker (host map and caches warm, no page cache).
"""

import json
import sys

from common import setup_django


def main(host):
    setup_django()
    from content import PAGES
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    counts = {}
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200, (host, path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, (host, path)
        counts[name] = len(queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1])
