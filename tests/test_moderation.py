"""Around the workflows: reports by visitors, account requests, invitations, the audit
log and the "Wacht op jou" panel, each kept inside its own buurt."""

from django.contrib.auth import get_user_model
from django.core import mail

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage, StoryPage
from kernel.roles import BUURT_ADMIN, CONNECTOR, PROFESSIONAL, RESIDENT, group_name
from tests.base import client_for, inside, logged_in, refused
from workflows.demo import submit_for_review
from workflows.factories import UserFactory
from workflows.models import AccountRequest, ContentReport, ModerationCase


def live_story(buurt, owner_email="rik@example.nl", title="Rommelmarkt"):
    with inside(buurt):
        owner = UserFactory(username=owner_email, email=owner_email, roles=[RESIDENT])
        story = StoryPageFactory(parent=dutch_section(StoryIndexPage), title=title, owner=owner)
        return publish(story)


def report_from(buurt, page, address, reason="hurtful", explanation=""):
    client = client_for(buurt)
    data = {"reason": reason, "explanation": explanation}
    return client.post(f"/melden/{page.pk}/", data, REMOTE_ADDR=address)


def test_three_different_people_take_a_page_offline_and_the_author_is_told(
    alpha, sending, cache_mode
):
    story = live_story(alpha)
    with inside(alpha):
        UserFactory(username="vera@example.nl", email="vera@example.nl", roles=[CONNECTOR])
    first = report_from(alpha, story, "10.0.1.1", explanation="Noemt een buurman bij naam")
    assert first.status_code == 302
    report_from(alpha, story, "10.0.1.1")  # the same person twice counts once
    report_from(alpha, story, "10.0.2.1", reason="privacy")
    cache_mode.warm(client_for(alpha), story.url)
    mail.outbox.clear()
    with sending():
        report_from(alpha, story, "10.0.3.1", reason="untrue")
    assert client_for(alpha).get("/verhalen/rommelmarkt/").status_code == 404
    with inside(alpha):
        assert not StoryPage.objects.get(pk=story.pk).live
        assert ContentReport.objects.filter(page_id=story.pk).count() == 3
    to_author = [m for m in mail.outbox if m.to == ["rik@example.nl"]]
    assert to_author and "Noemt een buurman bij naam" in to_author[0].body
    assert "Rommelmarkt" in to_author[0].subject
    to_verbinder = [m for m in mail.outbox if m.to == ["vera@example.nl"]]
    assert to_verbinder and "http://alpha.localhost/admin/gemeld/" in to_verbinder[0].body


def test_buurtverbinder_puts_a_reported_page_back_online(alpha, sending, cache_mode):
    story = live_story(alpha)
    cache_mode.warm(client_for(alpha), "/verhalen/rommelmarkt/")
    for address in ("10.0.1.1", "10.0.2.1", "10.0.3.1"):
        report_from(alpha, story, address)
    assert client_for(alpha).get("/verhalen/rommelmarkt/").status_code == 404
    with inside(alpha):
        case = ModerationCase.objects.get(page_id=story.pk)
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    rik_client = logged_in(alpha, "rik@example.nl")
    assert refused(rik_client.get(f"/admin/gemeld/{case.pk}/"))
    assert rik_client.get("/admin/").status_code == 200  # still logged in: a real refusal
    assert "Rommelmarkt" in vera.get("/admin/").content.decode()  # waiting for a decision
    mail.outbox.clear()
    with sending():
        vera.post(f"/admin/gemeld/{case.pk}/", {"decision": "restore", "note": "Niets mis mee."})
    assert client_for(alpha).get("/verhalen/rommelmarkt/").status_code == 200
    to_author = [m for m in mail.outbox if m.to == ["rik@example.nl"]]
    assert to_author and "Niets mis mee." in to_author[0].body


def test_reports_of_one_buurt_cannot_touch_another(alpha, beta):
    story = live_story(alpha)
    for address in ("10.0.1.1", "10.0.2.1", "10.0.3.1"):
        assert report_from(beta, story, address).status_code == 404
    with inside(alpha):
        assert StoryPage.objects.get(pk=story.pk).live
        assert not ContentReport.objects.exists()


def test_account_request_approved_by_a_buurtverbinder_becomes_an_invitation(alpha, sending):
    with inside(alpha):
        UserFactory(username="vera@example.nl", email="vera@example.nl", roles=[CONNECTOR])
    mail.outbox.clear()
    form = {"name": "Oksana Petrenko", "email": "oksana@example.nl", "motivation": "Мовне кафе"}
    with sending():
        response = client_for(alpha).post("/account-aanvragen/", form)
    assert response.status_code == 302
    to_vera = [m for m in mail.outbox if m.to == ["vera@example.nl"]]
    assert to_vera and "http://alpha.localhost/admin/accountaanvragen/" in to_vera[0].body
    with inside(alpha):
        account_request = AccountRequest.objects.get()
        assert account_request.motivation == "Мовне кафе"
    resident = logged_in(alpha, "rik@example.nl", RESIDENT)
    url = f"/admin/accountaanvragen/{account_request.pk}/besluit/"
    resident.post(url, {"decision": "approve"})
    with inside(alpha):
        assert not get_user_model().objects.filter(email="oksana@example.nl").exists()
    mail.outbox.clear()
    vera = logged_in(alpha, "vera@example.nl")
    vera.post(url, {})  # no button: nothing decided
    with inside(alpha):
        assert AccountRequest.objects.get().status == AccountRequest.Status.PENDING
    with sending():
        vera.post(url, {"decision": "approve"})
    with inside(alpha):
        oksana = get_user_model().objects.get(email="oksana@example.nl")
        assert list(oksana.groups.values_list("name", flat=True)) == [group_name(RESIDENT)]
    invitation = [m for m in mail.outbox if m.to == ["oksana@example.nl"]]
    assert invitation and "http://alpha.localhost/admin/password_reset/" in invitation[0].body


