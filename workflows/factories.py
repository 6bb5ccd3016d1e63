"""Accounts with roles, in whatever schema is active; used by the tests and `seed_demo`."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from kernel.roles import role_groups


class UserFactory(DjangoModelFactory):
    """A user in whatever schema is active: the portal's staff or one buurt's people."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    # Dutch names such as "van 't Riet" hold spaces and apostrophes: slugged, so the
    # address is valid and shows unescaped in a page.
    email = factory.LazyAttribute(
        lambda user: f"{slugify(user.first_name)}.{slugify(user.last_name)}@example.nl"
    )
    username = factory.LazyAttribute(lambda user: user.email)
    password = factory.django.Password("buurt-demo")

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create and extracted:  # role keys (kernel.roles)
            user.groups.add(*role_groups(extracted))
