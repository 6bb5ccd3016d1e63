"""Where a request comes from."""

from django.conf import settings


def client_address(request):
    """The visitor's address: the header the proxy in front sets (CLIENT_ADDRESS_HEADER),
    else the socket's peer."""
    return request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR", "")
