"""A real SMTP server on a loopback port, started and stopped by the test itself."""

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    def __init__(self, messages):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class LoopbackSmtpServer:
    """Starts stopped: mails sent before `start()` find nobody listening on the port."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.controller = None

    def start(self):
        self.controller = Controller(Collector(self.messages), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()
