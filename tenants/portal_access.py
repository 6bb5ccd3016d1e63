"""Which municipalities, and so which buurten, a portal user may see and act on.

Membership is a group in the portal (public schema) named `gemeente:<municipality slug>`.
Superusers (the platform's operators) act on every municipality. Every portal view and
every choice list asks here, so staff of one municipality never reach another's buurten.
"""

from tenants.models import Buurt, Municipality

MUNICIPALITY_GROUP_PREFIX = "gemeente:"


def municipality_group_name(municipality):
    return f"{MUNICIPALITY_GROUP_PREFIX}{municipality.slug}"


def municipalities_for(user):
    if user.is_superuser:
        return Municipality.objects.all()
    slugs = [
        name.removeprefix(MUNICIPALITY_GROUP_PREFIX)
        for name in user.groups.values_list("name", flat=True)
        if name.startswith(MUNICIPALITY_GROUP_PREFIX)
    ]
    return Municipality.objects.filter(slug__in=slugs)


def buurten_for(user):
    """The live buurten the user may see; a buurt without a municipality only for
    superusers."""
    buurten = Buurt.objects.sites()
    if not user.is_superuser:
        buurten = buurten.filter(municipality__in=municipalities_for(user))
    return buurten