def test_buurtbeheerder_invites_with_a_role_on_the_own_domain(alpha, beta, sending):
    beheer = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    mail.outbox.clear()
    with sending():
        response = beheer.post(
            "/admin/mensen-uitnodigen/", {"email": "noor@example.nl", "role": PROFESSIONAL}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "http://beta.localhost/admin/" in mail.outbox[0].body
    assert "alpha.localhost" not in mail.outbox[0].body
    with inside(beta):
        noor = get_user_model().objects.get(email="noor@example.nl")
        assert noor.groups.filter(name=group_name(PROFESSIONAL)).exists()
    with inside(alpha):
        assert not get_user_model().objects.filter(email="noor@example.nl").exists()
    verbinder = logged_in(beta, "vera@example.nl", CONNECTOR)
    verbinder.post("/admin/mensen-uitnodigen/", {"email": "x@example.nl", "role": RESIDENT})
    with inside(beta):
        assert not get_user_model().objects.filter(email="x@example.nl").exists()


def test_audit_log_shows_workflow_steps_to_the_buurtbeheerder_only(alpha, beta):
    author = logged_in(alpha, "vera@example.nl", CONNECTOR)
    with inside(alpha):
        story = StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Snoeidag")
        vera = get_user_model().objects.get(username="vera@example.nl")
        submit_for_review(story, vera)
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    log = beheer.get("/admin/logboek/")
    assert log.status_code == 200 and "Snoeidag" in log.content.decode()
    assert refused(author.get("/admin/logboek/"))
    assert author.get("/admin/").status_code == 200
    # Beta's own log shows beta's "Snoeidag in Beta", never alpha's entry.
    with inside(beta):
        beta_author = UserFactory(username="beta-vera@example.nl", roles=[CONNECTOR])
        beta_story = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Snoeidag in Beta"
        )
        submit_for_review(beta_story, beta_author)
    other_buurt = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    beta_log = other_buurt.get("/admin/logboek/")
    assert beta_log.status_code == 200 and "Snoeidag in Beta" in beta_log.content.decode()
    assert "Snoeidag" not in beta_log.content.decode().replace("Snoeidag in Beta", "")


def test_waiting_panel_shows_each_role_its_own_work(alpha):
    with inside(alpha):
        author = UserFactory(username="rik@example.nl", roles=[RESIDENT])
        story = StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Buurtbarbecue")
        story.owner = author
        submit_for_review(story, author)
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
    professional = logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    resident = logged_in(alpha, "rik@example.nl")
    assert "Buurtbarbecue" in verbinder.get("/admin/").content.decode()
    # The professional's dashboard is a real page that does show their own work with the
    # same word, but not the resident's story that waits for a buurtverbinder.
    with inside(alpha):
        petra = get_user_model().objects.get(username="petra@example.nl")
        own = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Buurtbarbecue van Petra", owner=petra
        )
        own.save_revision(user=petra, log_action=True)
    dashboard = professional.get("/admin/")
    html = dashboard.content.decode()
    assert dashboard.status_code == 200 and "Buurtbarbecue van Petra" in html
    assert "Buurtbarbecue" not in html.replace("Buurtbarbecue van Petra", "")
    resident_dashboard = resident.get("/admin/").content.decode()
    assert "Wacht op jou" in resident_dashboard
    assert "Er wacht nu niets op jou." in resident_dashboard


def test_every_page_offers_reporting_an_account_and_the_inwonersavond(alpha):
    story = live_story(alpha)
    html = client_for(alpha).get("/verhalen/rommelmarkt/").content.decode()
    assert f'href="/melden/{story.pk}/"' in html
    assert 'href="/account-aanvragen/"' in html and 'href="/inwonersavond/"' in html
    home = client_for(alpha).get("/").content.decode()
    assert "/melden/" not in home  # the home page is not reported as a whole


def test_behind_a_proxy_reports_count_the_visitors_not_the_proxy(alpha, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    story = live_story(alpha)
    for visitor in ("10.0.1.1", "10.0.2.1", "10.0.3.1"):
        data = {"reason": "spam", "explanation": ""}
        client_for(alpha).post(
            f"/melden/{story.pk}/", data, REMOTE_ADDR="192.168.1.1", HTTP_X_REAL_IP=visitor
        )
    with inside(alpha):
        assert not StoryPage.objects.get(pk=story.pk).live
