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
