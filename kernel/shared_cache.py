"""The cache every gunicorn worker (and every management command) shares.

Per-process caches (LocMemCache) cannot be purged from another process: a page
published through worker 1 would stay stale in worker 2. The "shared" cache alias is
therefore a FileBasedCache under .data/cache on one machine, or Redis on several
(REDIS_URL, config/shared_cache.py). Its keys name their schema themselves, so it does
not use django-tenants' schema-prefixing key function (whose prefix depends on whichever
schema the connection happens to be on).
"""

import random
import time

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache

SHARED_CACHE = "shared"
TENANCY_GENERATION_KEY = "tenancy:generation"


def shared_cache():
    return caches[SHARED_CACHE]


def make_key(key, key_prefix, version):
    return f"{key_prefix}:{version}:{key}"


def new_generation():
    """A value never used before, so a bump can't be undone by a racing bump."""
    return f"{time.time_ns():x}{random.getrandbits(32):08x}"


def generation(key):
    """The current generation under `key`; a missing one (culled, expired) starts a new
    generation, which can only cause misses, never stale hits."""
    cache = shared_cache()
    value = cache.get(key)
    if value is None:
        value = new_generation()
        if not cache.add(key, value, timeout=None):
            value = cache.get(key) or value
    return value


def bump_generation(key):
    shared_cache().set(key, new_generation(), timeout=None)


def content_generation_key(schema_name):
    """The key of a buurt's content generation: a new value whenever anything shown to
    the public changes (page published, snippet saved, ...). Cached pages and printed
    PDFs carry it in their keys, so one bump retires all of them."""
    return f"pages:generation:{schema_name}"


def content_generation(schema_name):
    return generation(content_generation_key(schema_name))


class SharedFileCache(FileBasedCache):
    """FileBasedCache that culls now and then instead of on every write.

    The stock backend lists its whole directory on each `set` to decide whether to cull,
    which costs milliseconds once it holds tens of thousands of pages.
    """

    CULL_EVERY = 200

    def _cull(self):
        if random.randrange(self.CULL_EVERY) == 0:
            super()._cull()


def count_in_window(cache, key, window):
    """Add one to the counter `key` and return it; the counter expires `window` seconds
    after its first hit.

    On Redis one INCR and an EXPIRE that only sets a missing expiry, sent together: exact
    across every process and server, and a counter can never lose its expiry. Other
    backends (one process, or files on one machine) use add + incr.
    """
    redis_client = redis_client_of(cache)
    if redis_client is not None:
        full_key = cache.make_and_validate_key(key)
        pipeline = redis_client.pipeline()
        pipeline.incr(full_key)
        pipeline.expire(full_key, window, nx=True)
        return pipeline.execute()[0]
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def redis_client_of(cache):
    """The redis-py client behind a Django RedisCache alias, else None."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)
