"""Demo translations: the home page, its sections and one story in each further
language of a demo buurt, as translators would publish them (idempotent)."""

from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.demo import paragraphs
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
# The first demo story (see demo.STORIES) as a translator wrote it: title, introduction,
# the alt text of its drawing and its paragraphs.
STORY = {
    "en": (
        "How our street party began",
        "Last year we hardly knew each other. Now we eat together in the street every summer.",
        "Little flags between two houses above the street",
        [
            "It started with a note from Meryem in every letterbox: who wants to join?",
            "Twelve neighbours came to the first evening in the community centre.",
            "Everyone brought something. There was soup, börek, bitterballen and cake.",
            "The children played until dark. This year we will do it again.",
        ],
    ),
    "ar": (
        "هكذا بدأ احتفال شارعنا",
        "في العام الماضي كنا بالكاد نعرف بعضنا. الآن نأكل معًا في الشارع كل صيف.",
        "أعلام صغيرة بين بيتين فوق الشارع",
        [
            "بدأ الأمر برسالة من مريم في كل صندوق بريد: من يريد أن يشارك؟",
            "جاء اثنا عشر جارًا إلى الأمسية الأولى في بيت الحي.",
            "أحضر كل واحد شيئًا. كان هناك حساء وبوريك وكعك.",
            "لعب الأطفال حتى حلول الظلام. هذا العام سنفعلها مرة أخرى.",
        ],
    ),
    "tr": (
        "Sokak şenliğimiz böyle başladı",
        "Geçen yıl birbirimizi neredeyse hiç tanımıyorduk. Artık her yaz sokakta birlikte yiyoruz.",
        "Sokağın üstünde iki ev arasında küçük bayraklar",
        [
            "Her şey Meryem'in her posta kutusuna attığı bir notla başladı: kim katılmak ister?",
            "İlk akşam mahalle evine on iki komşu geldi.",
            "Herkes bir şey getirdi. Çorba, börek ve pasta vardı.",
            "Çocuklar hava kararana kadar oynadı. Bu yıl yine yapacağız.",
        ],
    ),
    "pl": (
        "Tak zaczął się nasz festyn uliczny",
        "Rok temu prawie się nie znaliśmy. Teraz każdego lata jemy razem na ulicy.",
        "Chorągiewki między dwoma domami nad ulicą",
        [
            "Zaczęło się od karteczki od Meryem w każdej skrzynce: kto chce się przyłączyć?",
            "Na pierwszy wieczór w domu sąsiedzkim przyszło dwunastu sąsiadów.",
            "Każdy coś przyniósł. Była zupa, börek i ciasto.",
            "Dzieci bawiły się do zmroku. W tym roku zrobimy to znowu.",
        ],
    ),
    "uk": (
        "Так почалося наше вуличне свято",
        "Минулого року ми майже не знали одне одного. Тепер щоліта ми їмо разом на вулиці.",
        "Прапорці між двома будинками над вулицею",
        [
            "Усе почалося із записки від Мерьєм у кожній поштовій скриньці: хто хоче долучитися?",
            "На перший вечір у будинку громади прийшли дванадцять сусідів.",
            "Кожен щось приніс. Були суп, бьорек і торт.",
            "Діти гралися до темряви. Цього року ми зробимо це знову.",
        ],
    ),
    "fa": (
        "جشن خیابان ما این‌طور شروع شد",
        "پارسال همدیگر را به‌سختی می‌شناختیم. حالا هر تابستان با هم در خیابان غذا می‌خوریم.",
        "پرچم‌های کوچک بین دو خانه بالای خیابان",
        [
            "همه‌چیز با یادداشتی از مریم در هر صندوق پست شروع شد: چه کسی می‌خواهد بیاید؟",
            "دوازده همسایه به اولین شب در خانهٔ محله آمدند.",
            "هر کس چیزی آورد. سوپ، بورک و کیک بود.",
            "بچه‌ها تا تاریکی بازی کردند. امسال دوباره این کار را می‌کنیم.",
        ],
    ),
}


# The first demo initiative (see demo.INITIATIVES), translated: title, goal, the alt text
# of its drawing, its story and its ask for help. Offers on the translation count for the
# Dutch original (the ask keeps its key).
INITIATIVE = {
    "en": (
        "Eating together on Thursday",
        "Every Thursday neighbours cook a warm meal together. Everyone can join, also if "
        "you live alone.",
        "A pan of soup on a laid table with two plates",
        "Someone who likes to cook",
    ),
    "ar": (
        "نأكل معًا يوم الخميس",
        "كل خميس يطبخ الجيران وجبة دافئة معًا. يمكن للجميع الانضمام، حتى لو كنت تعيش وحدك.",
        "قدر حساء على طاولة مع صحنين",
        "شخص يحب الطبخ",
    ),
    "tr": (
        "Perşembe günü birlikte yemek",
        "Her perşembe komşular birlikte sıcak bir yemek pişiriyor. Yalnız yaşasan da "
        "herkes gelebilir.",
        "İki tabaklı bir masada bir tencere çorba",
        "Yemek yapmayı seven biri",
    ),
    "pl": (
        "Wspólne jedzenie w czwartek",
        "W każdy czwartek sąsiedzi gotują razem ciepły posiłek. Każdy może przyjść, także "
        "jeśli mieszkasz sam.",
        "Garnek zupy na nakrytym stole z dwoma talerzami",
        "Ktoś, kto lubi gotować",
    ),
    "uk": (
        "Їмо разом у четвер",
        "Щочетверга сусіди разом готують теплу їжу. Приєднатися може кожен, навіть якщо "
        "ти живеш сам.",
        "Каструля супу на накритому столі з двома тарілками",
        "Хтось, хто любить готувати",
    ),
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
    story.title, story.intro, alt, texts = STORY[code]
    story.body = paragraphs(texts)
    if story.photo_id:
        story.photo_alt = alt
    publish(story, user=reviewer)
    translate_initiative(locale, reviewer)
    return 1


def translate_initiative(locale, reviewer):
    dutch = dutch_section(InitiativeIndexPage).get_children().live().first()
    if dutch is None or locale.language_code not in INITIATIVE:
        return
    initiative = dutch.specific.copy_for_translation(locale)
    title, initiative.goal, alt, ask = INITIATIVE[locale.language_code]
    initiative.title = title
    if initiative.photo_id:
        initiative.photo_alt = alt
    asks = list(initiative.help_wanted.all())
    for translated_ask in asks[:1]:
        translated_ask.what = ask
    initiative.help_wanted = asks
    publish(initiative, user=reviewer)
