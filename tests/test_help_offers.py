"""Residents offer help to an initiative ("Ik help mee" / "Ik doe mee"); the team is told
and answers; asks count the people found and the team balance follows."""

import csv
import io

from django.core import mail
from wagtail.users.models import UserProfile

from buurtpages.blueprint import dutch_section
from buurtpages.factories import InitiativePageFactory, publish
from buurtpages.models import (
    InitiativeHelpWanted,
    InitiativeIndexPage,
    InitiativeStatus,
    InitiativeTeamMember,
    TeamRole,
)
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, refused
from workflows.factories import UserFactory

PAGE = "/initiatieven/moestuin/"


def initiative_with_ask(buurt, owner_email="initiatiefnemer@example.nl", people_needed=1):
    """A live initiative "Moestuin" owned by a resident, asking for one cook."""
    with inside(buurt):
        owner = UserFactory(username=owner_email, email=owner_email, roles=[RESIDENT])
        page = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage),
            title="Moestuin",
            slug="moestuin",
            status=InitiativeStatus.LOOKING,
            owner=owner,
        )
        for name, role in [("Wim", TeamRole.EXPERT), ("Fatma", TeamRole.ORGANISER)]:
            InitiativeTeamMember.objects.create(initiative=page, name=name, role=role)
        page.help_wanted.create(what="Iemand die wil koken", people_needed=people_needed, hours=2)
        publish(page)
        return page, InitiativeHelpWanted.objects.get(initiative=page)


def offer(buurt, path, sending, **fields):
    data = {"name": "Anna", "email": "anna@example.nl", "phone": "", "message": "Ik kook graag"}
    data |= {"languages": "Nederlands", "website": ""} | fields
    with sending():
        return client_for(buurt).post(path, data, follow=True)


def offers(buurt):
    from buurtpages.models import HelpOffer

    with inside(buurt):
        return list(HelpOffer.objects.values_list("name", "status", "ask_what"))


def only_offer(buurt):
    from buurtpages.models import HelpOffer

    with inside(buurt):
        return HelpOffer.objects.get()


def test_visitor_offers_help_on_an_ask_and_gets_a_personal_link(alpha, sending):
    _page, ask = initiative_with_ask(alpha)
    public = client_for(alpha).get(PAGE).content.decode()
    assert "Ik help mee" in public and f"{PAGE}meedoen/{ask.pk}/" in public
    form = client_for(alpha).get(f"{PAGE}meedoen/{ask.pk}/").content.decode()
    assert "Iemand die wil koken" in form and "één van beide is genoeg" in form

    sent = offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    assert "je aanbod is verstuurd" in sent.content.decode()
    assert offers(alpha) == [("Anna", "waiting", "Iemand die wil koken")]
    to_anna = [m for m in mail.outbox if m.to == ["anna@example.nl"]]
    assert to_anna[0].subject == "Bedankt voor je hulpaanbod aan Moestuin"
    assert "Alphabuurt" in to_anna[0].from_email
    assert f"http://alpha.localhost{PAGE}aanbod/" in to_anna[0].body
    to_team = [m for m in mail.outbox if m.to == ["initiatiefnemer@example.nl"]]
    assert to_team[0].subject == "Anna biedt hulp aan bij Moestuin"
    assert "/admin/initiatieven/" in to_team[0].body and "Ik kook graag" in to_team[0].body


def test_a_double_click_is_stored_once_and_the_link_goes_only_to_the_address(alpha, sending):
    _page, ask = initiative_with_ask(alpha)
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    again = offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending, email="ANNA@example.nl", name="X")
    page = again.content.decode()
    assert "Je hebt deze hulp al aangeboden" in page and "/aanbod/" not in page
    assert len(offers(alpha)) == 1


def test_one_of_email_or_phone_is_asked_and_nothing_typed_is_lost(alpha, sending):
    _page, ask = initiative_with_ask(alpha)
    answer = offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending, email="", message="Dinsdag kan ik")
    page = answer.content.decode()
    assert "Vul een e-mailadres of telefoonnummer in." in page
    assert "Dinsdag kan ik" in page and 'value="Anna"' in page
    refused_text = offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending, name="An\x00na")
    assert "onzichtbare" in refused_text.content.decode()
    by_phone = offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending, email="", phone="06 12345678")
    assert "je aanbod is verstuurd" in by_phone.content.decode()
    assert offers(alpha) == [("Anna", "waiting", "Iemand die wil koken")]


