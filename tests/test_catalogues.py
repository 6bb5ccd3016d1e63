"""Interface text is English source wrapped for translation, with a complete Dutch catalogue."""

import subprocess
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

LOCALE = Path(settings.BASE_DIR) / "locale"
DUTCH = LOCALE / "nl" / "LC_MESSAGES" / "django.po"


def test_dutch_catalogue_is_complete_and_up_to_date(tmp_path):
    dutch = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in dutch.untranslated_entries()]
    fuzzy = [entry.msgid for entry in dutch.fuzzy_entries()]
    assert untranslated == [], f"untranslated: {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"

    # Every message in the code and templates today must be in the catalogue.
    fresh = extract_messages(tmp_path)
    known = {entry.msgid for entry in dutch}
    new = sorted(entry.msgid for entry in fresh if entry.msgid and entry.msgid not in known)
    assert new == [], f"run `make messages-update` and translate: {new}"


def extract_messages(tmp_path, modules=None, templates=None):
    """The messages of the given Python modules and templates (default: all of them)."""
    base = Path(settings.BASE_DIR)
    pot = tmp_path / "django.pot"
    if modules is None:
        modules = [
            path
            for folder in ("config", "tenants", "outbox", "buurtpages", "workflows", "trainings")
            for path in (base / folder).rglob("*.py")
            if "migrations" not in path.parts
        ]
    if templates is None:
        templates = (base / "templates").rglob("*.*")
    sources = [str(path) for path in modules]
    # Templates become Python that xgettext reads, as `makemessages` does it.
    for number, template in enumerate(templates):
        converted = tmp_path / f"template_{number}.py"
        converted.write_text(templatize(template.read_text(), origin=str(template)))
        sources.append(str(converted))
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=gettext_lazy",
            "--keyword=gettext",
            "--keyword=_",
            "--keyword=ngettext:1,2",
            "--keyword=pgettext:1c,2",
            "--keyword=npgettext:1c,2,3",
            "-o",
            str(pot),
            *sources,
        ],
        check=True,
    )
    return polib.pofile(str(pot))


COMMUNITY_LANGUAGES = ("tr", "ar", "pl", "uk", "so", "ti", "fa", "fy", "pap")

# Templates outside admin paths that only staff see, each with the reason.
STAFF_ONLY_TEMPLATES = {
    "portal/buurt.html": "buurt details in the portal; needs the view_buurt permission",
    "portal/launch.html": "launch wizard; needs the add_buurt permission",
    "tenants/portal_dashboard.html": "municipality dashboard; needs a portal login",
    "portal/theme.html": "a municipality's look; needs a portal login as its staff",
    "buurtpages/includes/role_balance.html": "only included by the admin dashboard panels",
    "workflows/email/account_requested.txt": "to buurtverbinders who approve accounts",
    "workflows/email/account_requested_subject.txt": "to buurtverbinders who approve accounts",
    "workflows/email/support_requested.txt": "to professionals asked for advice",
    "workflows/email/support_requested_subject.txt": "to professionals asked for advice",
    "workflows/email/taken_offline_reviewers.txt": "to buurtverbinders who decide on reports",
    "workflows/email/taken_offline_reviewers_subject.txt": "to buurtverbinders deciding",
}
ADMIN_PATH_PARTS = ("/admin/", "/panels/", "wagtailadmin")

# Python modules whose strings reach the public as they are, with what they show.
PUBLIC_MODULES = {
    "buurtpages/forms.py": "signal and activity sign-up forms",
    "buurtpages/recurrence.py": "how often an activity repeats (page, poster)",
    "buurtpages/rsvp.py": "sign-up refusals, confirmation e-mail subjects",
    "buurtpages/help_offers.py": "offers of help: notices and e-mail subjects",
    "kernel/phones.py": "the error about a phone number in any public form",
    "buurtpages/signals_views.py": "the thanks after a signal",
    "workflows/forms.py": "report and account request forms",
    "workflows/views.py": "the thanks after an account request",
    "workflows/consent.py": "the consent e-mail's subject",
    "trainings/forms.py": "inwonersavond sign-up form",
    "trainings/views.py": "the availability poll's confirmation",
    "tenants/security.py": "too many form posts or failed logins (429 page)",
    "kernel/text.py": "the message about invisible control characters in any public form",
    "buurtpages/personal_data.py": "what the privacy statement says about each kind of data",
    "workflows/personal_data.py": "what the privacy statement says about each kind of data",
    "trainings/personal_data.py": "what the privacy statement says about each kind of data",
    "tenants/personal_data.py": "what the privacy statement says about each kind of data",
    "outbox/personal_data.py": "what the privacy statement says about each kind of data",
    "buurtpages/mails.py": "the receipt for a signal",
    "trainings/mails.py": "the inwonersavond receipt and the planned training days",
    "workflows/account_mails.py": "the answer to a declined account request",
    "buurtpages/views.py": "the printed agenda's refusals (unknown month or language, 429)",
    "buurtpages/templatetags/buurt_tags.py": "the note on items shown in Dutch",
    "buurtpages/subscription_forms.py": "the news-by-mail form and its personal page",
    "buurtpages/subscriptions.py": "subscription e-mail subjects",
    "buurtpages/digest.py": "the weekly digest's subject and headings",
}


