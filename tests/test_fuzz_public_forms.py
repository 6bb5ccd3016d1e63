"""Generated input on every public form, personal link and query parameter (hypothesis).

Fuzzing starts from a valid record and changes one field at a time, so most examples
reach the code that stores data (each form test asserts a minimum share is stored),
and every rejection is checked for meaning: it names the field that was changed, and
a decision without a valid choice decides nothing. Personal links are tried with
tokens of real records of this buurt and of another one. A state machine signs
people up, again in another letter case, cancels and promotes from the waitlist.

Whatever arrives, the answer is never a server error, and nothing stored contains a NUL
byte, another control character (tab and line breaks excepted) or more than the field
holds. Text in any script is stored exactly.

Generated cases (the `max_examples` of each property plus the state machine's steps)
add up to CASES_IN_TOTAL, asserted at the end of the module; each property run inside
a test also asserts it really ran that many examples (RAN).
"""

import itertools
import re
import unicodedata
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, PersonPageFactory, StoryPageFactory, publish
from buurtpages.models import (
    ActivityIndexPage,
    ActivityPage,
    PersonIndexPage,
    Registration,
    Signal,
    StoryIndexPage,
)
from kernel.roles import BUURT_ADMIN, RESIDENT
from tenants.factories import MunicipalityFactory
from tenants.models import Buurt
from tests.base import client_for, inside, logged_in
from trainings.factories import CohortMemberFactory, ResidentsEveningFactory
from trainings.models import AvailabilityAnswer, CandidateDate, InterestSignup
from workflows.demo import submit_for_review
from workflows.factories import UserFactory
from workflows.models import AccountRequest, ConsentRequest, ContentReport

EXAMPLES = {
    "signal": 80,
    "rsvp": 80,
    "inwonersavond": 80,
    "account_request": 60,
    "content_report": 30,
    "consent_decision": 40,
    "poll_answers": 40,
    "tokens": 80,
    "public_query": 150,
    "admin_query": 200,
    "search": 25,
    "launch_wizard": 12,  # each stored example launches a buurt (about a second)
    "any_script": 25,
    "help_offer": 60,
    "help_offer_links": 40,
    "subscription": 60,
    "subscription_links": 40,
}
MACHINE_RUNS, MACHINE_STEPS = 12, 15
CASES_IN_TOTAL = sum(EXAMPLES.values()) + MACHINE_RUNS * MACHINE_STEPS
RAN = Counter()  # examples each inner property really ran


def assert_ran_all(name):
    assert RAN[name] >= EXAMPLES[name], f"{name}: {RAN[name]} of {EXAMPLES[name]} examples"


def fuzz(name):
    return settings(
        max_examples=EXAMPLES[name],
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Anything: control characters, NUL, any script, emoji, very long strings.
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=50),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(100, 3000)),
)
# Text people write: letters, marks, digits, punctuation and spaces of any script.
human_text = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "P", "Zs"], exclude_characters="\x85"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() and s == s.strip())
phone_numbers = st.sampled_from(
    ["0612345678", "06 12345678", "+31 6 1234 5678", "020-1234567", "+32 2 555 12 12", "12"]
)
emails = st.emails().filter(lambda e: len(e) <= 254) | st.integers(0, 10**9).map(
    lambda n: f"buur{n}@example.nl"
)
ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_addresses = itertools.count(1)


def fresh_ip():
    """A new address for every post, so the per-address limits never decide the outcome."""
    n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def garbage_in(value):
    if not isinstance(value, str):
        return None
    if any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in value):
        return "control character"
    return None


def assert_clean(rows):
    """Every text value stored is free of NUL and other control characters."""
    for row in rows:
        for field, value in row.items():
            problem = garbage_in(value)
            assert problem is None, f"{field} stored a {problem}: {value!r}"


def assert_answered(response):
    assert response.status_code < 500, response.status_code


def form_errors(response):
    context = response.context
    return context["form"].errors if context and "form" in context else {}


def one_field_changed(valid, strategies):
    """A valid record with exactly one field replaced by a generated value: two times in
    three a value of the kind people type, else anything at all."""
    return st.sampled_from(sorted(strategies)).flatmap(
        lambda field: st.tuples(st.just(field), usually(strategies[field])).map(
            lambda change: (change[0], valid | {change[0]: change[1]})
        )
    )


