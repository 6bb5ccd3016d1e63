"""Query parameters as they arrive from anyone: parsed without surprises.

`str.isdigit()` is true for superscripts and other scripts' digits (`²`, `٣`, full-width digits),
which `int()` then refuses or reads as a number nobody meant; a NUL byte in a
query parameter goes through the ORM to PostgreSQL, which refuses it with an error; and
Wagtail's database search backend nests one expression per search word, so a query of
a few hundred words exceeds Python's recursion limit.
"""

import re

from django.http import QueryDict

ASCII_DIGITS = re.compile(r"[0-9]{1,9}")
# Search terms as people type them; the public search page keeps 200 characters too.
SEARCH_PARAMETERS = {"q", "search"}
MAX_SEARCH_CHARACTERS = 200
MAX_SEARCH_WORDS = 20
# Parameters whose only meaningful values are known: anything else is dropped, so the
# view's default applies (Wagtail's admin API raised ValueError on any other operator).
FIXED_CHOICES = {"search_operator": {"and", "or"}}


def parse_int(value, minimum, maximum):
    """A whole number written in ASCII digits within [minimum, maximum]; otherwise None."""
    if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def bounded_search(text):
    """At most MAX_SEARCH_WORDS words and MAX_SEARCH_CHARACTERS characters."""
    words = text[: MAX_SEARCH_CHARACTERS * 2].split()
    return " ".join(words[:MAX_SEARCH_WORDS])[:MAX_SEARCH_CHARACTERS]


def needs_cleaning(query):
    return any(
        (key in FIXED_CHOICES and any(v not in FIXED_CHOICES[key] for v in values))
        or "\x00" in key
        or any("\x00" in v for v in values)
        or (
            key in SEARCH_PARAMETERS
            and any(
                len(v) > MAX_SEARCH_CHARACTERS or len(v.split()) > MAX_SEARCH_WORDS for v in values
            )
        )
        for key, values in query.lists()
    )


def cleaned_query(query):
    """A copy of a QueryDict without NUL bytes, with search terms bounded and parameters
    with fixed choices left out when they hold anything else."""
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        key = key.replace("\x00", "")
        values = [value.replace("\x00", "") for value in values]
        if key in SEARCH_PARAMETERS:
            values = [bounded_search(value) for value in values]
        if key in FIXED_CHOICES:
            values = [value for value in values if value in FIXED_CHOICES[key]]
        if values:
            clean.setlist(key, values)
    clean._mutable = False
    return clean


class SafeQueryMiddleware:
    """Drops NUL bytes from every query parameter, bounds search terms and drops
    unknown choices, before any view (Wagtail's admin API, listings, choosers, search)
    passes them on.

    Form posts are left to the forms: Django's CharField refuses NUL with a message the
    visitor can act on (and kernel.text refuses the other control characters).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING") and needs_cleaning(request.GET):
            request.GET = cleaned_query(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)
