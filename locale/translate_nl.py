"""Fill the Dutch catalogue from this table (English source -> Dutch).

Run after `manage.py makemessages -l nl`: `python locale/translate_nl.py`.
Fails when a message has no Dutch translation, so the catalogue stays complete.
"""

import sys
from pathlib import Path

import polib

NL = {
    "Buurt pages": "Buurtpagina's",
    "Heading": "Kop",
    "A short heading that tells what the next part is about.": "Een korte kop die zegt waar het volgende stuk over gaat.",
    "A section heading": "Een tussenkop",
    "Quote": "Citaat",
    "Who said it": "Wie zei het",
    "Words of a neighbour, in their own words.": "Woorden van een buur, in hun eigen woorden.",
    "A quote from a resident": "Een citaat van een bewoner",
    "Text": "Tekst",
    "Write in plain language: short sentences, one idea per paragraph.": "Schrijf in gewone taal: korte zinnen, één idee per alinea.",
    "A paragraph of text": "Een alinea tekst",
    "Image": "Afbeelding",
    "Only photos of people who agreed to be shown.": "Alleen foto's van mensen die toestemming gaven.",
    "agenda": "agenda",
    "introduction": "inleiding",
    "welcome text": "welkomsttekst",
    "body": "inhoud",
    "buurt home page": "buurt-homepagina",
    "initiatives overview": "overzicht initiatieven",
    "people overview": "overzicht mensen",
    "One or two sentences.": "Een of twee zinnen.",
    "story": "verhaal",
    "stories": "verhalen",
    "stories overview": "overzicht verhalen",
    "Page not found": "Pagina niet gevonden",
    "This page does not exist (any more). Try the home page or search.": "Deze pagina bestaat niet (meer). Probeer de homepagina of zoek.",
    "Go to the home page": "Naar de homepagina",
    "No buurt at this address": "Geen buurt op dit adres",
    "There is no buurt website at %(hostname)s. Check the address, or ask your municipality for the right one.": "Er is geen buurtwebsite op %(hostname)s. Controleer het adres, of vraag je gemeente om het juiste adres.",
    "Skip to content": "Naar de inhoud",
    "On this site": "Op deze website",
    "Latest stories": "Nieuwste verhalen",
    "Search": "Zoeken",
    "Search for": "Zoek naar",
    ("%(counter)s result", "%(counter)s results"): (
        "%(counter)s resultaat",
        "%(counter)s resultaten",
    ),
    "Result pages": "Pagina's met resultaten",
    "Previous": "Vorige",
    "Next": "Volgende",
    "Nothing here yet. Will you be the first?": "Hier staat nog niets. Ben jij de eerste?",
    "%(name)s is a website made by and for its residents.": "%(name)s is een website van en voor de bewoners.",
    "Log in to write": "Inloggen om te schrijven",
    "Buurtplatform: open websites for neighbourhoods.": "Buurtplatform: open websites voor buurten.",
    "optional": "niet verplicht",
    "Main menu": "Hoofdmenu",
    "Buurtplatform": "Buurtplatform",
    "Launch a buurt": "Buurt starten",
    "Log out": "Uitloggen",
    "Log in for municipality staff": "Inloggen voor medewerkers van de gemeente",
    "Web address": "Webadres",
    "Administration": "Beheer",
    "Municipality": "Gemeente",
    "Languages": "Talen",
    "Launched": "Gestart",
    "in %(seconds)s seconds": "in %(seconds)s seconden",
    "Back to all buurten": "Terug naar alle buurten",
    "Buurt websites": "Buurtwebsites",
    "Every neighbourhood its own website, written by its residents.": "Elke buurt een eigen website, geschreven door de bewoners.",
    "Other buurten": "Overige buurten",
    "No buurt websites yet.": "Nog geen buurtwebsites.",
    "Launch a buurt website": "Een buurtwebsite starten",
    "The site is live as soon as you press the button: with a home page, sections, roles, workflows and the chosen languages.": "De website staat online zodra je op de knop drukt: met een homepagina, rubrieken, rollen, workflows en de gekozen talen.",
    "The buurt was not launched. Please correct the fields below.": "De buurt is niet gestart. Verbeter de velden hieronder.",
    "Launch the buurt website": "Start de buurtwebsite",
    "Log in": "Inloggen",
    "Residents and professionals log in on their own buurt's website.": "Bewoners en professionals loggen in op de website van hun eigen buurt.",
    "Hello,\n\nYou have been invited as %(role)s of the website of %(name)s.\n\nChoose your password with this link (it works once and only for this buurt):\n%(set_password_url)s\n\nAfter that you log in at:\n%(admin_url)s\n\nYour username is your e-mail address.": "Hallo,\n\nJe bent uitgenodigd als %(role)s van de website van %(name)s.\n\nKies je wachtwoord met deze link (hij werkt één keer en alleen voor deze buurt):\n%(set_password_url)s\n\nDaarna log je in op:\n%(admin_url)s\n\nJe gebruikersnaam is je e-mailadres.",
    "Buurten": "Buurten",
    "Name of the buurt": "Naam van de buurt",
    "As residents say it, e.g. “De Bloemenbuurt”.": "Zoals bewoners het zeggen, bijvoorbeeld “De Bloemenbuurt”.",
    "Short name (slug)": "Korte naam (slug)",
    "Lowercase letters, digits and underscores; used for the web address and cannot be changed later.": "Kleine letters, cijfers en liggende streepjes; wordt gebruikt voor het webadres en kan later niet meer veranderen.",
    "Web address (host name)": "Webadres (hostnaam)",
    "Leave empty to use the standard address.": "Laat leeg voor het standaardadres.",
    "Community languages besides Dutch": "Talen van de buurt naast Nederlands",
    "E-mail address of the first buurt administrator": "E-mailadres van de eerste buurtbeheerder",
    "They receive an e-mail with a link to set their password.": "Die krijgt een e-mail met een link om een wachtwoord te kiezen.",
    "Your account for %(buurt)s": "Je account voor %(buurt)s",
    "Use 2 to 41 characters: lowercase letters, digits and underscores, starting with a letter.": "Gebruik 2 tot 41 tekens: kleine letters, cijfers en liggende streepjes, beginnend met een letter.",
    "“%(slug)s” is reserved by the platform; choose another name.": "“%(slug)s” is gereserveerd door het platform; kies een andere naam.",
    "A buurt with the slug “%(slug)s” already exists.": "Er bestaat al een buurt met de slug “%(slug)s”.",
    "“%(domain)s” is not a valid host name (letters, digits, hyphens and dots).": "“%(domain)s” is geen geldige hostnaam (letters, cijfers, streepjes en punten).",
    "The domain “%(domain)s” is already in use.": "Het domein “%(domain)s” is al in gebruik.",
    "Unknown language code: %(codes)s.": "Onbekende taalcode: %(codes)s.",
    "Enter a valid e-mail address.": "Vul een geldig e-mailadres in.",
    "Give the buurt a name.": "Geef de buurt een naam.",
    "name": "naam",
    "slug": "slug",
    "municipality": "gemeente",
    "municipalities": "gemeenten",
    "Live": "Online",
    "Suspended": "Opgeschort",
    "Blueprint": "Blauwdruk",
    "Municipality portal": "Gemeenteportaal",
    "languages": "talen",
    "status": "status",
    "created": "aangemaakt",
    "launch time in seconds": "starttijd in seconden",
    "buurt": "buurt",
    "buurten": "buurten",
    "domain": "domein",
    "domains": "domeinen",
    "%(name)s is live at %(url)s (launched in %(seconds).2f seconds).": "%(name)s staat online op %(url)s (gestart in %(seconds).2f seconden).",
    "Trainings": "Trainingen",
    "Workflows": "Workflows",
    "You cannot review your own change.": "Je kunt je eigen wijziging niet beoordelen.",
    "Another buurtverbinder, never the author, approves or asks for changes": "Een andere buurtverbinder, nooit de schrijver zelf, keurt goed of vraagt om aanpassingen",
    "Peer review": "Beoordeling door een buurtverbinder",
    "Peer reviews": "Beoordelingen door buurtverbinders",
}


def main():
    path = Path(__file__).parent / "nl" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    missing = []
    for entry in catalogue:
        key = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        if key not in NL:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(NL[key]))
        else:
            entry.msgstr = NL[key]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata["Language"] = "nl"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.save()
    if missing:
        sys.exit("No Dutch translation for:\n" + "\n".join(missing))
    print(f"{len(catalogue)} messages translated in {path}")


if __name__ == "__main__":
    main()