def usually(plausible):
    """Two times in three a plausible value, else anything (one_of would flatten the
    branches of nasty_text and draw from it three times as often)."""
    return st.integers(0, 2).flatmap(lambda pick: plausible if pick else nasty_text)


class Tally:
    """How many generated posts were stored: fuzzing that stores nothing tests nothing."""

    def __init__(self):
        self.stored = self.total = 0

    def count(self, stored):
        self.total += 1
        self.stored += bool(stored)

    def assert_share(self, minimum):
        assert self.total, "no examples ran"
        assert self.stored / self.total >= minimum, f"{self.stored} of {self.total} stored"


def check_outcome(response, field, stored, allowed_error_fields=None):
    """Stored, or refused with an error on the changed field (and nothing stored)."""
    assert_answered(response)
    if response.status_code == 302:
        return
    errors = form_errors(response)
    assert not stored, "a refused post stored a record"
    if errors:
        fields = set(errors) - {"__all__"}
        assert fields <= (allowed_error_fields or {field}), (field, errors)


@pytest.fixture
def scene(alpha, beta):
    with inside(alpha):
        start = (timezone.localtime() + timedelta(days=6)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        activity = publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                slug="fuzz",
                start=start,
                end=start + timedelta(hours=1),
                capacity=1000,
            )
        )
        story = publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), slug="fuzzverhaal"))
        author = UserFactory(username="fuzz-auteur@example.nl", roles=[RESIDENT])
        person = PersonPageFactory(parent=dutch_section(PersonIndexPage), owner=author)
        submit_for_review(person, author)
        consent = ConsentRequest.objects.get(page_id=person.pk)
        evening = ResidentsEveningFactory(starts_at=timezone.now() + timedelta(days=9))
        member = CohortMemberFactory()
        for days in (20, 27):
            CandidateDate.objects.create(cohort=member.cohort, date=start.date() + timedelta(days))
        registration = Registration.objects.create(
            activity=activity,
            occurrence_start=start,
            name="Echte Aanmelding",
            email="echt@example.nl",
            status=Registration.Status.CONFIRMED,
        )
        own = {
            "registration": registration.token,
            "consent": consent.token,
            "poll": member.token,
        }
        scene = {
            "start": activity.start.isoformat(),
            "activity": activity.url,  # URLs need the buurt's schema: computed inside it
            "activity_id": activity.pk,
            "story": story.pk,
            "consent": consent.token,
            "consent_id": consent.pk,
            "poll": member.poll_path,
            "member_id": member.pk,
            "evening": evening.pk,
        }
    with inside(beta):
        other_member = CohortMemberFactory()
        other_start = timezone.now() + timedelta(days=3)
        other_activity = publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                slug="fuzz",
                start=other_start,
                end=other_start + timedelta(hours=1),
            )
        )
        other_registration = Registration.objects.create(
            activity=other_activity,
            occurrence_start=other_start,
            name="Andere Buurt",
            email="ander@example.nl",
            status=Registration.Status.CONFIRMED,
        )
        foreign = {
            "registration": other_registration.token,
            "poll": other_member.token,
        }
    scene["own_tokens"], scene["foreign_tokens"] = own, foreign
    return scene


def rows(buurt, model, *fields):
    with inside(buurt):
        return list(model.objects.values(*fields))


def count(buurt, model):
    with inside(buurt):
        return model.objects.count()


# --- forms: one field at a time ------------------------------------------------------------

SIGNAL = {
    "category": Signal.Category.choices[0][0],
    "description": "De lantaarnpaal bij de speeltuin is al weken kapot.",
    "location": "Tulpstraat",
    "contact_name": "Fatma",
    "contact_email": "fatma@example.nl",
    "contact_phone": "",
    "website": "",
}
SIGNAL_FIELDS = {
    "category": st.sampled_from([value for value, _label in Signal.Category.choices]),
    "description": human_text,
    "location": human_text,
    "contact_name": human_text,
    "contact_email": emails,
    "contact_phone": phone_numbers,
}


