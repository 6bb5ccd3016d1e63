from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from buurtpages.consent_check import account_address_check, consent_check
from kernel.fields import ChoiceArrayField
from kernel.languages import own_names

NO_CONSENT_MESSAGE = _(
    "This page can only go live after the person shown has agreed to it "
    "(consent is recorded below)."
)


NO_EMAIL_MESSAGE = _("Fill in the e-mail address of the person shown: we ask them for consent.")

ACCOUNT_EMAIL_MESSAGE = _(
    "This address belongs to an account of this buurt (perhaps your own). Consent must come "
    "from the person shown: fill in an e-mail address of theirs that is not used for an "
    "account here."
)


class PersonPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and not self.instance.consent_covers(cleaned):
            raise ValidationError(NO_CONSENT_MESSAGE)
        if "action-submit" in self.data and not cleaned.get("contact_email"):
            self.add_error("contact_email", NO_EMAIL_MESSAGE)
        if self._address_of_an_account(cleaned.get("contact_email")):
            self.add_error("contact_email", ACCOUNT_EMAIL_MESSAGE)
        return cleaned

    def _address_of_an_account(self, address):
        # A new or changed address, and any address a consent mail is about to go to.
        asking = "contact_email" in self.changed_data or "action-submit" in self.data
        return asking and account_address_check()(address)


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
    contact_email = models.EmailField(
        _("e-mail address of the person shown"),
        blank=True,
        help_text=_(
            "Never shown on the site. We use it only to ask this person whether the page "
            "may go live."
        ),
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
        MultiFieldPanel([FieldPanel("contact_email")], heading=_("Consent")),
    ]
    # What the site shows about the person (page, browser tab, search results): a change to
    # any of these asks consent again. The URL (slug) is covered as well.
    consent_fields = [
        "title",
        "seo_title",
        "search_description",
        "kind",
        "role_title",
        "organisation",
        "photo",
        "languages",
        "help_with",
        "meeting_place",
        "meeting_times",
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
        return self.consent_covers()

    @property
    def consent_record(self):
        """The recorded consent covering this content (who agreed, when), or None."""
        return consent_check()(self)

    def consent_covers(self, changes=None):
        return consent_check()(self, changes) is not None

    def save(self, *args, **kwargs):
        # The last line of defence: no code path (publish, copy, workflow, script) may put
        # a person online without consent. Not in full_clean: editor forms validate new
        # pages while `live` still has its default.
        if (
            self.live
            and self._writes_shown_content(kwargs.get("update_fields"))
            and not self.has_consent
        ):
            raise ValidationError(NO_CONSENT_MESSAGE)
        return super().save(*args, **kwargs)

    def _writes_shown_content(self, update_fields):
        # Saving a draft revision writes only bookkeeping columns (latest revision, draft
        # title): the live row, and so what the site shows, stays as the person agreed.
        if update_fields is None:
            return True
        return bool(set(update_fields) & {*self.consent_fields, "slug", "live", "url_path"})

    def language_names(self):
        return own_names(self.languages)
