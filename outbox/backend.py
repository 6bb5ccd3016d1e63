"""The platform's e-mail backend: every message becomes a row in the outbox.

`message.send()` inside a transaction writes the mail in that same transaction, in the
schema the connection is on (a buurt's, or the portal's). If the change is rolled back,
no mail exists; if it is stored, its mail is stored too and the sender delivers it,
however long the mail server is away. The real delivery goes through
`OUTBOX_DELIVERY_BACKEND` (SMTP in production, locmem in tests, console in dev).

With `OUTBOX_DELIVER_AFTER_COMMIT` (dev, `make serve`, tests) one delivery attempt runs
right after the commit; it never raises, so a failing mail server cannot turn a stored
action into an error page.
"""

import base64
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction

from outbox.delivery import MESSAGE_ID_HEADER, deliver_quietly
from outbox.models import OutgoingMail


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        stored = [store(message) for message in email_messages if message.recipients()]
        if stored and settings.OUTBOX_DELIVER_AFTER_COMMIT:
            ids = [mail.pk for mail in stored]
            if inside_a_transaction():
                transaction.on_commit(lambda: deliver_quietly(ids))
            else:
                deliver_quietly(ids)
        return len(stored)


def inside_a_transaction():
    """Whether the mail belongs to a transaction of the code that is still open.

    The blocks a test case opens around each test do not count (Django's own check of a
    durable block reads the same marker): there, as in autocommit, a mail sent outside
    any transaction of the code is stored and tried at once.
    """
    return any(not block._from_testcase for block in connection.atomic_blocks)


def store(message):
    """Write one EmailMessage to the outbox of the current schema."""
    headers = dict(message.extra_headers)
    message_id = headers.pop(MESSAGE_ID_HEADER, None) or new_message_id()
    return OutgoingMail.objects.create(
        recipient=parseaddr((message.to or message.cc or message.bcc)[0])[1][:254],
        message_id=message_id,
        subject=str(message.subject),
        body=str(message.body),
        content_subtype=message.content_subtype,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=headers,
        alternatives=[[str(alt[0]), alt[1]] for alt in getattr(message, "alternatives", [])],
        attachments=[attachment_row(attachment) for attachment in message.attachments],
    )


def new_message_id():
    """A Message-ID on the platform's own mail domain (stable: stored with the row)."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2] or "buurtplatform.invalid"
    return make_msgid(idstring="outbox", domain=domain)


def attachment_row(attachment):
    filename, content, mimetype = attachment  # MIMEBase attachments are not used here
    is_text = isinstance(content, str)
    data = content.encode() if is_text else bytes(content)
    return [filename, base64.b64encode(data).decode("ascii"), mimetype, is_text]
