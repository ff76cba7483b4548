"""A malformed address in a listing or a redirect is one rejects row; the source goes on."""

from __future__ import annotations

import pytest
from fetchkit import UTF8, Reply, Site, run, urls_source

from extractors.exceptions import FetchError
from flows.config import SourceConfig
from flows.fetch import check_address, strip_userinfo

BAD = {
    "http://[abc/x": "malformed address",  # an unclosed IPv6 bracket
    "http://127.0.0.1:99999/a": "malformed address",  # a port out of range
    "http://127.0.0.1:8o/a": "malformed address",  # a port that is no number
    "http://exa mple.org/a": "a space or control character",
}


def sitemap(urls: list[str]) -> bytes:
    """Return a sitemap urlset naming these addresses."""
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</urlset>"
    ).encode()


def test_a_sitemap_naming_malformed_addresses_still_gives_its_good_page(site: Site) -> None:
    site.page("/ok", UTF8.format(n="ok").encode())
    site.add("/sitemap.xml", Reply(body=sitemap([*BAD, site.url("/ok")])))
    source = SourceConfig(
        name="s", kind="sitemap", url=site.url("/sitemap.xml"), allow_private=True
    )
    got, stats = run(source)
    assert got[site.url("/ok")].reason is None and got[site.url("/ok")].body
    for url, problem in BAD.items():
        assert got[url].reason == "parse_error" and got[url].detail.startswith(problem), url
    assert stats.error is None and stats.fetched == 1
    assert stats.discovered == len(BAD) + 1  # every listed address is counted, refused ones too


@pytest.mark.parametrize("location", ["http://[abc/x", "http://127.0.0.1:99999/x"])
def test_a_redirect_to_a_malformed_address_is_that_pages_reject(site: Site, location: str) -> None:
    site.page("/ok", UTF8.format(n="ok").encode())
    site.add("/jump", Reply(302, headers={"Location": location}))
    got, stats = run(urls_source(site, ["/jump", "/ok"]))
    assert got[site.url("/jump")].reason == "parse_error"
    assert got[site.url("/jump")].detail.startswith("redirect: malformed address")
    assert got[site.url("/ok")].reason is None and stats.error is None


def test_robots_txt_moved_to_a_malformed_address_is_no_rules(site: Site) -> None:
    site.add("/robots.txt", Reply(301, headers={"Location": "http://127.0.0.1:99999/r"}))
    site.page("/ok", UTF8.format(n="ok").encode())
    got, stats = run(urls_source(site, ["/ok"]))
    assert got[site.url("/ok")].reason is None and stats.error is None


def test_check_address_and_strip_userinfo_on_malformed_addresses() -> None:
    assert check_address("https://example.org:8443/a").port == 8443
    with pytest.raises(FetchError, match="malformed address") as caught:
        check_address("http://user:secret@[abc/x")
    assert caught.value.reason == "parse_error" and "secret" not in caught.value.detail
    assert strip_userinfo("http://user:secret@[abc/x") == "http://[abc/x"
    assert strip_userinfo("http://[abc/x@y") == "http://[abc/x@y"  # no credentials: as it was
