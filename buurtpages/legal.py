"""The three pages every Dutch public website publishes about itself: a privacy statement,
an accessibility statement and a colophon. Generated from what the platform knows (the
personal-data declarations, the last accessibility check, the buurt), with the contact and
additions the Buurtbeheerder fills in under Settings."""

import json
from datetime import date
from pathlib import Path

from django.template.response import TemplateResponse

from buurtpages.models import LegalInformation
from kernel.personal_data import privacy_notices

# Written when the browser tests' accessibility check is recorded; the statement quotes it
# and tests/e2e/test_accessibility.py keeps it true (every page type it names is checked).
ACCESSIBILITY_CHECK = Path(__file__).with_name("accessibility_check.json")


def last_accessibility_check():
    check = json.loads(ACCESSIBILITY_CHECK.read_text())
    return {**check, "checked_on": date.fromisoformat(check["checked_on"])}


def legal_context():
    return {"legal": LegalInformation.load()}


def privacy_statement(request):
    context = {**legal_context(), "notices": privacy_notices()}
    return TemplateResponse(request, "buurtpages/privacy_statement.html", context)


def accessibility_statement(request):
    context = {**legal_context(), "check": last_accessibility_check()}
    return TemplateResponse(request, "buurtpages/accessibility_statement.html", context)


def colophon(request):
    return TemplateResponse(request, "buurtpages/colophon.html", legal_context())
