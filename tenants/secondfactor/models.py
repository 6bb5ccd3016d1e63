from django.conf import settings
from django.db import models


class RecoveryCode(models.Model):
    """One unused recovery code, kept only as its SHA-256 digest: a database dump
    reveals no code that would get someone past the second step.

    The codes carry 80 random bits each, so an unsalted fast hash is as safe here as a
    password hash would be, and checking ten of them stays cheap.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="recovery_code_once")
        ]

    def __str__(self):
        return f"recovery code of user {self.user_id}"  # never the code itself
