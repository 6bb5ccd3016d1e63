"""Factories for the public schema; used by the tests and `seed_demo`."""

import factory
from factory.django import DjangoModelFactory

from tenants.models import Municipality


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