def test_signal_form(alpha):
    tally = Tally()

    @fuzz("signal")
    @given(change=one_field_changed(SIGNAL, SIGNAL_FIELDS), n=st.integers(0, 10**9))
    def post(change, n):
        RAN["signal"] += 1
        field, data = change
        if field != "description":  # the same description from one sender is a duplicate
            data = data | {"description": f"{data['description']} ({n})"}
        before = count(alpha, Signal)
        response = client_for(alpha).post("/signaal/", data, REMOTE_ADDR=fresh_ip())
        stored = count(alpha, Signal) - before == 1
        check_outcome(response, field, stored)
        tally.count(stored)

    post()
    assert_ran_all("signal")
    tally.assert_share(0.3)
    fields = ("description", "location", "contact_name", "contact_email", "contact_phone")
    assert_clean(rows(alpha, Signal, *fields))


RSVP_FIELDS = {
    "name": human_text,
    "email": emails,
    "phone": phone_numbers,
}


def test_rsvp_sign_up(alpha, scene):
    tally = Tally()
    serial = itertools.count()

    @fuzz("rsvp")
    @given(change=st.data())
    def post(change):
        RAN["rsvp"] += 1
        valid = {
            "occurrence": scene["start"],
            "name": "Sanne",
            "email": f"sanne{next(serial)}@example.nl",
            "phone": "",
            "website": "",
        }
        fields = RSVP_FIELDS | {"occurrence": st.just(scene["start"])}
        field, data = change.draw(one_field_changed(valid, fields))
        before = count(alpha, Registration)
        response = client_for(alpha).post(scene["activity"] + "aanmelden/", data)
        stored = count(alpha, Registration) - before == 1
        # Without an e-mail address and a phone number, the e-mail field says so.
        check_outcome(response, field, stored, {field, "email"})
        if response.status_code == 200 and not form_errors(response):
            assert "al aangemeld" in response.content.decode()  # someone else's address
            assert "Echte Aanmelding" not in response.content.decode()
        tally.count(stored)

    post()
    assert_ran_all("rsvp")
    tally.assert_share(0.3)
    assert_clean(rows(alpha, Registration, "name", "email", "phone"))


INTEREST_FIELDS = {
    "name": human_text,
    "email": emails,
    "phone": phone_numbers,
    "languages": st.lists(st.sampled_from(["nl", "pl", "ar", "xx"]), max_size=3),
    "cares_about": human_text,
    "hours_per_week": st.integers(-3, 45).map(str),
}


def test_inwonersavond_sign_up(alpha, scene):
    tally = Tally()
    serial = itertools.count()

    @fuzz("inwonersavond")
    @given(change=st.data())
    def post(change):
        RAN["inwonersavond"] += 1
        valid = {
            "name": "Ilse",
            "email": f"ilse{next(serial)}@example.nl",
            "phone": "",
            "languages": ["nl"],
            "cares_about": "Dat ouderen elkaar weer zien.",
            "hours_per_week": "3",
            "website": "",
        }
        field, data = change.draw(one_field_changed(valid, INTEREST_FIELDS))
        before = count(alpha, InterestSignup)
        response = client_for(alpha).post(f"/inwonersavond/{scene['evening']}/", data)
        stored = count(alpha, InterestSignup) - before == 1
        check_outcome(response, field, stored, {field, "email"})
        if response.status_code == 302 and not stored:  # only a repeated contact
            assert field in ("email", "phone")
        tally.count(stored)

    post()
    assert_ran_all("inwonersavond")
    tally.assert_share(0.3)
    assert_clean(rows(alpha, InterestSignup, "name", "email", "phone", "cares_about"))


ACCOUNT_FIELDS = {"name": human_text, "email": emails, "motivation": human_text}


def test_account_request(alpha):
    tally = Tally()
    serial = itertools.count()

    @fuzz("account_request")
    @given(change=st.data())
    def post(change):
        RAN["account_request"] += 1
        valid = {
            "name": "Noor",
            "email": f"noor{next(serial)}@example.nl",
            "motivation": "Ik wil verhalen schrijven.",
            "website": "",
        }
        field, data = change.draw(one_field_changed(valid, ACCOUNT_FIELDS))
        before = count(alpha, AccountRequest)
        response = client_for(alpha).post("/account-aanvragen/", data, REMOTE_ADDR=fresh_ip())
        stored = count(alpha, AccountRequest) - before == 1
        check_outcome(response, field, stored)
        tally.count(stored)

    post()
    assert_ran_all("account_request")
    tally.assert_share(0.3)
    assert_clean(rows(alpha, AccountRequest, "name", "email", "motivation"))


