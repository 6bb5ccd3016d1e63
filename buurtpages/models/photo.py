from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

ALT_TEXT_MISSING = _(
    "Describe what the photo shows, for people who cannot see it. "
    "Without this description the photo cannot be saved."
)


class PagePhotoMixin(models.Model):
    """One photo that a page shows on its own and on its card in every list.

    The alt text belongs to this use of the photo, not to the image: the same picture
    can mean something else on another page, and a page field is translated with the
    page (wagtail-localize) where an image's description is not."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("alt text of the photo"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, in one sentence. Screen readers read it aloud."),
    )

    photo_panels = [
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo"))
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.photo_id and not (self.photo_alt or "").strip():
            raise ValidationError({"photo_alt": ALT_TEXT_MISSING})
