from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralCount(models.Model):
    """How many referral slips were printed for a page, in a language, in an ISO week.

    Only this count is kept: a slip is handed to a client whose name, contact and story
    stay with the professional, so nothing about the client or the slip's maker is
    stored."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8)
    iso_year = models.PositiveSmallIntegerField(_("year"))
    iso_week = models.PositiveSmallIntegerField(_("week"))
    slips = models.PositiveIntegerField(_("slips"), default=0)

    class Meta:
        verbose_name = _("referral count")
        verbose_name_plural = _("referral counts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "iso_year", "iso_week"], name="one_count_per_week"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.language} {self.iso_year}-W{self.iso_week:02d}: {self.slips}"
