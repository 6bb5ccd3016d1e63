#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    from config.environment import EnvironmentIncomplete

    try:
        execute_from_command_line(sys.argv)
    except EnvironmentIncomplete as refusal:
        # A missing variable is an operator's mistake, not a bug: one sentence, no traceback.
        sys.exit(f"Not started. {refusal}")
