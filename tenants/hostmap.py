"""Host name -> buurt, cached in each process.

Resolving the host is the first thing every request does; stock django-tenants asks
PostgreSQL each time (two round trips before a cached page can be answered). Here
each process keeps a dict of the buurten it has served.

Invalidation reaches every gunicorn worker through a generation value in the shared
cache: a Domain or Buurt change bumps it (on commit), and a worker compares it with the
value it last saw at most once per HOST_MAP_RECHECK_SECONDS. The process that made the
change forgets its map at once. A per-process TTL alone would either keep a removed
buurt reachable for the whole TTL or send a query per request; the generation costs
one small cache read per second per worker, and the staleness window is that second.
Unknown hosts are not remembered, so a newly launched buurt is reachable immediately.
"""

import copy
import time

from django.conf import settings
from django.db import transaction

from kernel.shared_cache import TENANCY_GENERATION_KEY, bump_generation, generation


class HostMap:
    def __init__(self):
        self._buurten = {}
        self._generation = None
        self._checked_at = 0.0

    def lookup(self, hostname, load):
        """The buurt for `hostname` (a copy, so a request can't change the cached one);
        `load(hostname)` fetches it from the database on a miss and may raise."""
        self._recheck_generation()
        buurt = self._buurten.get(hostname)
        if buurt is None:
            buurt = load(hostname)
            self._buurten[hostname] = buurt
        return detached_copy(buurt)

    def forget_all(self):
        """Forget every host; the next lookup also re-reads the shared generation, or a
        recheck due later would find a newer one and drop the hosts loaded meanwhile."""
        self._buurten.clear()
        self._checked_at = 0.0

    def _recheck_generation(self):
        now = time.monotonic()
        if now - self._checked_at < settings.HOST_MAP_RECHECK_SECONDS:
            return
        self._checked_at = now
        current = generation(TENANCY_GENERATION_KEY)
        if current != self._generation:
            self._buurten.clear()
            self._generation = current


def detached_copy(buurt):
    """A copy a request may change without touching the cached buurt; copy.copy() of a
    model instance goes through pickling and costs several times more."""
    clone = buurt.__class__.__new__(buurt.__class__)
    clone.__dict__ = buurt.__dict__.copy()
    clone._state = copy.copy(buurt._state)
    clone._state.fields_cache = buurt._state.fields_cache.copy()
    return clone


host_map = HostMap()


def tenancy_changed():
    """Called when a Domain or Buurt row changes: every process must re-resolve hosts.

    Bumped again on commit: a worker re-resolving between the change and the commit
    still reads the old rows and would otherwise keep them.
    """
    host_map.forget_all()
    bump_generation(TENANCY_GENERATION_KEY)
    transaction.on_commit(lambda: bump_generation(TENANCY_GENERATION_KEY))
