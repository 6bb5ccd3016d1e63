"""Who can read which snippet records through every admin door.

Each snippet model gets a record with a marker word; every role opens its list, its
chooser, the chooser's results, a chosen record and the wagtail-localize snippet API.
A role that may view the model (view, add, change or delete, as Wagtail counts it) gets
a 200 that shows the marker; any other role is refused (403 or back to the dashboard)
and never sees the marker. The localize API serves translatable models only.
"""

from django.urls import reverse
from wagtail.models import TranslatableMixin

from kernel.roles import PROFESSIONAL, RESIDENT, ROLES, role_group
from tests.base import inside, logged_in, refused
from tests.snippet_records import marker_for, plant_every_snippet, role_may_view


def doors(model, record):
    """{door: url} of every admin view that shows records of a snippet model."""
    app, name = model._meta.app_label, model._meta.model_name
    chooser = f"wagtailsnippetchoosers_{app}_{name}"
    return {
        "list": reverse(f"wagtailsnippets_{app}_{name}:list"),
        "chooser": reverse(f"{chooser}:choose"),
        "chooser results": reverse(f"{chooser}:choose_results"),
        "chosen": reverse(f"{chooser}:chosen", args=[record.pk]),
    }


def api_doors(model, record):
    app, name = model._meta.app_label, model._meta.model_name
    listing = reverse("wagtail_localize:snippets_api_listing", args=[app, name])
    return {"localize api": listing, "localize api detail": f"{listing}{record.pk}/"}


def check_door(who, door, url, response, marker, may_view):
    content = response.content.decode(errors="replace")
    if may_view:
        if response.status_code != 200 or marker not in content:
            return f"{who} {door} {url}: expected 200 with {marker}, got {response.status_code}"
    elif not refused(response) or marker in content:
        return f"{who} {door} {url}: expected refusal without {marker}, got {response.status_code}"
    return None


def check_api_door(who, door, url, response, marker, may_view, translatable):
    if translatable:
        return check_door(who, door, url, response, marker, may_view)
    if response.status_code != 404 or marker in response.content.decode(errors="replace"):
        return f"{who} {door} {url}: a model that is not translatable: expected 404"
    return None


def test_every_role_reads_through_every_snippet_door_only_what_it_may_view(alpha):
    clients = {
        role: logged_in(alpha, f"deur{number}@example.nl", role)
        for number, role in enumerate(ROLES)
    }
    with inside(alpha):
        records = plant_every_snippet()
        groups = {role: role_group(role) for role in ROLES}
        may_view = {
            (role, model): role_may_view(groups[role], model) for role in ROLES for model in records
        }
        urls = {
            model: (doors(model, record), api_doors(model, record))
            for model, record in records.items()
        }
    problems = []
    for model in records:
        marker = marker_for(model)
        translatable = issubclass(model, TranslatableMixin)
        admin_urls, api_urls = urls[model]
        for role, client in clients.items():
            for door, url in admin_urls.items():
                problems.append(
                    check_door(role, door, url, client.get(url), marker, may_view[role, model])
                )
            for door, url in api_urls.items():
                problems.append(
                    check_api_door(
                        role,
                        door,
                        url,
                        client.get(url),
                        marker,
                        may_view[role, model],
                        translatable,
                    )
                )
            assert client.get("/admin/").status_code == 200, f"{role} was logged out"
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)
    # Positive control: every role sees some model's records through these doors.
    assert all(any(may_view[role, model] for model in records) for role in ROLES)


def test_private_records_stay_out_of_residents_and_professionals_choosers(alpha):
    """The probe's own requests: signals, sign-ups, roster and cohorts as Bewoner and
    Professional, next to the place chooser they need for their activity pages."""
    with inside(alpha):
        records = plant_every_snippet()
    for number, role in enumerate([RESIDENT, PROFESSIONAL]):
        client = logged_in(alpha, f"privé{number}@example.nl", role)
        for label in (
            "buurtpages.signal",
            "trainings.interestsignup",
            "trainings.rostermember",
            "trainings.cohort",
        ):
            model = next(model for model in records if model._meta.label_lower == label)
            app, name = label.split(".")
            for url, expected in (
                # Not translatable: the localize API does not serve it at all.
                (f"/admin/localize/api/snippets/{app}/{name}/", 404),
                (f"/admin/snippets/choose/{app}/{name}/", 403),
                (f"/admin/snippets/choose/{app}/{name}/chosen/{records[model].pk}/", 403),
            ):
                response = client.get(url)
                assert response.status_code == expected, f"{role} {url}: {response.status_code}"
                assert marker_for(model).encode() not in response.content
        place = next(model for model in records if model._meta.label_lower == "buurtpages.place")
        allowed = client.get("/admin/snippets/choose/buurtpages/place/")
        assert allowed.status_code == 200 and marker_for(place).encode() in allowed.content
