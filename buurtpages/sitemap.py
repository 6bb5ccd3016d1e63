"""The buurt's sitemap in every language it speaks.

Wagtail's own sitemap lists only the tree under the site's root page, i.e. the Dutch
pages. Each translation has a tree of its own (under the translated home), so this one
lists the live pages of all of them, and names for each page its live versions in the
other languages (`xhtml:link rel="alternate" hreflang`) plus the Dutch one as
`x-default`, so search engines show a visitor the page in their own language.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return (
            pages.live()
            .public()
            .order_by("path")
            .select_related("locale")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        versions = _versions_by_translation(self.items(), self.request)
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = versions.alternates_of(item.translation_key)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class _Versions:
    """The live versions of each page, by translation key: (language, full URL)."""

    def __init__(self):
        self.by_key = defaultdict(list)
        self.default_language = Locale.get_default().language_code

    def add(self, page, url):
        self.by_key[page.translation_key].append((page.locale.language_code, url))

    def alternates_of(self, key):
        versions = self.by_key.get(key, [])
        if len(versions) < 2:
            return []  # a page in one language has no alternates to name
        alternates = [{"lang_code": code, "location": url} for code, url in versions]
        default = [url for code, url in versions if code == self.default_language]
        if default:
            alternates.append({"lang_code": "x-default", "location": default[0]})
        return alternates


def _versions_by_translation(pages, request):
    versions = _Versions()
    for page in pages:
        url = page.get_full_url(request)
        if url:
            versions.add(page, url)
    return versions
