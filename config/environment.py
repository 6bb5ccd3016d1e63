"""What a deployed server must be told through its environment, checked before it starts.

Production settings never fall back to something that would run but be wrong (a
throwaway local database, an empty secret key): they refuse to load with one sentence
that says which variable is missing. `manage.py` prints that sentence without a
traceback; gunicorn shows it in its error log.
"""

import os

from django.core.exceptions import ImproperlyConfigured


class EnvironmentIncomplete(ImproperlyConfigured):
    """A required environment variable is missing or unusable."""


def require(name, why):
    """The value of environment variable `name`, or EnvironmentIncomplete saying `why`."""
    value = os.environ.get(name, "")
    if not value:
        raise EnvironmentIncomplete(f"Set {name}: {why}")
    return value
