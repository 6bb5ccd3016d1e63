"""Which municipalities, and so which buurten, a portal user may see and act on.

Membership is `Municipality.staff` (portal users, in the public schema).
Superusers (the platform's operators) act on every municipality. Every portal view and
every choice list asks here, so staff of one municipality never reach another's buurten.
"""

from tenants.models import Buurt, Municipality


def municipalities_for(user):
    if user.is_superuser:
        return Municipality.objects.all()
    if user.pk is None:  # staff=None would mean "municipalities without staff"
        return Municipality.objects.none()
    return Municipality.objects.filter(staff=user.pk)


def buurten_for(user, *, including_suspended=False):
    """The live buurten the user may see (with `including_suspended`, the suspended
    ones too); a buurt without a municipality only for superusers."""
    buurten = (
        Buurt.objects.run_by_municipalities() if including_suspended else Buurt.objects.sites()
    )
    if not user.is_superuser:
        buurten = buurten.filter(municipality__in=municipalities_for(user))
    return buurten
