"""Where the public map's background tiles come from, and what the CSP must allow for it.

One setting (MAP_TILE_URL) names the tile source; the Content-Security-Policy's img-src
is derived from it here, so the policy allows exactly that host and changes with it.
"""

from urllib.parse import urlsplit

# The Dutch government's public background map (PDOK, BRT-Achtergrondkaart), in the web
# mercator projection every web map uses; free, no key.
PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_ATTRIBUTION = "Kaartgegevens © Kadaster"


def tile_origin(url):
    """The scheme and host of a tile URL template, as a CSP source.

    A `{s}` subdomain placeholder (a.tile…, b.tile…) becomes a `*.` wildcard for just
    that host's subdomains; a URL without https or a host is refused at start-up, so a
    typo never silently widens the policy.
    """
    parts = urlsplit(url)
    host = parts.netloc
    if parts.scheme != "https" or not host or "{" in host.replace("{s}", ""):
        raise ValueError(f"MAP_TILE_URL must be an https URL with a host name: {url!r}")
    return f"https://{host.replace('{s}', '*')}"
