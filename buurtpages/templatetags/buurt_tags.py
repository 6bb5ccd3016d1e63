import base64

from django import template
from django.utils.translation import get_language_info

from kernel.languages import own_names

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Live versions of `page` in every language, as (code, own name, url, is current)."""
    request = context.get("request")
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    by_code = {translation.locale.language_code: translation for translation in translations}
    return [
        (code, name, by_code[code].get_url(request), code == page.locale.language_code)
        for code, name in own_names(by_code)
    ]


@register.filter
def text_direction(language_code):
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


@register.simple_tag
def inline_rendition(image, spec):
    """A rendition as a data: URI, for pages shown before review (the consent question):
    renditions under /media/ are public only once a live page shows their image."""
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as stored:
        data = base64.b64encode(stored.read()).decode("ascii")
    kind = rendition.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
    return f"data:image/{kind};base64,{data}"
