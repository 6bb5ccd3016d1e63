"""Pages in Arabic script (Arabic, Farsi) and in Ethiopic script (Tigrinya) bring their own
web font, so they render on a phone without such a font instead of showing boxes. The
fonts come from our own host; pages in Latin script load no font at all."""

import re
from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from wagtail.models import Locale

from tests.base import client_for, get_buurt, inside

ARABIC_SCRIPT = ("Noto Sans Arabic", "U+0600-06FF")
ETHIOPIC_SCRIPT = ("Noto Sans Ethiopic", "U+1200-1399")
STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@pytest.fixture
def many_scripts(beta):
    """Betawijk (Dutch and Arabic) speaking Farsi and Tigrinya too."""
    with inside(beta):
        for code in ("fa", "ti"):
            Locale.objects.create(language_code=code)
    return get_buurt("beta")


def font_stylesheets(html):
    """{static path: text} of the linked stylesheets that declare a font, read through
    the static finders (what runserver and collectstatic serve)."""
    sheets = {}
    for href in STYLESHEET_LINK.findall(html):
        if not href.startswith(settings.STATIC_URL):
            continue
        path = href.removeprefix(settings.STATIC_URL).split("?")[0]
        found = finders.find(path)
        assert found, f"{href} is linked but no static finder serves it"
        text = Path(found).read_text()
        if "@font-face" in text:
            sheets[path] = text
    return sheets


def assert_serves_its_own_font(sheet_path, css, script):
    family, core_range = script
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 2, "regular and bold"
    for face in faces:
        assert f'font-family: "{family}"' in face
        assert "font-display: swap" in face  # text shows at once in the system font
        assert core_range in face  # only this script's letters use the font
        [url] = CSS_URL.findall(face)
        assert not re.match(r"^([a-z]+:)?//", url), f"{url} is on another host"
        woff2 = PurePosixPath(sheet_path).parent / url
        found = finders.find(str(PurePosixPath(*_normalised(woff2.parts))))
        assert found, f"{url} in {sheet_path} is not served"
        assert Path(found).read_bytes()[:4] == b"wOF2"
    # every element of the page, also the design system's, which set their own font
    every_element = r"\.utrecht-theme,\s*\.utrecht-theme \*\s*{\s*font-family:\s*"
    assert re.search(every_element + f'"{family}"', css), "every element uses it"


def _normalised(parts):
    stack = []
    for part in parts:
        if part == "..":
            stack.pop()
        elif part != ".":
            stack.append(part)
    return stack


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_script_pages_load_the_arabic_font(many_scripts, language):
    response = client_for(many_scripts).get(f"/{language}/")
    assert response.status_code == 200
    sheets = font_stylesheets(response.content.decode())
    assert len(sheets) == 1, sheets.keys()
    [(path, css)] = sheets.items()
    assert_serves_its_own_font(path, css, ARABIC_SCRIPT)
    assert "Ethiopic" not in css
    assert "font-src 'self'" in response["Content-Security-Policy"]


def test_tigrinya_pages_load_the_ethiopic_font(many_scripts):
    response = client_for(many_scripts).get("/ti/")
    assert response.status_code == 200
    sheets = font_stylesheets(response.content.decode())
    assert len(sheets) == 1, sheets.keys()
    [(path, css)] = sheets.items()
    assert_serves_its_own_font(path, css, ETHIOPIC_SCRIPT)
    assert "Arabic" not in css


def test_latin_script_pages_load_no_web_font(many_scripts):
    client = client_for(many_scripts)
    dutch = client.get("/")
    assert dutch.status_code == 200
    html = dutch.content.decode()
    assert font_stylesheets(html) == {}
    assert "buurt.css" in html  # the page does link its own stylesheet
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
