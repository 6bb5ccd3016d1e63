"""Queuing and sending one mail to each of many people in one buurt, against a real SMTP
server on a loopback port (aiosmtpd, as in the tests).

Queuing writes each mail to the buurt's outbox (as a page change or the weekly send
would); sending is one `send_outbox` pass. Prints JSON: seconds and messages per second
for both, and the process's peak memory. Run on its own in a fresh process:
    .venv/bin/python bench/outbox_mails.py [count]
`make bench` runs it with BENCH_MAILS (default 5000) on the benchmark database.
"""

import json
import os
import resource
import sys
import time

from common import setup_django

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_MAILS", "5000"))
SLUG = "bench_outbox"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def digest_like(number, buurt, base_url):
    """About the size of a weekly digest: a page of text and its HTML version."""
    from django.core.mail import EmailMultiAlternatives

    items = "\n".join(
        f"- Activiteit {i} in {buurt.name}: {base_url}/agenda/{i}/" for i in range(30)
    )
    html = (
        "<ul>"
        + "".join(
            f"<li><a href='{base_url}/agenda/{i}/'>Activiteit {i}</a></li>" for i in range(30)
        )
        + "</ul>"
    )
    message = EmailMultiAlternatives(
        f"Nieuws uit {buurt.name}", f"Hallo,\n\n{items}\n", to=[f"bewoner{number}@example.nl"]
    )
    message.attach_alternative(html, "text/html")
    return message


def main():
    setup_django()
    from django.conf import settings
    from django.db import transaction

    from outbox.delivery import deliver_due
    from outbox.models import OutgoingMail
    from tenants.across import in_buurt
    from tenants.launch import LaunchRequest, drop_buurt, launch_buurt
    from tests.smtp_server import LoopbackSmtpServer

    settings.EMAIL_BACKEND = "outbox.backend.OutboxBackend"
    settings.OUTBOX_DELIVER_AFTER_COMMIT = False  # queue first, then one sender pass
    drop_buurt(SLUG)
    buurt = launch_buurt(LaunchRequest(slug=SLUG, name="Mailbuurt", languages=["nl"])).buurt
    server = LoopbackSmtpServer()
    server.start()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        with in_buurt(buurt):
            base_url = buurt.base_url  # one query, not one per link
            started = time.perf_counter()
            with transaction.atomic():
                for number in range(COUNT):
                    digest_like(number, buurt, base_url).send()
            queue_s = time.perf_counter() - started
            started = time.perf_counter()
            outcomes = deliver_due()
            send_s = time.perf_counter() - started
            assert outcomes["sent"] == COUNT == len(server.messages), (
                outcomes,
                len(server.messages),
            )
            assert not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()
    finally:
        server.stop()
        drop_buurt(SLUG)
    print(
        json.dumps(
            {
                "mails": COUNT,
                "queue_s": round(queue_s, 2),
                "queue_per_s": round(COUNT / queue_s, 1),
                "send_s": round(send_s, 2),
                "send_per_s": round(COUNT / send_s, 1),
                "peak_rss_mb": round(peak_mb(), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