def test_joining_the_whole_initiative_names_a_role(alpha, sending):
    initiative_with_ask(alpha)
    form = client_for(alpha).get(f"{PAGE}meedoen/").content.decode()
    assert "Welke rol zou je willen nemen?" in form
    offer(alpha, f"{PAGE}meedoen/", sending, role="connector")
    joined = only_offer(alpha)
    assert (joined.ask_key, joined.role) == (None, "connector")


def test_an_arabic_visitor_gets_the_confirmation_in_arabic(beta, sending):
    _page, ask = initiative_with_ask(beta)
    page = client_for(beta).get(f"/ar{PAGE}").content.decode()
    assert f"/ar{PAGE}meedoen/{ask.pk}/" in page  # the link keeps the visitor's language
    sent = offer(beta, f"/ar{PAGE}meedoen/{ask.pk}/", sending)
    assert sent.status_code == 200 and sent.redirect_chain[-1][0].startswith(f"/ar{PAGE}aanbod/")
    to_anna = next(m for m in mail.outbox if m.to == ["anna@example.nl"])
    assert to_anna.subject == "شكرًا لعرضك المساعدة في Moestuin"
    assert f"http://beta.localhost/ar{PAGE}aanbod/" in to_anna.body


def test_the_personal_link_withdraws_and_works_on_its_own_buurt_only(alpha, beta, sending):
    _page, ask = initiative_with_ask(alpha)
    initiative_with_ask(beta)
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    token = only_offer(alpha).token
    link = f"{PAGE}aanbod/{token}/"
    elsewhere = client_for(beta).get(link)
    assert elsewhere.status_code == 404
    assert client_for(beta).get(PAGE).status_code == 200  # the same page there answers
    own = client_for(alpha).get(link)
    assert own.status_code == 200 and "je aanbod is verstuurd" in own.content.decode()
    assert client_for(beta).post(link).status_code == 404
    withdrawn = client_for(alpha).post(link, follow=True).content.decode()
    assert "Je hebt je aanbod ingetrokken" in withdrawn
    assert offers(alpha) == [("Anna", "withdrawn", "Iemand die wil koken")]


def test_the_team_welcomes_an_offer_and_the_ask_is_found(alpha, sending):
    page, ask = initiative_with_ask(alpha)
    before = client_for(alpha).get(PAGE).content.decode()
    assert "Dit initiatief zoekt nog een netwerker." in before
    assert "Moestuin" in client_for(alpha).get("/").content.decode()
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    team = logged_in(alpha, "initiatiefnemer@example.nl")
    dashboard = team.get("/admin/").content.decode()
    assert "1 hulpaanbod" in dashboard
    admin_list = f"/admin/initiatieven/{page.pk}/hulpaanbod/"
    listing = team.get(admin_list).content.decode()
    assert "anna@example.nl" in listing and "Iemand die wil koken" in listing
    offer_pk = only_offer(alpha).pk
    with sending():
        answer = {"answer": "welcome", "role": "connector"}
        team.post(f"/admin/hulpaanbod/{offer_pk}/antwoord/", answer)
    assert offers(alpha) == [("Anna", "welcomed", "Iemand die wil koken")]
    welcome = [m for m in mail.outbox if m.to == ["anna@example.nl"]][-1]
    assert welcome.subject == "Welkom in het team van Moestuin"
    after = client_for(alpha).get(PAGE).content.decode()
    assert "Gevonden: dank je wel!" in after and f"meedoen/{ask.pk}/" not in after
    assert "Dit initiatief zoekt nog een netwerker." not in after
    assert "En 1 buurtbewoner die via deze site meedoet." in after
    assert "Moestuin" not in client_for(alpha).get("/").content.decode()
    with inside(alpha):
        assert page.specific.team_warnings() == []  # three people, every role filled
    assert "1 hulpaanbod" not in team.get("/admin/").content.decode()


