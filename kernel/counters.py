"""Counters for rate limits, in the default cache (its keys carry the buurt's schema).

Keys are hashed so the cache holds no addresses or user names.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from kernel.shared_cache import count_in_window


def hashed(value):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def count(key, window):
    """Add one to a counter that expires `window` seconds after its first hit (exact
    across app servers when the default cache is Redis)."""
    return count_in_window(cache, key, window)
