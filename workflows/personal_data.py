"""The personal data workflows keeps: consent requests, consents given and account
requests. Registered in WorkflowsConfig.ready(); see kernel/personal_data.py."""

from kernel.personal_data import RecordSet
from workflows.models import AccountRequest, ConsentRequest, PersonConsent

DECLARATIONS = [
    RecordSet(
        name="consent_requests",
        model="workflows.ConsentRequest",
        find=lambda records: records.with_address(ConsentRequest, "email"),
        export_as="consent_requests",
        export_order=70,
        erase_as="consent requests",
        erase_order=40,
        identifies=True,
    ),
    RecordSet(
        name="consents",
        model="workflows.PersonConsent",
        find=lambda records: records.with_address(PersonConsent, "given_by"),
        export_as="consents_given",
        export_order=80,
        erase_as="consents",
        erase_order=50,
        identifies=True,
    ),
    RecordSet(
        name="account_requests",
        model="workflows.AccountRequest",
        find=lambda records: records.with_address(AccountRequest, "email"),
        export_as="account_requests",
        export_order=90,
        erase_as="account requests",
        erase_order=60,
        identifies=True,
    ),
]
