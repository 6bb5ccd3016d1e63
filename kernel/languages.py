"""Languages a buurt can speak: Dutch first, then the community languages.

Django's LANG_INFO lacks a few of them (Somali, Tigrinya, Papiamento), so they are
registered here with their own names and writing direction.
"""

from django.conf.locale import LANG_INFO

DEFAULT_LANGUAGE = "nl"

# code: (English name, name in the language itself, right-to-left)
COMMUNITY_LANGUAGES = {
    "nl": ("Dutch", "Nederlands", False),
    "en": ("English", "English", False),
    "tr": ("Turkish", "Türkçe", False),
    "ar": ("Arabic", "العربية", True),
    "pl": ("Polish", "Polski", False),
    "uk": ("Ukrainian", "Українська", False),
    "so": ("Somali", "Soomaali", False),
    "ti": ("Tigrinya", "ትግርኛ", False),
    "fa": ("Persian", "فارسی", True),
    "fy": ("Frisian", "Frysk", False),
    "pap": ("Papiamento", "Papiamentu", False),
}

# Languages written in a script that many phones and computers lack a font for: their
# pages link the stylesheet with the project's own copy of a Noto font for that script
# (static/css, fonts vendored from npm at install). Latin-script pages load no font.
WEB_FONT_STYLESHEETS = {
    "ar": "css/fonts-arabic.css",
    "fa": "css/fonts-arabic.css",
    "ti": "css/fonts-ethiopic.css",
}

LANGUAGES = [(code, english) for code, (english, _local, _rtl) in COMMUNITY_LANGUAGES.items()]


def register_missing_language_info():
    for code, (english, local, rtl) in COMMUNITY_LANGUAGES.items():
        LANG_INFO.setdefault(
            code, {"bidi": rtl, "code": code, "name": english, "name_local": local}
        )


def parse_language_list(value):
    """'nl, en,AR' -> ['nl', 'en', 'ar'] with Dutch always first and no repeats.

    Raises ValueError naming the codes that are not community languages.
    """
    codes = [part.strip().lower() for part in str(value).split(",") if part.strip()]
    unknown = [code for code in codes if code not in COMMUNITY_LANGUAGES]
    if unknown:
        raise ValueError(", ".join(unknown))
    ordered = [DEFAULT_LANGUAGE] + [code for code in codes if code != DEFAULT_LANGUAGE]
    return list(dict.fromkeys(ordered))


def own_names(codes):
    """(code, own name) of the known codes: [("nl", "Nederlands"), ("ar", "العربية")]."""
    return [(code, COMMUNITY_LANGUAGES[code][1]) for code in codes if code in COMMUNITY_LANGUAGES]


def web_font_stylesheet(code):
    """The static path of the font stylesheet for pages in `code`, or "" if none is needed."""
    return WEB_FONT_STYLESHEETS.get(code, "")