@fuzz("content_report")
@given(
    reason=nasty_text,
    explanation=nasty_text,
    page=st.integers(-5, 10**12),
    ip=st.ip_addresses(v=4).map(str),
)
def test_content_report(alpha, scene, reason, explanation, page, ip):
    client = client_for(alpha)
    data = {"reason": reason, "explanation": explanation}
    assert_answered(client.post(f"/melden/{scene['story']}/", data, REMOTE_ADDR=ip))
    if page >= 0:
        assert_answered(client.post(f"/melden/{page}/", data, REMOTE_ADDR=ip))
    assert_clean(rows(alpha, ContentReport, "explanation"))


# --- decisions: only a valid choice decides -----------------------------------------------

not_yes_or_no = (nasty_text | st.sampled_from(["Yes", "YES", "ja", " yes", "no\x00", "1"])).filter(
    lambda decision: decision not in ("yes", "no")
)


def test_consent_decision_without_a_valid_choice_decides_nothing(alpha, scene):
    client = client_for(alpha)
    url = f"/toestemming/{scene['consent']}/"

    @fuzz("consent_decision")
    @given(decision=not_yes_or_no, extra=st.dictionaries(nasty_text, nasty_text, max_size=3))
    def post(decision, extra):
        RAN["consent_decision"] += 1
        response = client.post(url, {**extra, "decision": decision})
        assert response.status_code in (200, 400)  # 400: Django refuses oversized fields
        with inside(alpha):
            assert ConsentRequest.objects.get(pk=scene["consent_id"]).decision == "pending"

    post()
    assert_ran_all("consent_decision")
    # Positive control: the real button decides.
    assert client.post(url, {"decision": "no"}).status_code == 200
    with inside(alpha):
        assert ConsentRequest.objects.get(pk=scene["consent_id"]).decision == "refused"


def test_poll_answers_without_valid_choices_record_nothing(alpha, scene):
    client = client_for(alpha)
    with inside(alpha):
        candidates = list(
            CandidateDate.objects.filter(cohort__members=scene["member_id"]).values_list(
                "pk", flat=True
            )
        )
    names = [f"date_{pk}" for pk in candidates]

    @fuzz("poll_answers")
    @given(
        answers=st.fixed_dictionaries({name: not_yes_or_no for name in names}),
        extra=st.dictionaries(nasty_text, nasty_text, max_size=3),
    )
    def post(answers, extra):
        RAN["poll_answers"] += 1
        assert_answered(client.post(scene["poll"], {**extra, **answers}))
        with inside(alpha):
            assert not AvailabilityAnswer.objects.filter(member_id=scene["member_id"]).exists()

    post()
    assert_ran_all("poll_answers")
    response = client.post(scene["poll"], dict.fromkeys(names, "maybe"))
    assert response.status_code == 302  # positive control: valid answers are recorded
    with inside(alpha):
        assert AvailabilityAnswer.objects.filter(member_id=scene["member_id"]).count() == 2


# --- personal links with real tokens of this and another buurt ----------------------------


def personal_link_tokens(real):
    """Real tokens (of this buurt and another), each also with one character changed, and
    nasty text kept within one path segment."""
    return st.one_of(
        st.sampled_from(real),
        st.sampled_from(real).flatmap(  # one character changed
            lambda token: st.tuples(st.integers(0, len(token) - 1), st.sampled_from("aZ0-_")).map(
                lambda change: token[: change[0]] + change[1] + token[change[0] + 1 :]
            )
        ),
        nasty_text.map(lambda text: re.sub(r"[/?#%]", "x", text) or "x"),
    )


