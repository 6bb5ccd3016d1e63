"""The personal data workflows keeps: consent requests, consents given and account
requests. Registered in WorkflowsConfig.ready(); see kernel/personal_data.py."""

from django.utils.translation import gettext_lazy as _

from kernel.personal_data import PrivacyNotice, RecordSet
from workflows.models import AccountRequest, ConsentRequest, PersonConsent, TranslatorLanguages

PERMISSION_NOTICE = PrivacyNotice(
    what=_("Permission for a page about you: your e-mail address and your answer."),
    why=_("So nobody is put on the website without their permission."),
    kept=_("As long as the page exists, or until you ask us to delete it."),
)
TRANSLATOR_NOTICE = PrivacyNotice(
    what=_("The languages you translate into, if you chose them."),
    why=_("So you see which pages wait for a translation in your language."),
    kept=_("As long as you have an account, or until you ask us to delete it."),
)
ACCOUNT_REQUEST_NOTICE = PrivacyNotice(
    what=_("Requests for an account: your name, e-mail address and what you want to write."),
    why=_("So a buurtverbinder can decide on your request."),
    kept=_("Until you ask us to delete it."),
)

DECLARATIONS = [
    RecordSet.by_address(
        "consent_requests",
        ConsentRequest,
        "email",
        export_as="consent_requests",
        notice=PERMISSION_NOTICE,
        export_order=70,
        erase_as="consent requests",
        erase_order=40,
    ),
    RecordSet.by_address(
        "consents",
        PersonConsent,
        "given_by",
        export_as="consents_given",
        notice=PERMISSION_NOTICE,
        export_order=80,
        erase_as="consents",
        erase_order=50,
    ),
    RecordSet.by_address(
        "account_requests",
        AccountRequest,
        "email",
        export_as="account_requests",
        notice=ACCOUNT_REQUEST_NOTICE,
        export_order=90,
        erase_as="account requests",
        erase_order=60,
    ),
    RecordSet(
        name="translator_languages",
        model=TranslatorLanguages._meta.label,
        find=lambda records: TranslatorLanguages.objects.filter(user__in=records.user_ids),
        export_as="languages_i_translate",
        notice=TRANSLATOR_NOTICE,
        export_order=180,
        erase_as="languages I translate",
        erase_order=65,
    ),
]
