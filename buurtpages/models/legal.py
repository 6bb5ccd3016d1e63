"""What every Dutch public website publishes about itself: who is responsible, how to reach
them, what the site does with personal data and how accessible it is.

Most of the three statements is generated from data (the buurt's name and municipality,
the personal-data declarations, the last accessibility check); the Buurtbeheerder fills in
who to contact and may add their own paragraphs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from kernel.emails import validate_plain_email
from kernel.phones import PhoneNumberField


@register_setting(icon="info-circle")
class LegalInformation(BaseGenericSetting):
    """One per buurt (each buurt's schema has one site)."""

    responsible = models.CharField(
        _("who is responsible for this website"),
        max_length=200,
        blank=True,
        help_text=_("For example the name of the residents' group. Empty: the Buurtbeheerders."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        validators=[validate_plain_email],
        help_text=_(
            "Where residents ask about their data, the accessibility of the site or its "
            "content. Preferably a shared address of the buurt, not a personal one."
        ),
    )
    contact_phone = PhoneNumberField(_("contact phone number"), blank=True)
    privacy_addition = models.TextField(
        _("addition to the privacy statement"), blank=True, max_length=3000
    )
    accessibility_addition = models.TextField(
        _("known accessibility problems"),
        blank=True,
        max_length=3000,
        help_text=_("What does not work well yet, and what you do about it."),
    )
    colophon_addition = models.TextField(_("addition to the colophon"), blank=True, max_length=3000)

    panels = [
        MultiFieldPanel(
            [FieldPanel("responsible"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("privacy_addition"),
        FieldPanel("accessibility_addition"),
        FieldPanel("colophon_addition"),
    ]

    class Meta:
        verbose_name = _("about this website")
