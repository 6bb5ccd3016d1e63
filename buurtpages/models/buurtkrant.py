from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

EDITORIAL_MAX_LENGTH = 600


class BuurtkrantEdition(models.Model):
    """One edition of the buurtkrant: a month, a language, the stories a buurtverbinder
    chose and their short editorial. A Buurtbeheerder publishes it; the PDF made then is
    kept as a document of this buurt and listed in the public archive."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    language = models.CharField(_("language"), max_length=8)
    editorial = models.TextField(_("editorial"), max_length=EDITORIAL_MAX_LENGTH, blank=True)
    stories = models.ManyToManyField(
        "buurtpages.StoryPage", verbose_name=_("stories"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("buurtkrant edition")
        verbose_name_plural = _("buurtkrant editions")
        ordering = ["-month", "-pk"]
        permissions = [("publish_buurtkrantedition", _("Can publish a buurtkrant edition"))]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.language}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED
