"""The demo's Dutch texts are what a municipality reads first: plain Dutch by the same
glossary as the public site (docs/woordenlijst.md), short sentences, and every picture
described for people who cannot see it."""

import re

from buurtpages import demo
from tests.test_plain_dutch import MAX_WORDS, forbidden_in, forbidden_words, sentences, word_pattern
from workflows import demo as workflows_demo


def demo_activity_texts(activity):
    return [activity.title, activity.intro] if activity else []


def demo_dutch_texts():
    texts = [accessibility for _name, _address, accessibility in demo.PLACES]
    texts += [description for _name, _kind, description in demo.PARTNERS]
    texts += [alt for _motif, alt in demo.PICTURES.values()]
    for plan in demo.INITIATIVES:
        texts += [plan.title, plan.goal, plan.ask[0]]
        texts += demo_activity_texts(plan.activity)
    texts += demo_activity_texts(demo.COFFEE_MORNING)
    for title, intro, body, _picture in demo.STORIES:
        texts += [title, intro, *body]
    texts += [person[-1] for person in workflows_demo.PEOPLE]
    texts += [workflows_demo.SUPPORT_GOAL, workflows_demo.CONSENT_PERSON_HELP]
    for intro, body in (workflows_demo.WAITING_STORY_TEXT, workflows_demo.NEEDS_CHANGES_TEXT):
        texts += [intro, *body]
    return texts


def test_demo_texts_are_plain_dutch():
    patterns = {word: word_pattern(word) for word in forbidden_words()}
    texts = demo_dutch_texts()
    assert len(texts) > 80
    words = {text: forbidden_in(text, patterns) for text in texts}
    assert {text: found for text, found in words.items() if found} == {}
    long = [s for text in texts for s in sentences(text) if len(s.split()) > MAX_WORDS]
    assert long == []
    # A sentence starts with a capital (a letter lost when a line was split shows here).
    starts = [part for text in texts for part in re.split(r"(?<=[.!?])\s+", text)]
    lower = [part for part in starts if part[0].islower()]
    assert lower == []


def test_every_demo_page_type_with_a_photo_has_one_with_alt_text():
    pictures = [plan.picture for plan in demo.INITIATIVES]
    pictures += [plan.activity.picture for plan in demo.INITIATIVES if plan.activity]
    pictures += [story[-1] for story in demo.STORIES]
    assert all(pictures) and set(pictures) <= set(demo.PICTURES)
    assert all(alt.strip() for _motif, alt in demo.PICTURES.values())
