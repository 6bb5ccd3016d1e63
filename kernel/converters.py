"""URL converters shared by the buurt sites' URLs."""

from django.urls import register_converter


class TokenConverter:
    """A personal link's token (secrets.token_urlsafe): anything else is a 404 at once,
    so a NUL byte or a megabyte of text never reaches the database."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")
