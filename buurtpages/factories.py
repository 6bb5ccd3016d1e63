"""Page factories; used by the tests and `seed_demo` (which fixes the random seed)."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail.rich_text import RichText

from buurtpages.models import (
    ActivityPage,
    HelpOffer,
    InitiativePage,
    InitiativeStatus,
    Partner,
    PersonPage,
    Place,
    StoryPage,
    Theme,
)


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Faker("sentence", nb_words=5, locale="nl_NL")
    slug = factory.LazyAttribute(lambda page: factory.Faker._get_faker().slug(page.title))
    intro = factory.Faker("paragraph", nb_sentences=2, locale="nl_NL")
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", RichText(f"<p>{factory.Faker._get_faker('nl_NL').paragraph(5)}</p>")),
        ]
    )


def publish(page, user=None):
    """Publish through a revision, as an editor would, so history and dates are real."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug", "locale"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))
    locale = factory.LazyFunction(Locale.get_default)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Faker("company", locale="nl_NL")
    address = factory.Faker("street_address", locale="nl_NL")
    accessibility = "Drempelvrije ingang, invalidentoilet aanwezig."


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Faker("company", locale="nl_NL")
    kind = Partner.Kind.WELFARE


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativePage

    title = factory.Faker("sentence", nb_words=4, locale="nl_NL")
    goal = factory.Faker("sentence", nb_words=14, locale="nl_NL")
    status = InitiativeStatus.LOOKING


class ActivityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ActivityPage

    title = factory.Faker("sentence", nb_words=4, locale="nl_NL")
    intro = factory.Faker("sentence", nb_words=12, locale="nl_NL")
    start = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=3)).replace(
            hour=19, minute=30, second=0, microsecond=0
        )
    )
    end = factory.LazyAttribute(lambda activity: activity.start + timedelta(hours=2))


class PersonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PersonPage
        skip_postgeneration_save = True

    title = factory.Faker("name", locale="nl_NL")
    kind = PersonPage.Kind.BUURTVERBINDER
    help_with = factory.Faker("sentence", nb_words=10, locale="nl_NL")
    languages = factory.LazyFunction(lambda: ["nl"])
    contact_email = factory.LazyAttribute(
        lambda person: f"{factory.Faker._get_faker().slug(person.title)}@example.nl"
    )
    live = False


class HelpOfferFactory(factory.django.DjangoModelFactory):
    """An offer of help; pass `ask` (an InitiativeHelpWanted) to answer that ask."""

    class Meta:
        model = HelpOffer
        exclude = ["ask"]

    ask = None
    initiative = factory.LazyAttribute(lambda o: o.ask.initiative if o.ask else None)
    ask_key = factory.LazyAttribute(lambda o: o.ask.key if o.ask else None)
    ask_what = factory.LazyAttribute(lambda o: o.ask.what if o.ask else "")
    name = factory.Faker("first_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"helper{n}@example.nl")
    message = "Ik wil graag helpen."
    languages = "Nederlands"
