"""Counters for rate limits, in the default cache (its keys carry the buurt's schema).

Keys are hashed so the cache holds no addresses or user names.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def hashed(value):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def count(key, window):
    """Add one to a counter that expires `window` seconds after its first hit."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
