"""Completing the training: a resident who attended all three days becomes a Buurtverbinder.

Their account is invited (or the role added to an existing account in this buurt) and
a Person page draft is prepared for them; it goes live only with their consent.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from buurtpages.blueprint import dutch_section
from buurtpages.models import PersonIndexPage, PersonPage
from kernel.roles import CONNECTOR, role_group
from trainings.models import ParticipantKind
from trainings.models.session import TRAINING_DAYS
from workflows.invitations import invite_user


@dataclass
class CompletionResult:
    completed: list = field(default_factory=list)
    invited: list = field(default_factory=list)  # e-mail addresses that get an invitation
    without_contact: list = field(default_factory=list)  # names: add their account by hand
    not_yet: list = field(default_factory=list)  # names: missed a day


def attended_every_day(member):
    days = {
        a.session.day
        for a in member.attendance.select_related("session")
        if a.present and a.session.cohort_id == member.cohort_id
    }
    return days == set(range(1, TRAINING_DAYS + 1))


@transaction.atomic
def complete_training(cohort):
    result = CompletionResult()
    residents = cohort.members.filter(kind=ParticipantKind.RESIDENT, completed_at__isnull=True)
    for member in residents:
        if not attended_every_day(member):
            result.not_yet.append(member.name)
            continue
        make_buurtverbinder(member, result)
        prepare_person_page(member)
        member.completed_at = timezone.now()
        member.save()
        result.completed.append(member.name)
    return result


def make_buurtverbinder(member, result):
    if member.user is not None:
        member.user.groups.add(role_group(CONNECTOR))
        return
    if not member.email:
        result.without_contact.append(member.name)
        return
    try:
        language = member.signup.language if member.signup else None
        invitation = invite_user(connection.tenant, member.email, CONNECTOR, language=language)
    except ValidationError:  # a look-alike address, or one several accounts share
        result.without_contact.append(member.name)
        return
    member.user = invitation.user
    if invitation.sets_password:  # an account that already has a password needs no mail
        result.invited.append(member.email)
        invitation.send()


def prepare_person_page(member):
    """A draft, never live: the Person page needs the person's consent first."""
    index = dutch_section(PersonIndexPage)
    languages = member.signup.languages if member.signup else ["nl"]
    page = PersonPage(
        title=member.name,
        slug=find_available_slug(index, _slug(member.name)),
        kind=PersonPage.Kind.BUURTVERBINDER,
        languages=languages,
        help_with=member.signup.cares_about if member.signup else "",
        live=False,
        owner=member.user,
    )
    index.add_child(instance=page)
    page.save_revision(user=member.user)
    return page


def _slug(name):
    return slugify(name) or "buurtverbinder"
