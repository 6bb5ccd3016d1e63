"""The personal data the outbox keeps: mails to a person, waiting or recently sent.
Registered in OutboxConfig.ready(); see kernel/personal_data.py."""

from kernel.personal_data import RecordSet
from outbox.models import OutgoingMail

DECLARATIONS = [
    RecordSet.by_address(
        "outgoing_mails",
        OutgoingMail,
        "recipient",
        export_as="outgoing_mails",
        export_order=180,
        erase_as="outgoing mails",
        erase_order=90,
    ),
]