def public_forms():
    from buurtpages.forms import RegistrationForm, SignalForm
    from buurtpages.subscription_forms import SubscriptionForm
    from trainings.forms import InterestSignupForm
    from workflows.forms import AccountRequestForm, ContentReportForm

    return [
        SignalForm,
        RegistrationForm,
        ContentReportForm,
        AccountRequestForm,
        InterestSignupForm,
        SubscriptionForm,
    ]


def publicly_displayed_fields():
    """Model fields whose labels or choices public pages show besides the forms."""
    from buurtpages.models import InitiativePage, PersonPage
    from buurtpages.models.initiative import InitiativeTeamMember
    from buurtpages.models.snippets import Partner
    from trainings.models import AvailabilityAnswer

    return [
        InitiativePage._meta.get_field("status"),
        InitiativeTeamMember._meta.get_field("role"),
        Partner._meta.get_field("kind"),
        PersonPage._meta.get_field("kind"),
        AvailabilityAnswer._meta.get_field("answer"),  # the availability poll's choices
    ]


def test_public_strings_are_translated_in_community_languages(tmp_path):
    """Everything the public reads is translated into every community language.

    The public: visitors, residents without an account, people answering a personal link,
    and recipients of e-mails to residents. Their strings are
    - the msgids of every template except admin screens (ADMIN_PATH_PARTS) and the
      STAFF_ONLY_TEMPLATES listed with their reason;
    - the msgids of PUBLIC_MODULES (public forms, public views, public e-mail subjects);
    - the labels, help texts and choices of the model fields the public forms show, and
      of the fields in publicly_displayed_fields(), read from the models themselves.
    A new public form goes into public_forms(); a new public template needs nothing.
    """
    wanted = public_msgids(tmp_path)
    problems = []
    for language in COMMUNITY_LANGUAGES:
        catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        done = {e.msgid for e in catalogue if e.translated() and "fuzzy" not in e.flags}
        problems += [f"{language}: {msgid!r}" for msgid in sorted(wanted - done)]
    assert problems == [], f"{len(problems)} public strings lack a translation:\n" + "\n".join(
        problems
    )


def public_template_paths():
    templates = Path(settings.BASE_DIR) / "templates"
    return [
        path
        for path in templates.rglob("*.*")
        if not any(part in f"/{path.relative_to(templates)}" for part in ADMIN_PATH_PARTS)
        and str(path.relative_to(templates)) not in STAFF_ONLY_TEMPLATES
    ]


def public_msgids(tmp_path):
    modules = [Path(settings.BASE_DIR) / module for module in PUBLIC_MODULES]
    extracted = extract_messages(tmp_path, modules=modules, templates=public_template_paths())
    return {entry.msgid for entry in extracted if entry.msgid} | model_field_msgids()


def model_field_msgids():
    fields = publicly_displayed_fields()
    for form in public_forms():
        model = getattr(getattr(form, "_meta", None), "model", None)
        if model is not None:
            model_fields = {field.name: field for field in model._meta.get_fields()}
            fields += [model_fields[name] for name in form.base_fields if name in model_fields]
    texts = set()
    # Without an active language a lazy string is its msgid.
    with translation.override(None):
        for field in fields:
            texts |= {str(field.verbose_name), str(field.help_text)}
            texts |= {str(label) for _value, label in field.choices or ()}
    # Only our own messages: an unwrapped default verbose_name is nobody's msgid.
    return texts & {entry.msgid for entry in polib.pofile(str(DUTCH))}
