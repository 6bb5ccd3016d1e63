"""A photo of the buurt across the top of its home page, chosen by a Buurtbeheerder.

A site setting rather than a field of the home page: only the Buurtbeheerder role may
change it (residents edit pages, not the buurt's face), and changing it needs no review."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="image")
class HeaderPhoto(BaseGenericSetting):
    """One per buurt (each buurt's schema has one site)."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("header photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photo of the buurt, shown behind the name on the home page."),
    )
    alt_text = models.CharField(
        _("what the photo shows"),
        max_length=250,
        blank=True,
        help_text=_("For people who cannot see the photo. Required with a photo."),
    )

    panels = [FieldPanel("photo"), FieldPanel("alt_text")]

    class Meta:
        verbose_name = _("header photo")

    def clean(self):
        super().clean()
        if self.photo_id and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Describe what the photo shows. People who cannot see the photo "
                        "read or hear this text."
                    )
                }
            )
