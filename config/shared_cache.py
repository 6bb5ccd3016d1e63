"""Settings of the "shared" cache alias (see kernel/shared_cache.py)."""

import os

KEY_FUNCTION = "kernel.shared_cache.make_key"


def shared_cache_settings(default_dir):
    """Redis when SHARED_CACHE_URL is set (several machines), else files on this machine."""
    url = os.environ.get("SHARED_CACHE_URL")
    if url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_FUNCTION": KEY_FUNCTION,
            "TIMEOUT": 300,
        }
    return {
        "BACKEND": "kernel.shared_cache.SharedFileCache",
        "LOCATION": os.environ.get("SHARED_CACHE_DIR", str(default_dir)),
        "KEY_FUNCTION": KEY_FUNCTION,
        "TIMEOUT": 300,
        # Pages of many buurten x languages x URLs; culled a quarter at a time.
        "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
    }