def test_personal_links_answer_only_their_own_token_on_their_own_host(alpha, scene):
    own, foreign = scene["own_tokens"], scene["foreign_tokens"]
    paths = {
        "registration": lambda token: f"{scene['activity']}aanmelding/{token}/",
        "consent": lambda token: f"/toestemming/{token}/",
        "poll": lambda token: f"/training/beschikbaarheid/{token}/",
    }
    real = list(own.values()) + list(foreign.values())
    tokens = personal_link_tokens(real)
    client = client_for(alpha)

    @fuzz("tokens")
    @given(kind=st.sampled_from(sorted(paths)), token=tokens)
    def visit(kind, token):
        RAN["tokens"] += 1
        response = client.get(paths[kind](token))
        assert_answered(response)
        if token == own[kind]:
            assert response.status_code == 200
        else:
            assert response.status_code == 404, (kind, token)
            assert "Echte Aanmelding" not in response.content.decode()

    visit()
    assert_ran_all("tokens")


# --- query parameters of public and admin views -------------------------------------------

# Read from the views: our own (buurtpages.agenda, buurtpages.views, admin_views) and the
# Wagtail views they sit between (listings, search, choosers, reports, the admin API).
PUBLIC_PARAMETERS = {
    "/agenda/": ["thema", "dag", "kosten"],
    "/zoeken/": ["q", "pagina"],
    "/agenda.ics": ["thema"],
    "/": ["q"],
}
ADMIN_PARAMETERS = {
    "/admin/api/main/pages/": [
        "search",
        "search_operator",
        "type",
        "fields",
        "order",
        "limit",
        "offset",
        "child_of",
        "descendant_of",
        "translation_of",
        "locale",
        "has_children",
        "for_explorer",
    ],
    "/admin/pages/search/": ["q", "p", "content_type", "ordering"],
    "/admin/pages/": ["ordering", "p", "q", "locale"],
    "/admin/choose-page/": ["q", "p", "page_type", "locale"],
    "/admin/images/": ["q", "p", "collection_id", "ordering", "tag"],
    "/admin/documents/": ["q", "p", "collection_id", "ordering"],
    "/admin/snippets/buurtpages/theme/": ["q", "p", "ordering", "locale"],
    "/admin/snippets/buurtpages/signal/": ["q", "p", "ordering"],
    "/admin/users/": ["q", "p", "ordering"],
    "/admin/reports/site-history/": ["action", "user", "timestamp_from", "timestamp_to"],
    "/admin/reports/aging-pages/": ["last_published_at", "content_type", "p"],
    "/admin/activiteiten/{activity_id}/aanmeldingen/": ["export"],
}
odd_values = nasty_text | st.sampled_from(
    ["%00", "\x00", "²", "٣", "-1", "0", "99999999999999999999", "1e9", "csv", "title", "-title"]
)


@fuzz("public_query")
@given(
    path=st.sampled_from(sorted(PUBLIC_PARAMETERS)),
    values=st.lists(odd_values, min_size=1, max_size=3),
    data=st.data(),
)
def test_every_public_query_parameter(alpha, path, values, data):
    names = PUBLIC_PARAMETERS[path]
    chosen = [data.draw(st.sampled_from(names)) for _ in values]
    response = client_for(alpha).get(path, dict(zip(chosen, values, strict=True)))
    assert_answered(response)


def test_every_admin_query_parameter(alpha, scene):
    editor = logged_in(alpha, "fuzz-beheer@example.nl", BUURT_ADMIN)
    paths = {path.format(**scene): names for path, names in ADMIN_PARAMETERS.items()}

    @fuzz("admin_query")
    @given(path=st.sampled_from(sorted(paths)), data=st.data())
    def visit(path, data):
        RAN["admin_query"] += 1
        names = st.sampled_from(paths[path])
        query = data.draw(st.dictionaries(names, odd_values, min_size=1, max_size=3))
        response = editor.get(path, query)
        assert_answered(response)
        assert response.status_code != 302 or "/login/" not in response["Location"]

    visit()
    assert_ran_all("admin_query")
    assert editor.get("/admin/").status_code == 200  # still logged in after every route


@fuzz("search")
@given(query=nasty_text, page=nasty_text)
@example(query="buurt\x00feest", page="0")  # once a 500: NUL reached PostgreSQL
def test_search(alpha, query, page):
    response = client_for(alpha).get("/zoeken/", {"q": query, "pagina": page})
    assert_answered(response)


