"""The roles every buurt has, by stable key, and what each app lets them do.

Code names a role by its key (`RESIDENT`, ...), never by the name of its group: the
group names are Dutch words stored in every buurt's database, and the label people
see is translated. `role_group(key)` and `users_with_role(key)` are the one way to
go from a key to the database.

Apps contribute their own model permissions per role to a registry (from their
AppConfig.ready()); the role builder applies every contribution, so it never has
to import the apps above it.
"""

from django.utils.translation import gettext_lazy as _

RESIDENT = "resident"
CONNECTOR = "connector"
PROFESSIONAL = "professional"
BUURT_ADMIN = "buurt_admin"

# The name of each role's group in a buurt's database (kept as launched buurten have it).
GROUP_NAMES = {
    RESIDENT: "Bewoner",
    CONNECTOR: "Buurtverbinder",
    PROFESSIONAL: "Professional",
    BUURT_ADMIN: "Buurtbeheerder",
}
LABELS = {
    RESIDENT: _("Resident"),
    CONNECTOR: _("Buurtverbinder"),
    PROFESSIONAL: _("Professional"),
    BUURT_ADMIN: _("Buurt administrator"),
}
ROLES = list(GROUP_NAMES)


def group_name(key):
    """The stored group name of a role; a KeyError for anything that is not a role key."""
    return GROUP_NAMES[key]


def role_key(name):
    """The key of the role whose group has this name (None for another group)."""
    return {name: key for key, name in GROUP_NAMES.items()}.get(name)


def role_group(key):
    """The group of a role in the current buurt."""
    from django.contrib.auth.models import Group

    return Group.objects.get(name=group_name(key))


def role_groups(keys):
    from django.contrib.auth.models import Group

    return Group.objects.filter(name__in=[group_name(key) for key in keys])


def users_with_role(key, *, active=True):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(groups__name=group_name(key))
    return users.filter(is_active=True) if active else users


def has_role(user, key):
    return user.groups.filter(name=group_name(key)).exists()


# Which app contributes which model permissions to which role: {app label: {key: [...]}}.
_contributions = {}


def contribute_permissions(app_label, permissions_by_role):
    """Called by an app (once, from ready()): its model permissions per role key.

    Calling again for the same app replaces its contribution.
    """
    unknown = set(permissions_by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"not a role key: {', '.join(sorted(unknown))}")
    _contributions[app_label] = {
        role: list(permissions) for role, permissions in permissions_by_role.items()
    }


def contributed_permissions(key):
    """Every app's model permissions for a role, in a stable order."""
    return [
        permission
        for app_label in sorted(_contributions)
        for permission in _contributions[app_label].get(key, [])
    ]


def contributions_fingerprint():
    """A text that changes whenever any app changes what it grants (for the platform version)."""
    return repr(
        sorted(
            (app_label, role, tuple(permissions))
            for app_label, by_role in _contributions.items()
            for role, permissions in by_role.items()
        )
    )
