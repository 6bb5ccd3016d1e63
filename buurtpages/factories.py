"""Page factories; used by the tests and `seed_demo` (which fixes the random seed)."""

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from buurtpages.models import StoryPage


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
