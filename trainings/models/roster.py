"""The buurt's team with the Buurkracht roles; one person may hold several."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpages.models import TeamRole
from kernel.fields import ChoiceArrayField


class RosterMember(models.Model):
    name = models.CharField(_("name"), max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    roles = ChoiceArrayField(
        models.CharField(max_length=20, choices=TeamRole.choices),
        verbose_name=_("roles"),
        help_text=_("One person can take several roles."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team")

    def __str__(self):
        return self.name

    def role_labels(self):
        return ", ".join(str(TeamRole(role).label) for role in self.roles)
