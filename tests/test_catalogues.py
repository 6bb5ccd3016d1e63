"""Interface text is English source wrapped for translation, with a complete Dutch catalogue."""

import subprocess
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation.template import templatize

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_dutch_catalogue_is_complete_and_up_to_date(tmp_path):
    dutch = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in dutch.untranslated_entries()]
    fuzzy = [entry.msgid for entry in dutch.fuzzy_entries()]
    assert untranslated == [], f"untranslated: {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"

    # Every message in the code and templates today must be in the catalogue.
    fresh = extract_messages(tmp_path)
    known = {entry.msgid for entry in dutch}
    new = sorted(entry.msgid for entry in fresh if entry.msgid and entry.msgid not in known)
    assert new == [], f"run `make messages-update` and translate: {new}"


def extract_messages(tmp_path):
    base = Path(settings.BASE_DIR)
    pot = tmp_path / "django.pot"
    sources = [
        str(path)
        for folder in ("config", "tenants", "buurtpages", "workflows", "trainings")
        for path in (base / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]
    # Templates become Python that xgettext reads, as `makemessages` does it.
    for number, template in enumerate((base / "templates").rglob("*.*")):
        converted = tmp_path / f"template_{number}.py"
        converted.write_text(templatize(template.read_text(), origin=str(template)))
        sources.append(str(converted))
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=gettext_lazy",
            "--keyword=gettext",
            "--keyword=_",
            "--keyword=ngettext:1,2",
            "--keyword=pgettext:1c,2",
            "--keyword=npgettext:1c,2,3",
            "-o",
            str(pot),
            *sources,
        ],
        check=True,
    )
    return polib.pofile(str(pot))
