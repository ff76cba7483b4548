"""One page a host answers badly costs that page, never the host's other pages."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from fetchkit import FAST, run, urls_source
from localserver import Reply, Site

from flows.fetch import Fetcher

ONE_AT_A_TIME = replace(FAST, concurrency=1, per_host=1)
GOOD = [f"/story-{n}.html" for n in range(4)]


def _good_pages(site: Site) -> None:
    for path in GOOD:
        body = f"<html><body><p>Transit board story {path}.</p></body></html>".encode()
        site.page(path, body)


def _outcomes(site: Site, first: str) -> dict[str, str]:
    found, _ = run(urls_source(site, [first, *GOOD]), settings=ONE_AT_A_TIME)
    return {
        url.rsplit("/", 1)[1]: (c.reason or "page") + (f": {c.detail}" if c.reason else "")
        for url, c in found.items()
    }


def test_a_body_cut_short_on_every_attempt_costs_one_page(site: Site) -> None:
    _good_pages(site)
    body = b"<html><body><p>cut</p>"
    site.add("/cut.html", Reply(200, body, {"Content-Length": str(len(body) + 400)}, length=False))
    outcomes = _outcomes(site, "/cut.html")
    assert outcomes["cut.html"].startswith(
        "connection_error: RemoteProtocolError after the response head"
    )
    assert [outcomes[p.lstrip("/")] for p in GOOD] == ["page"] * len(GOOD)
    assert site.count("/cut.html") == ONE_AT_A_TIME.max_attempts  # still tried again


def test_a_page_whose_server_hangs_up_strikes_the_host_once(site: Site) -> None:
    _good_pages(site)
    site.add("/crash.php", Reply(100, b"", length=False))  # no final answer, then closed
    outcomes = _outcomes(site, "/crash.php")
    assert outcomes["crash.php"].startswith("connection_error: RemoteProtocolError")
    assert [outcomes[p.lstrip("/")] for p in GOOD] == ["page"] * len(GOOD)


def test_a_304_to_a_request_without_validators_is_a_parse_error(site: Site) -> None:
    site.add("/odd.html", Reply(304, b""))
    found, _ = run(urls_source(site, ["/odd.html"]), settings=ONE_AT_A_TIME)
    (odd,) = found.values()
    assert (odd.reason, odd.detail, odd.not_modified) == (
        "parse_error",
        "304 Not Modified to a request without validators",
        False,
    )

    async def conditional() -> int:
        async with Fetcher(FAST, allow_private=True) as fetcher:
            return (await fetcher.fetch(site.url("/odd.html"), etag='"v1"')).status

    assert asyncio.run(conditional()) == 304  # asked with a validator, it is the answer it means
