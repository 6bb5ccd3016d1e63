"""Query parameters as they arrive from anyone: parsed without surprises.

`str.isdigit()` is true for superscripts and other scripts' digits (`²`, `٣`, full-width digits),
which `int()` then refuses or reads as a number nobody meant; and a NUL byte in a
query parameter goes through the ORM to PostgreSQL, which refuses it with an error.
"""

import re

from django.http import QueryDict

ASCII_DIGITS = re.compile(r"[0-9]{1,9}")


def parse_int(value, minimum, maximum):
    """A whole number written in ASCII digits within [minimum, maximum]; otherwise None."""
    if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def without_nul(query):
    """A copy of a QueryDict with every NUL byte removed from its keys and values."""
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    clean._mutable = False
    return clean


class NulFreeQueryMiddleware:
    """Drops NUL bytes from every query parameter before any view (Wagtail's admin API,
    search, filters) can pass one to the database.

    Form posts are left to the forms: Django's CharField refuses NUL with a message the
    visitor can act on (and tenants.text refuses the other control characters).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or "\x00" in query_string:
            request.GET = without_nul(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)
