"""What a browser would post: the fields of a form as the server rendered it.

Tests that post hand-made dictionaries can miss a field Wagtail requires, so the form
fails for another reason than the one under test. Reading the rendered form keeps every
field (hidden management fields, choosers, checked boxes) exactly as a person sends it.
"""

from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "file", "image", "reset"}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (attributes, [(name, value), ...])
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self._form = (attrs, [])
            self.forms.append(self._form)
        if self._form is None or "disabled" in attrs:
            return
        fields = self._form[1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, "multiple" in attrs, [], None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[3] is None:
                self._select[3] = value
            if "selected" in attrs:
                self._select[2].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the one newline that follows <textarea>.
            self._form[1].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, multiple, chosen, first = self._select
            values = chosen if (chosen or multiple) else [first] if first is not None else []
            self._form[1].extend((name, value) for value in values)
            self._select = None


def rendered_form(html, action=None, form_id=None):
    """The fields of one form on the page as a dict of lists, ready for `client.post`."""
    reader = _FormReader()
    reader.feed(html)
    for attrs, fields in reader.forms:
        if form_id is not None and attrs.get("id") != form_id:
            continue
        if action is not None and attrs.get("action") != action:
            continue
        data = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        return data
    raise AssertionError(f"no form with action={action!r} id={form_id!r} on the page")


def form_of(client, url, **match):
    """GET `url` as `client` and return its form's fields (asserting the page loads)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return rendered_form(response.content.decode(), **match)
