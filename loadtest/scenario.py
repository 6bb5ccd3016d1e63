"""The load test's visitors, as locust users, and the ledger of writes the app acknowledged.

Every kind of visitor is one user class; every kind of write also names how to find its
marker in the database afterwards (`WriteKind`). Adding a kind of write is one user class
with a `WriteKind` and a line in `USER_CLASSES`.

Each write carries a unique marker (a name, a description, a page title). A write is
acknowledged when the app answered it the way it answers a success (the redirect to
the confirmation page); only then does it go into the ledger. Afterwards every marker
in the ledger must be in the database.

All traffic goes to 127.0.0.1 with the buurt's Host header. Every write comes from an
address of its own (X-Real-IP, which the server under test reads as the visitor's
address): the anti-abuse limits count per address, and one machine plays many residents.
"""

import itertools
import random
import re
import time
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser

from locust import HttpUser, between, task

# Filled in by run.py before the users start.
PLAN = {"buurten": []}
LEDGER = []  # {"kind", "schema", "marker"} per acknowledged write
UNFRIENDLY = []  # error answers that were not the friendly 503 page
ERROR_TIMES = []  # time.monotonic() of every error answer

FRIENDLY_503 = re.compile(r'<html lang="[a-z]{2}"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class WriteKind:
    """A kind of write and where its marker is stored (`column` of `table` in the
    buurt's schema, compared with `=` or, for markers inside a longer text, LIKE)."""

    name: str
    table: str
    column: str
    inside_text: bool = False

    def found_sql(self, schema):
        operator = "LIKE '%%' || %s || '%%'" if self.inside_text else "= %s"
        return f'SELECT 1 FROM "{schema}".{self.table} WHERE {self.column} {operator} LIMIT 1'


SIGN_UP = WriteKind("sign-up", "buurtpages_registration", "name")
SIGNAL = WriteKind("signal", "buurtpages_signal", "description", inside_text=True)
DRAFT = WriteKind("draft", "wagtailcore_revision", "content->>'title'")
HELP_OFFER = WriteKind("help offer", "buurtpages_helpoffer", "name")
WRITE_KINDS = [SIGN_UP, SIGNAL, HELP_OFFER, DRAFT]


def new_marker(kind):
    return f"lt-{kind.name.replace(' ', '-')}-{uuid.uuid4().hex[:16]}"  # fits an address


def new_address():
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def acknowledge(kind, buurt, marker):
    LEDGER.append({"kind": kind.name, "schema": buurt["schema"], "marker": marker})


def is_friendly_503(response):
    text = response.text or ""
    return (
        response.status_code == 503
        and response.headers.get("Retry-After")
        and FRIENDLY_503.search(text)
        and "Traceback" not in text
    )


class BuurtUser(HttpUser):
    """A visitor of one buurt (the users are spread over the buurten in turn)."""

    abstract = True
    wait_time = between(0.5, 2.0)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.numbers = itertools.count()  # per kind: each kind is spread over every buurt

    def on_start(self):
        buurten = PLAN["buurten"]
        self.number = next(type(self).numbers)
        self.buurt = buurten[self.number % len(buurten)]
        self.address = new_address()

    def call(self, method, path, name, **kwargs):
        """One request; a 5xx is an error, and anything but the friendly 503 page is
        also written down as unfriendly."""
        headers = {"Host": self.buurt["host"], "X-Real-IP": self.address}
        with self.client.request(
            method,
            path,
            name=name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            if response.status_code < 400:
                response.success()
                return response
            ERROR_TIMES.append(time.monotonic())
            if is_friendly_503(response):
                response.failure("503: database unavailable")
            else:
                UNFRIENDLY.append((name, path, response.status_code, (response.text or "")[:200]))
                response.failure(f"unfriendly {response.status_code}")
        return response

    def form_page(self, path, name):
        """GET a page with a form; its HTML when it came, else None."""
        response = self.call("GET", path, name)
        return response.text if response.status_code == 200 else None


class Visitor(BuurtUser):
    """Reads pages: the home page (in its languages), the agenda, activities, search."""

    fixed_count = 4

    @task(4)
    def home(self):
        language = random.choice(self.buurt["languages"])
        self.call("GET", "/" if language == "nl" else f"/{language}/", "visitor: page")

    @task(2)
    def agenda(self):
        self.call("GET", "/agenda/", "visitor: page")

    @task(2)
    def activity(self):
        self.call("GET", random.choice(self.buurt["activities"]), "visitor: page")

    @task(1)
    def search(self):  # never cached: always reaches PostgreSQL
        word = random.choice(["koffie", "tuin", "buurt"])
        self.call("GET", f"/zoeken/?q={word}", "visitor: search")


class SignUp(BuurtUser):
    """Signs up for an activity, each time as another resident."""

    fixed_count = 4
    form_action = re.compile(r'<form method="post" action="([^"]+/aanmelden/)"')
    occurrence = re.compile(r'<option value="([^"]+)"')

    @task
    def sign_up(self):
        self.address = new_address()
        activity = random.choice(self.buurt["activities"])
        html = self.form_page(activity, "sign-up: form")
        if html is None or not self.form_action.search(html):
            return
        marker = new_marker(SIGN_UP)
        response = self.call(
            "POST",
            self.form_action.search(html).group(1),
            "sign-up: send",
            data={
                "csrfmiddlewaretoken": CSRF.search(html).group(1),
                "occurrence": self.occurrence.search(html).group(1),
                "name": marker,
                "email": f"{marker}@example.nl",
                "phone": "",
                "website": "",
            },
        )
        confirmation = response.headers.get("Location", "")
        if response.status_code == 302 and "/aanmelding/" in confirmation:
            acknowledge(SIGN_UP, self.buurt, marker)
            self.call("GET", confirmation, "sign-up: confirmation")


class Signaller(BuurtUser):
    """Reports a signal, each time as another resident."""

    fixed_count = 4
    category = re.compile(r'name="category" value="([^"]+)"')

    @task
    def report(self):
        self.address = new_address()
        html = self.form_page("/signaal/", "signal: form")
        if html is None:
            return
        marker = new_marker(SIGNAL)
        response = self.call(
            "POST",
            "/signaal/",
            "signal: send",
            data={
                "csrfmiddlewaretoken": CSRF.search(html).group(1),
                "category": random.choice(self.category.findall(html)),
                "description": f"Losliggende stoeptegels bij de speeltuin ({marker}).",
                "location": "Speeltuin",
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
                "website": "",
            },
        )
        if response.status_code == 302 and response.headers.get("Location", "").endswith(
            "/signaal/bedankt/"
        ):
            acknowledge(SIGNAL, self.buurt, marker)
            self.call("GET", "/signaal/bedankt/", "signal: confirmation")


class Helper(BuurtUser):
    """Answers "Ik help mee" on an initiative that looks for people, each time as another
    resident; the app's answer to a new offer is the offer's own page."""

    fixed_count = 4

    @task
    def offer_help(self):
        self.address = new_address()
        join = random.choice(self.buurt["initiatives"]) + "meedoen/"
        html = self.form_page(join, "help offer: form")
        if html is None:
            return
        marker = new_marker(HELP_OFFER)
        response = self.call(
            "POST",
            join,
            "help offer: send",
            data={
                "csrfmiddlewaretoken": CSRF.search(html).group(1),
                "name": marker,
                "email": f"{marker}@example.nl",
                "phone": "",
                "message": "Ik kan op zaterdag helpen.",
                "languages": "Nederlands",
                "role": "",
                "website": "",
            },
        )
        offer_page = response.headers.get("Location", "")
        if response.status_code == 302 and "/aanbod/" in offer_page:
            acknowledge(HELP_OFFER, self.buurt, marker)
            self.call("GET", offer_page, "help offer: confirmation")


class EditForm(HTMLParser):
    """The fields a browser would post from Wagtail's page editor (the form with
    id="page-edit-form"): inputs, checked boxes, textareas, selected options."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []
        self.inside = False
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "page-edit-form"
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind == "checkbox" else ""
            self.fields.append([attrs["name"], attrs.get("value", default)])
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def edit_form_fields(html):
    parser = EditForm()
    parser.feed(html)
    fields = parser.fields
    names = {name for name, _value in fields}
    # The body's blocks are built by the editor's JavaScript; this draft has none.
    if "body-count" not in names:
        fields.append(["body-count", "0"])
    return fields


class Editor(BuurtUser):
    """Logs into the buurt's Wagtail admin and keeps saving a draft story of their own."""

    fixed_count = 4

    def on_start(self):
        super().on_start()
        editors = self.buurt["editors"]
        self.login = editors[(self.number // len(PLAN["buurten"])) % len(editors)]
        self.logged_in = False

    def log_in(self):
        html = self.form_page("/admin/login/", "editor: login")
        if html is None:
            return
        response = self.call(
            "POST",
            "/admin/login/",
            "editor: login",
            data={
                "csrfmiddlewaretoken": CSRF.search(html).group(1),
                "username": self.login["username"],
                "password": self.login["password"],
            },
        )
        self.logged_in = response.status_code == 302

    @task
    def save_draft(self):
        if not self.logged_in:
            self.log_in()
            return
        edit = f"/admin/pages/{self.login['page_id']}/edit/"
        html = self.form_page(edit, "editor: form")
        if html is None:
            return
        marker = new_marker(DRAFT)
        fields = [f for f in edit_form_fields(html) if f[0] not in ("title",)]
        fields.append(["title", marker])
        response = self.call("POST", edit, "editor: save draft", data=fields)
        if response.status_code == 302 and response.headers.get("Location", "").endswith(edit):
            acknowledge(DRAFT, self.buurt, marker)
        elif response.status_code == 302 and "/login/" in response.headers.get("Location", ""):
            self.logged_in = False


USER_CLASSES = [Visitor, SignUp, Signaller, Helper, Editor]