@pytest.fixture
def own_municipality(db):
    return MunicipalityFactory(name="Fuzzstad", slug="fuzzstad")


@pytest.fixture
def municipality_employee(own_municipality):
    """An employee of one municipality: staff launch buurten only for their own."""
    from tests.test_portal import portal_client

    return portal_client(municipality=own_municipality)


LAUNCH_FIELDS = {
    "name": human_text,
    "slug": st.from_regex(r"[a-z][a-z0-9_]{1,12}", fullmatch=True),
    "domain": st.sampled_from(["", "wijk.example.nl", "127.0.0.1", "WIJK.example.nl."]),
    "languages": st.lists(st.sampled_from(["ar", "tr", "pl", "uk", "xx"]), max_size=3),
    "admin_email": emails,
}


def test_launch_wizard(municipality_employee, own_municipality):
    """From a valid launch, one field changed: most examples really launch a buurt."""
    tally = Tally()
    serial = itertools.count()

    @fuzz("launch_wizard")
    @given(change=st.data())
    def post(change):
        RAN["launch_wizard"] += 1
        n = next(serial)
        valid = {
            "name": f"Fuzzwijk {n}",
            "slug": f"fuzzwijk_{n}",
            "domain": "",
            "languages": ["tr"],
            "admin_email": f"beheer{n}@example.nl",
            "municipality": own_municipality.pk,
        }
        field, data = change.draw(one_field_changed(valid, LAUNCH_FIELDS))
        before = Buurt.objects.count()
        response = municipality_employee.post("/buurten/nieuw/", data)
        stored = Buurt.objects.count() - before == 1
        # The standard web address is made from the slug: a bad slug also makes it bad.
        check_outcome(response, field, stored, {field, "domain"} if field == "slug" else None)
        tally.count(stored)

    post()
    assert_ran_all("launch_wizard")
    tally.assert_share(0.3)
    assert_clean(Buurt.objects.values("name", "schema_name"))


@fuzz("any_script")
@given(words=human_text)
def test_any_script_survives(alpha, words):
    client = client_for(alpha)
    client.post(
        "/signaal/",
        {"category": Signal.Category.choices[0][0], "description": words, "contact_name": words},
        REMOTE_ADDR=fresh_ip(),
    )
    client.post(
        "/account-aanvragen/",
        {"name": words, "email": f"iemand{abs(hash(words))}@example.nl", "motivation": words},
        REMOTE_ADDR=fresh_ip(),
    )
    with inside(alpha):
        assert Signal.objects.filter(description=words, contact_name=words).exists()
        assert AccountRequest.objects.filter(name=words, motivation=words).exists()


@pytest.mark.parametrize("bad", ["Anna\x00", "An\x07na", "Anna\x1b[31m", "An\u0085na"])
def test_control_characters_get_a_clear_message(alpha, bad):
    response = client_for(alpha).post(
        "/account-aanvragen/", {"name": bad, "email": "a@example.nl", "motivation": "Hallo"}
    )
    assert response.status_code == 200
    message = str(form_errors(response)["name"])
    assert "tekens" in message, message
    with inside(alpha):
        assert not AccountRequest.objects.exists()


# --- the sign-up state machine ------------------------------------------------------------

PEOPLE = ["Anna", "Bram", "Cor", "Dewi", "Eva"]
CAPACITY = 2


def letter_case(address, variant):
    return [address, address.upper(), address.title(), f" {address.swapcase()} "][variant]


