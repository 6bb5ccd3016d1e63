"""Portal staff used to belong to a municipality through a group named
`gemeente:<municipality slug>`; they now belong through Municipality.staff. The groups
go: a group left behind would look like a role to whoever manages the portal's users."""

from django.db import migrations

GROUP_PREFIX = "gemeente:"


def groups_to_memberships(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Municipality = apps.get_model("tenants", "Municipality")
    MunicipalityStaff = apps.get_model("tenants", "MunicipalityStaff")
    for group in Group.objects.filter(name__startswith=GROUP_PREFIX):
        municipality = Municipality.objects.filter(
            slug=group.name.removeprefix(GROUP_PREFIX)
        ).first()
        if municipality is not None:
            for user in group.user_set.all():
                MunicipalityStaff.objects.get_or_create(municipality=municipality, user=user)
        group.user_set.clear()
        group.permissions.clear()
        # Row by row: the portal schema has none of the buurt tables (Wagtail's group
        # permissions) an ordinary delete would cascade into.
        Group.objects.filter(pk=group.pk)._raw_delete(Group.objects.db)


def memberships_to_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    MunicipalityStaff = apps.get_model("tenants", "MunicipalityStaff")
    for membership in MunicipalityStaff.objects.select_related("municipality", "user"):
        group, _created = Group.objects.get_or_create(
            name=f"{GROUP_PREFIX}{membership.municipality.slug}"
        )
        membership.user.groups.add(group)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("tenants", "0003_municipality_staff"),
    ]

    operations = [migrations.RunPython(groups_to_memberships, memberships_to_groups)]
