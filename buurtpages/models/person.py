from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from buurtpages.fields import ChoiceArrayField
from config.languages import own_names

NO_CONSENT_MESSAGE = _(
    "This page can only go live after the person shown has agreed to it "
    "(consent is recorded below)."
)


class PersonPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        publishing = "action-publish" in self.data
        if publishing and not self.instance.has_consent:
            raise ValidationError(NO_CONSENT_MESSAGE)
        return cleaned


class PersonPage(Page):
    """A buurtverbinder or professional people can turn to."""

    class Kind(models.TextChoices):
        BUURTVERBINDER = "buurtverbinder", _("Buurtverbinder")
        PROFESSIONAL = "professional", _("Professional")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role_title = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("For example: wijkregisseur, social worker, volunteer coordinator."),
    )
    organisation = models.ForeignKey(
        "buurtpages.Partner",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    help_with = models.TextField(_("what I can help with"), blank=True)
    meeting_place = models.ForeignKey(
        "buurtpages.Place",
        verbose_name=_("where to meet me"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting_times = models.CharField(
        _("when to meet me"),
        max_length=200,
        blank=True,
        help_text=_("For example: spreekuur every Tuesday 10:00–12:00."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Filled by the consent step of the workflow; read-only for editors.
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_given_by = models.CharField(_("consent given by"), max_length=200, blank=True)
    consent_revision_id = models.PositiveIntegerField(
        _("revision consented to"), null=True, blank=True
    )

    base_form_class = PersonPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("role_title"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("languages"),
        FieldPanel("help_with"),
        FieldPanel("meeting_place"),
        FieldPanel("meeting_times"),
        MultiFieldPanel(
            [
                FieldPanel("consent_given_at", read_only=True),
                FieldPanel("consent_given_by", read_only=True),
            ],
            heading=_("Consent"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("help_with"),
        index.SearchField("role_title"),
    ]
    parent_page_types = ["buurtpages.PersonIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def has_consent(self):
        return self.consent_given_at is not None

    def full_clean(self, *args, **kwargs):
        # The last line of defence: no code path may put a person online without consent.
        if self.live and not self.has_consent:
            raise ValidationError(NO_CONSENT_MESSAGE)
        return super().full_clean(*args, **kwargs)

    def language_names(self):
        return own_names(self.languages)
