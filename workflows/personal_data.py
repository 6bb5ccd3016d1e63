"""The personal data workflows keeps: consent requests, consents given and account
requests. Registered in WorkflowsConfig.ready(); see kernel/personal_data.py."""

from kernel.personal_data import RecordSet
from workflows.models import AccountRequest, ConsentRequest, PersonConsent, TranslatorLanguages

DECLARATIONS = [
    RecordSet.by_address(
        "consent_requests",
        ConsentRequest,
        "email",
        export_as="consent_requests",
        export_order=70,
        erase_as="consent requests",
        erase_order=40,
    ),
    RecordSet.by_address(
        "consents",
        PersonConsent,
        "given_by",
        export_as="consents_given",
        export_order=80,
        erase_as="consents",
        erase_order=50,
    ),
    RecordSet.by_address(
        "account_requests",
        AccountRequest,
        "email",
        export_as="account_requests",
        export_order=90,
        erase_as="account requests",
        erase_order=60,
    ),
    RecordSet(
        name="translator_languages",
        model=TranslatorLanguages._meta.label,
        find=lambda records: TranslatorLanguages.objects.filter(user__in=records.user_ids),
        export_as="languages_i_translate",
        export_order=180,
        erase_as="languages I translate",
        erase_order=65,
    ),
]