def test_thank_you_not_now_sends_a_kind_mail(alpha, sending):
    _page, ask = initiative_with_ask(alpha)
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    team = logged_in(alpha, "initiatiefnemer@example.nl")
    offer_pk = only_offer(alpha).pk
    with sending():
        team.post(f"/admin/hulpaanbod/{offer_pk}/antwoord/", {"answer": "not_now"})
    assert offers(alpha) == [("Anna", "not_now", "Iemand die wil koken")]
    kind = [m for m in mail.outbox if m.to == ["anna@example.nl"]][-1]
    assert kind.subject == "Bedankt voor je aanbod aan Moestuin"
    assert "Ik help mee" in client_for(alpha).get(PAGE).content.decode()


def test_only_the_team_sees_and_answers_offers(alpha, beta, sending):
    page, ask = initiative_with_ask(alpha)
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    offer_pk = only_offer(alpha).pk
    admin_list = f"/admin/initiatieven/{page.pk}/hulpaanbod/"
    neighbour = logged_in(alpha, "buur@example.nl", RESIDENT)
    assert refused(neighbour.get(admin_list))
    assert refused(neighbour.post(f"/admin/hulpaanbod/{offer_pk}/antwoord/", {"answer": "welcome"}))
    assert neighbour.get("/admin/").status_code == 200
    assert offers(alpha) == [("Anna", "waiting", "Iemand die wil koken")]
    connector = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    export = connector.get(admin_list + "?export=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Iemand die wil koken", "Anna", "anna@example.nl"]
    other = logged_in(beta, "verbinder@example.nl", CONNECTOR)
    assert other.get(admin_list).status_code == 404
    assert other.get("/admin/").status_code == 200


def test_the_team_is_mailed_in_each_member_s_language(alpha, sending):
    _page, ask = initiative_with_ask(alpha)
    with inside(alpha):
        owner = UserFactory._meta.model.objects.get(username="initiatiefnemer@example.nl")
        profile = UserProfile.get_for_user(owner)
        profile.preferred_language = "en"
        profile.save()
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending)
    to_team = [m for m in mail.outbox if m.to == ["initiatiefnemer@example.nl"]]
    assert to_team[0].subject == "Anna offers help to Moestuin"


def test_export_and_erasure_include_offers_of_help(alpha, sending):
    """The person's offers (found by their address, however it was capitalised) are in
    their export and gone after erasure; a neighbour's offer stays."""
    from tenants.privacy import erase_person, export_person

    _page, ask = initiative_with_ask(alpha)
    offer(alpha, f"{PAGE}meedoen/{ask.pk}/", sending, email="Anna@Example.nl")
    offer(alpha, f"{PAGE}meedoen/", sending, name="Bram", email="bram@example.nl")
    with inside(alpha):
        exported = export_person("anna@example.nl")
        rows = exported["offers_of_help"]
        assert [(row["name"], row["ask_what"]) for row in rows] == [
            ("Anna", "Iemand die wil koken")
        ]
        assert "token" not in rows[0]
        erase_person("anna@example.nl")
    assert [name for name, _status, _what in offers(alpha)] == ["Bram"]


def queries_for(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_an_initiative_page_costs_the_same_queries_with_1_or_50_offers(alpha):
    from buurtpages.models import HelpOffer

    page, ask = initiative_with_ask(alpha, people_needed=60)

    def add_offers(n):
        with inside(alpha):
            for i in range(n):
                status = "welcomed" if i % 2 == 0 else "waiting"
                HelpOffer.objects.create(
                    initiative=page,
                    ask_key=ask.key,
                    ask_what=ask.what,
                    name=f"Buur {i}",
                    email=f"buur{i}@example.nl",
                    status=status,
                    role="connector",
                )

    client = client_for(alpha)
    add_offers(1)
    client.get(PAGE)  # warm the per-process caches (site root paths, content types)
    with_one = queries_for(client, PAGE)
    with inside(alpha):
        HelpOffer.objects.all().delete()
    add_offers(50)
    client.get(PAGE)
    with_fifty = queries_for(client, PAGE)
    print(f"initiative page queries: 1 offer {with_one}, 50 offers {with_fifty}")
    assert with_one == with_fifty
    assert "25 van 60 gevonden" in client.get(PAGE).content.decode()