class SignUps(RuleBasedStateMachine):
    """Sign up, sign up again in another letter case, cancel, and see who moves up."""

    buurt = scene = capture = None  # set by the test

    def __init__(self):
        super().__init__()
        with inside(self.buurt):
            Registration.objects.filter(activity_id=self.scene["activity_id"]).delete()
            ActivityPage.objects.filter(pk=self.scene["activity_id"]).update(capacity=CAPACITY)
        mail.outbox.clear()
        self.confirmed, self.waitlist, self.links, self.tokens = [], [], {}, []

    def address(self, person):
        return f"{person.lower()}@example.nl"

    def stored(self):
        with inside(self.buurt):
            active = Registration.objects.filter(activity_id=self.scene["activity_id"]).exclude(
                status="cancelled"
            )
            by_status = {"confirmed": [], "waitlist": []}
            for registration in active.order_by("created_at"):
                by_status[registration.status].append(registration.name)
            return by_status

    @rule(person=st.sampled_from(PEOPLE), variant=st.integers(0, 3))
    def sign_up(self, person, variant):
        RAN["machine_steps"] += 1
        already = person in self.confirmed or person in self.waitlist
        data = {
            "occurrence": self.scene["start"],
            "name": "Iemand anders" if already else person,
            "email": letter_case(self.address(person), variant),
            "phone": "",
            "website": "",
        }
        with self.capture(execute=True):
            response = client_for(self.buurt).post(
                self.scene["activity"] + "aanmelden/", data, follow=True
            )
        assert response.status_code == 200
        html = response.content.decode()
        if already:
            # Whoever typed the address sees no one's sign-up and no personal link.
            assert "al aangemeld" in html
            assert person not in html
            assert all(token not in html for token in self.tokens)
            assert not response.redirect_chain
            return
        (url, _status) = response.redirect_chain[-1]
        self.links[person] = url.rstrip("/").rsplit("/", 1)[-1]
        self.tokens.append(self.links[person])
        assert person in html  # the one who signed up sees their own sign-up
        (self.confirmed if len(self.confirmed) < CAPACITY else self.waitlist).append(person)

    @precondition(lambda self: self.confirmed or self.waitlist)
    @rule(data=st.data())
    def cancel(self, data):
        RAN["machine_steps"] += 1
        person = data.draw(st.sampled_from(self.confirmed + self.waitlist))
        url = f"{self.scene['activity']}aanmelding/{self.links[person]}/"
        with self.capture(execute=True):
            assert client_for(self.buurt).post(url).status_code == 200
        if person in self.confirmed:
            self.confirmed.remove(person)
            if self.waitlist:
                self.confirmed.append(self.waitlist.pop(0))  # first come, first promoted
        else:
            self.waitlist.remove(person)

    @invariant()
    def matches_the_database(self):
        stored = self.stored()
        assert len(stored["confirmed"]) <= CAPACITY
        assert sorted(stored["confirmed"]) == sorted(self.confirmed)
        assert stored["waitlist"] == self.waitlist  # in the order they signed up

    @invariant()
    def links_go_only_to_their_owner(self):
        """Each mailed link goes to the address stored on its own sign-up, nowhere else."""
        with inside(self.buurt):
            stored = dict(Registration.objects.values_list("token", "email"))
        for message in mail.outbox:
            tokens = [token for token in self.tokens if token in message.body]
            assert len(tokens) == 1
            assert message.to == [stored[tokens[0]]]


def test_sign_up_state_machine(alpha, scene, django_capture_on_commit_callbacks):
    class Machine(SignUps):
        buurt = alpha

    Machine.scene, Machine.capture = scene, staticmethod(django_capture_on_commit_callbacks)
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=MACHINE_RUNS,
            stateful_step_count=MACHINE_STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    print(f"state machine: {RAN['machine_steps']} steps in {MACHINE_RUNS} runs")
    assert RAN["machine_steps"] >= MACHINE_RUNS * MACHINE_STEPS // 2


# --- offers of help: the form and the personal link ----------------------------------------

HELP_OFFER_FIELDS = {
    "name": human_text,
    "email": emails,
    "phone": phone_numbers,
    "message": human_text,
    "languages": human_text,
    "role": st.sampled_from(["", "expert", "connector", "organiser", "boss"]),
}


def test_help_offer_form(alpha):
    from buurtpages.models import HelpOffer
    from tests.test_help_offers import PAGE, initiative_with_ask

    initiative_with_ask(alpha)
    tally = Tally()
    serial = itertools.count()

    @fuzz("help_offer")
    @given(change=st.data())
    def post(change):
        RAN["help_offer"] += 1
        valid = {"name": "Sanne", "email": f"sanne{next(serial)}@example.nl", "phone": ""}
        valid |= {"message": "Ik kook graag", "languages": "Nederlands", "role": "", "website": ""}
        field, data = change.draw(one_field_changed(valid, HELP_OFFER_FIELDS))
        before = count(alpha, HelpOffer)
        response = client_for(alpha).post(f"{PAGE}meedoen/", data, REMOTE_ADDR=fresh_ip())
        stored = count(alpha, HelpOffer) - before == 1
        # Without an e-mail address and a phone number, the e-mail field says so.
        check_outcome(response, field, stored, {field, "email"})
        tally.count(stored)

    post()
    assert_ran_all("help_offer")
    tally.assert_share(0.3)
    fields = ("name", "email", "phone", "message", "languages")
    assert_clean(rows(alpha, HelpOffer, *fields))


