"""Demo translations: the home page, its sections and one story in each further
language of a demo buurt, as translators would publish them (idempotent)."""

from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.factories import publish
from buurtpages.models import (
    ActivityIndexPage,
    BuurtgidsPage,
    InitiativeIndexPage,
    PersonIndexPage,
    StoryIndexPage,
)

SECTION_TITLES = {
    "en": ["Initiatives", "Agenda", "People", "Stories", "Neighbourhood guide"],
    "ar": ["المبادرات", "الأنشطة", "الناس", "القصص", "دليل الحي"],
    "tr": ["Girişimler", "Etkinlikler", "İnsanlar", "Hikâyeler", "Mahalle rehberi"],
    "pl": ["Inicjatywy", "Kalendarz", "Ludzie", "Historie", "Przewodnik po okolicy"],
    "uk": ["Ініціативи", "Події", "Люди", "Історії", "Путівник районом"],
    "fa": ["طرح‌ها", "برنامه", "افراد", "داستان‌ها", "راهنمای محله"],
}
SECTION_ORDER = [
    InitiativeIndexPage,
    ActivityIndexPage,
    PersonIndexPage,
    StoryIndexPage,
    BuurtgidsPage,
]
STORY = {
    "en": ("How the street party came about", "Neighbours tell how it started."),
    "ar": ("كيف بدأ احتفال الشارع", "الجيران يحكون كيف بدأ كل شيء."),
    "tr": ("Sokak şenliği nasıl başladı", "Komşular her şeyin nasıl başladığını anlatıyor."),
    "pl": ("Jak powstał festyn uliczny", "Sąsiedzi opowiadają, jak to się zaczęło."),
    "uk": ("Як з'явилося вуличне свято", "Сусіди розповідають, як усе почалося."),
    "fa": ("جشن خیابان چطور شروع شد", "همسایه‌ها تعریف می‌کنند که همه‌چیز چطور شروع شد."),
}


def translate_demo(languages, reviewer):
    """Publish translations for every language in `languages` that has demo texts."""
    count = 0
    for code in languages:
        if code in STORY:
            count += translate_into(Locale.objects.get(language_code=code), reviewer)
    return count


def translate_into(locale, reviewer):
    dutch_story = dutch_section(StoryIndexPage).get_children().live().first()
    if dutch_story is None or dutch_story.has_translation(locale):
        return 0
    code = locale.language_code
    for model, title in zip(SECTION_ORDER, SECTION_TITLES[code], strict=True):
        section = dutch_section(model).get_translation_or_none(locale)
        if section is not None:
            section = section.specific
            section.title = title
            publish(section, user=reviewer)
    home = dutch_section(StoryIndexPage).get_parent().get_translation_or_none(locale)
    if home is not None and not home.live:
        publish(home.specific, user=reviewer)
    story = dutch_story.specific.copy_for_translation(locale, copy_parents=True)
    story.title, story.intro = STORY[code]
    publish(story, user=reviewer)
    return 1
