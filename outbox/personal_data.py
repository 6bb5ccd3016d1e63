"""The personal data the outbox keeps: mails to a person, waiting or recently sent.
Registered in OutboxConfig.ready(); see kernel/personal_data.py."""

from django.utils.translation import gettext_lazy as _

from kernel.personal_data import PrivacyNotice, RecordSet
from outbox.models import OutgoingMail

OUTGOING_MAIL_NOTICE = PrivacyNotice(
    what=_("Mails we send you: your e-mail address, the subject and the text."),
    why=_("So a mail still reaches you when the mail server is away for a while."),
    kept=_("Until a few days after the mail is sent."),
)

DECLARATIONS = [
    RecordSet.by_address(
        "outgoing_mails",
        OutgoingMail,
        "recipient",
        export_as="outgoing_mails",
        notice=OUTGOING_MAIL_NOTICE,
        export_order=190,
        erase_as="outgoing mails",
        erase_order=90,
    ),
]