def test_help_offer_links_answer_only_their_own_token_on_their_own_host(alpha, beta):
    from buurtpages import help_offers
    from tests.test_help_offers import PAGE, initiative_with_ask

    tokens = {}
    for buurt in (alpha, beta):
        page, ask = initiative_with_ask(buurt)
        with inside(buurt):
            made = help_offers.offer_help(page, ask, name="Echt Aanbod", email="echt@example.nl")
            tokens[buurt.schema_name] = made.offer.token
    own, foreign = tokens["alpha"], tokens["beta"]
    candidates = personal_link_tokens([own, foreign])
    client = client_for(alpha)

    @fuzz("help_offer_links")
    @given(token=candidates)
    def visit(token):
        RAN["help_offer_links"] += 1
        response = client.get(f"{PAGE}aanbod/{token}/")
        assert_answered(response)
        if token == own:
            assert response.status_code == 200
        else:
            assert response.status_code == 404, token
            assert "Echt Aanbod" not in response.content.decode()

    visit()
    assert_ran_all("help_offer_links")


SUBSCRIPTION_FIELDS = {
    "email": emails,
    "language": st.sampled_from(["nl", "en", "ar", "", "xx"]),
    "kinds": st.lists(st.sampled_from(["agenda", "initiatives", "stories", "weer"]), max_size=4),
}


def test_subscription_form(alpha):
    from buurtpages.models import Subscription

    tally = Tally()
    serial = itertools.count()

    @fuzz("subscription")
    @given(change=st.data())
    def post(change):
        RAN["subscription"] += 1
        valid = {"email": f"lezer{next(serial)}@example.nl", "language": "nl"}
        valid |= {"kinds": ["agenda", "stories"], "website": ""}
        field, data = change.draw(one_field_changed(valid, SUBSCRIPTION_FIELDS))
        before = count(alpha, Subscription)
        response = client_for(alpha).post("/blijf-op-de-hoogte/", data, REMOTE_ADDR=fresh_ip())
        stored = count(alpha, Subscription) - before == 1
        check_outcome(response, field, stored)
        if response.status_code == 302:  # the same answer for every address, new or known
            assert response["Location"] == "/blijf-op-de-hoogte/verstuurd/"
        tally.count(stored)

    post()
    assert_ran_all("subscription")
    tally.assert_share(0.3)
    assert_clean(rows(alpha, Subscription, "email", "language"))


def test_subscription_links_answer_only_their_own_token_on_their_own_host(alpha, beta):
    from buurtpages.models import Subscription

    tokens = {}
    for buurt in (alpha, beta):
        with inside(buurt):
            reader = Subscription(email="echt@example.nl", wants_stories=True)
            reader.confirmed_at = timezone.now()
            reader.save()
            tokens[buurt.schema_name] = reader.manage_token()
    own, foreign = tokens["alpha"], tokens["beta"]
    candidates = personal_link_tokens([own, foreign])
    client = client_for(alpha)

    @fuzz("subscription_links")
    @given(token=candidates, suffix=st.sampled_from(["", "afmelden/"]))
    def visit(token, suffix):
        RAN["subscription_links"] += 1
        response = client.get(f"/blijf-op-de-hoogte/{token}/{suffix}")
        assert_answered(response)
        if token == own:
            assert response.status_code == 200
        else:
            assert response.status_code == 404, token
            assert "echt@example.nl" not in response.content.decode()

    visit()
    assert_ran_all("subscription_links")
    with inside(alpha):  # opening links unsubscribed nobody
        assert Subscription.objects.count() == 1


def test_the_module_generates_at_least_a_thousand_cases():
    assert CASES_IN_TOTAL >= 1000
