"""What every buurt serves besides its pages: sitemap and robots.txt."""

import xml.etree.ElementTree as ET

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage
from tests.base import client_for, inside

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(buurt):
    response = client_for(buurt).get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemap_lists_published_pages_on_own_host_only(gamma):
    with inside(gamma):
        index = dutch_section(StoryIndexPage)
        publish(StoryPageFactory(parent=index, title="Gepubliceerd", slug="gepubliceerd"))
        StoryPageFactory(parent=index, title="Concept", slug="concept", live=False)
    urls = sitemap_urls(gamma)
    assert "http://gamma.localhost/" in urls
    assert "http://gamma.localhost/verhalen/gepubliceerd/" in urls
    assert not any("concept" in url for url in urls)
    assert all(url.startswith("http://gamma.localhost/") for url in urls)


def test_robots_txt_points_to_own_sitemap(alpha):
    body = client_for(alpha).get("/robots.txt").content.decode()
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    portal = client_for("localhost").get("/robots.txt")
    assert portal.status_code == 200
    assert "Sitemap" not in portal.content.decode()


XHTML = "{http://www.w3.org/1999/xhtml}link"


def sitemap_alternates(buurt):
    """{page URL: {hreflang: URL}} as the sitemap names them."""
    response = client_for(buurt).get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("sm:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href")
            for link in url.iter(XHTML)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_language_with_alternates_both_ways(alpha, beta):
    from tests.test_languages import arabic_story

    arabic_story(beta)  # a Dutch story with a live Arabic translation (and Arabic home)
    with inside(beta):
        publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), slug="alleen-nl"))
    with inside(alpha):
        publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), slug="alpha-verhaal"))
    pages = sitemap_alternates(beta)
    dutch, arabic = (
        "http://beta.localhost/verhalen/buurtfeest/",
        "http://beta.localhost/ar/verhalen/buurtfeest/",
    )
    assert "http://beta.localhost/ar/" in pages
    expected = {"nl": dutch, "ar": arabic, "x-default": dutch}
    assert pages[dutch] == expected
    assert pages[arabic] == expected
    assert pages["http://beta.localhost/"]["ar"] == "http://beta.localhost/ar/"
    # a page only in Dutch is listed once, without alternates
    assert pages["http://beta.localhost/verhalen/alleen-nl/"] == {}
    assert "http://beta.localhost/ar/verhalen/alleen-nl/" not in pages
    # only this buurt's own host, in locations and alternates alike
    everywhere = [*pages, *(url for links in pages.values() for url in links.values())]
    assert all(url.startswith("http://beta.localhost/") for url in everywhere)
    assert not any("alpha-verhaal" in url for url in everywhere)
