"""A new password ends the account's other sessions.

Django already refuses a session whose password hash is stale at its next request; this
also deletes those sessions at once, wherever the password is changed (the account page,
a reset link, a Buurtbeheerder, a command), so no session outlives the password it was
opened with, not even one nobody uses again. The session of the request that changes
the password is kept: whoever changed their own password stays logged in.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db.models.signals import post_save

from tenants.secondfactor.service import end_sessions

# The session key of the request being handled (set by SecondFactorMiddleware).
current_session_key = ContextVar("current_session_key", default=None)


def end_sessions_after_new_password(sender, instance, created, **kwargs):
    # AbstractBaseUser keeps the new raw password in _password until save() is done.
    if not created and getattr(instance, "_password", None) is not None:
        end_sessions(instance, keep=current_session_key.get())


def connect():
    post_save.connect(
        end_sessions_after_new_password,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="end_sessions_after_new_password",
    )
