"""Public Dutch text follows the glossary (docs/woordenlijst.md) and stays short.

Many residents read Dutch as a second language. What the public reads — public templates
and the Dutch translation of every public message (what tests/test_catalogues.py counts
as public) — uses one word per concept, never a word from the glossary's "Niet gebruiken"
column, and no sentence longer than MAX_WORDS words.
"""

import re
from pathlib import Path

import polib
from django.conf import settings

from tests.test_catalogues import DUTCH, public_msgids, public_template_paths

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "woordenlijst.md"
MAX_WORDS = 20

# Public sentences allowed to be longer, each with the reason.
LONG_SENTENCE_EXCEPTIONS = {}


def forbidden_words():
    """The words of the glossary's last column, per row: {word: the glossary's own term}."""
    words = {}
    for line in GLOSSARY.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Woord", "---"):
            continue
        for word in cells[2].split(","):
            if word.strip():
                words[word.strip().lower()] = cells[0]
    return words


def word_pattern(word):
    """The word on its own, also with a Dutch or English plural or inflection."""
    ending = "" if len(word) <= 2 else "(?:s|en|e|'s)?"
    return re.compile(rf"(?<![\w-]){re.escape(word)}{ending}(?![\w-])", re.IGNORECASE)


def forbidden_in(text, patterns):
    return sorted({word for word, pattern in patterns.items() if pattern.search(text)})


def sentences(text):
    """Sentences of a message: split at . ! ? : ; followed by a space, and at line breaks."""
    text = re.sub(r"<[^>]+>", " ", text)
    return [part for part in re.split(r"(?<=[.!?:;])\s+|\n+", text) if part.strip()]


def public_dutch(tmp_path):
    """{msgid: Dutch translation} of every public message."""
    wanted = public_msgids(tmp_path)
    return {e.msgid: e.msgstr for e in polib.pofile(str(DUTCH)) if e.msgid in wanted}


def template_text(path):
    """What a template shows besides its translated messages (those are checked in the
    catalogue): text outside tags, variables, comments and blocktranslate blocks."""
    source = path.read_text()
    source = re.sub(r"{%\s*blocktrans.*?endblocktrans\w*\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{[%{#].*?[%}#]}", " ", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    return re.sub(r"<[^>]+>", " ", source)


def test_glossary_covers_the_words_residents_meet():
    glossary = GLOSSARY.read_text()
    for term in (
        "buurtverbinder",
        "signaal",
        "initiatief",
        "activiteit",
        "aanmelden",
        "afmelden",
        "nakijken",
        "advies",
        "toestemming",
        "stappenplan",
        "wachtlijst",
        "mede-schrijver",
    ):
        assert f"| {term} |" in glossary, term
    words = forbidden_words()
    for english in ("workflow", "review", "slug", "offline", "spam", "u"):
        assert english in words


def test_public_catalogue_uses_no_word_the_glossary_forbids(tmp_path):
    patterns = {word: word_pattern(word) for word in forbidden_words()}
    problems = [
        f"{words}: {msgstr!r}"
        for msgid, msgstr in sorted(public_dutch(tmp_path).items())
        if (words := forbidden_in(msgstr, patterns))
    ]
    assert problems == [], f"{len(problems)} public texts:\n" + "\n".join(problems)


def test_public_templates_use_no_word_the_glossary_forbids():
    patterns = {word: word_pattern(word) for word in forbidden_words()}
    problems = [
        f"{path.name}: {words}"
        for path in public_template_paths()
        if (words := forbidden_in(template_text(path), patterns))
    ]
    assert problems == [], "\n".join(problems)


def test_public_sentences_have_at_most_twenty_words(tmp_path):
    problems = []
    for msgid, msgstr in sorted(public_dutch(tmp_path).items()):
        if msgid in LONG_SENTENCE_EXCEPTIONS:
            continue
        problems += [
            f"{len(sentence.split())} words: {sentence!r}"
            for sentence in sentences(msgstr)
            if len(sentence.split()) > MAX_WORDS
        ]
    for path in public_template_paths():
        problems += [
            f"{path.name}, {len(sentence.split())} words: {sentence!r}"
            for sentence in sentences(" ".join(template_text(path).split()))
            if len(sentence.split()) > MAX_WORDS
        ]
    assert problems == [], f"{len(problems)} long sentences:\n" + "\n".join(problems)


def verb_first_conditionals(text):
    """ "Is het vol, dan …" is harder to follow than "Als het vol is, …"."""
    return [
        sentence
        for sentence in sentences(text)
        if re.search(r", dan\b", sentence)
        and not re.match(r"\W*(Als|Wanneer|Zodra)\b", sentence, re.IGNORECASE)
    ]


def test_public_conditions_start_with_als(tmp_path):
    problems = [
        sentence
        for msgstr in public_dutch(tmp_path).values()
        for sentence in verb_first_conditionals(msgstr)
    ]
    assert problems == [], "\n".join(problems)


def test_the_checks_catch_what_they_should():
    patterns = {word: word_pattern(word) for word in ("u", "workflow", "site")}
    assert forbidden_in("Weet u het zeker?", patterns) == ["u"]
    assert forbidden_in("De Workflows van de buurt", patterns) == ["workflow"]
    assert forbidden_in("Op de website en het menu", patterns) == []
    assert verb_first_conditionals("Is het vol, dan mailen we. Als het kan, dan kom ik.") == [
        "Is het vol, dan mailen we."
    ]
    long = " ".join(["woord"] * 21) + ". Kort."
    assert [len(s.split()) for s in sentences(long)] == [21, 1]
