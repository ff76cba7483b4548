"""No header secret in logs, Prefect artifacts, run records, rejects, state or raw pages.

The real ``radar ingest`` runs against a Prefect API with ``policy_radar`` DEBUG logs routed to it
(as deployments do); the test then reads back everything the API holds about the run (logs,
artifacts, flow and task runs) and everything under DATA. A server that reflects the secrets into
a redirect loop puts them into what the pipeline composes; a control run without redaction shows
the search finds them.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from relkit import Reply, Site, child_env, cli, everything_stored, read_table

from extractors.exceptions import ConfigError
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

SECRET = "TOP-SECRET-9f3c1b"
TOKEN, COOKIE, KEY = f"Bearer {SECRET}-auth", f"sid={SECRET}-cookie", f"{SECRET}-key"
HEADERS = {"Authorization": TOKEN, "Cookie": COOKIE, "X-Api-Key": KEY}
BODY = (
    "<html><head><title>AI policy {n}</title></head><body><article>"
    + "<p>The commission said the AI act obligations apply in phases across member states.</p>" * 6
    + "</article></body></html>"
)
PAGES = ["/page.html", "/gone.html", "/denied.html", "/away", "/echo"]


def serve_site(site: Site) -> None:
    """Pages, failures, a cross-host redirect and a redirect loop that reflects the secrets."""
    port = site.base.rsplit(":", 1)[1]
    html = {"Content-Type": "text/html"}
    site.add("/robots.txt", Reply(404))
    site.add("/page.html", Reply(body=BODY.format(n="p").encode(), headers=html))
    site.add("/gone.html", Reply(500, b"boom"))
    site.add("/denied.html", Reply(401, b"who?"))
    site.add("/feed.xml", Reply(403, b"no"))
    site.add("/away", Reply(302, headers={"Location": f"http://localhost:{port}/landing"}))
    site.add("/landing", Reply(body=BODY.format(n="l").encode(), headers=html))
    back = f"/echo-back?k={KEY}&a={quote(TOKEN)}&t={SECRET}-auth&c={quote(COOKIE)}"
    site.add("/echo", Reply(302, headers={"Location": back}))
    site.add(back, Reply(302, headers={"Location": "/echo"}))


def sources_file(site: Site, tmp_path: Path) -> Path:
    """Write a urls source and a feed source, both sending the secret headers."""
    headers = "[sources.headers]\n" + "".join(f'{k} = "{v}"\n' for k, v in HEADERS.items())
    urls = ", ".join(f'"{site.url(p)}"' for p in PAGES)
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "s"\nkind = "urls"\nallow_private = true\nurls = [{urls}]\n'
        f"{headers}\n"
        f'[[sources]]\nname = "f"\nkind = "feed"\nallow_private = true\n'
        f'url = "{site.url("/feed.xml")}"\n{headers}'
    )
    return toml


def api_records(sources: Path) -> str:
    """Return, as JSON text, the API's flow runs, task runs, logs and artifacts of the run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
        LogFilter,
        LogFilterFlowRunId,
    )

    with get_client(sync_client=True) as client:
        runs = [
            r
            for r in client.read_flow_runs()
            if str(sources) in r.parameters.get("request", {}).get("sources_file", "")
        ]
        assert runs, "the run is not in the API"
        ids = [r.id for r in runs]
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=ids)), limit=200)
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=ids))
        )
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)))
    parts = [m.model_dump_json() for m in [*runs, *tasks, *logs, *artifacts]]
    assert any("ingest-summary" in p for p in parts), "no summary artifact"
    assert any("source s:" in p and "redirect_loop" in p for p in parts), "no run logs"
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_session")
def test_no_header_secret_reaches_logs_artifacts_rows_or_raw_pages(
    site: Site, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    serve_site(site)
    toml, data = sources_file(site, tmp_path), tmp_path / "data"
    env = child_env(
        PREFECT_API_URL=str(PREFECT_API_URL.value()),
        PREFECT_LOGGING_EXTRA_LOGGERS="policy_radar",
        PREFECT_LOGGING_LEVEL="DEBUG",
        RADAR_FETCH_MIN_INTERVAL="0.01",
        RADAR_FETCH_MAX_ATTEMPTS="1",
    )
    done = subprocess.run(
        cli("ingest", "--sources", str(toml), "--data", str(data)),
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    # The secrets did travel: sent to the site, and reflected into the redirect chain.
    sent = [hit.headers for hit in site.hits if hit.path == "/page.html"]
    assert sent and sent[0].get("authorization") == TOKEN and sent[0].get("cookie") == COOKIE
    assert any(SECRET in p for p in site.paths()), "the server never reflected a secret"
    landing = [hit.headers for hit in site.hits if hit.path == "/landing"]  # another host
    assert landing and not {"authorization", "cookie", "x-api-key"} & set(landing[0])
    rejects = read_table(data, "rejects")
    loop = rejects.filter(rejects["reason"] == "redirect_loop")["detail"].to_list()
    assert loop and "***" in loop[0]  # redacted where it would have been
    everything = "\n".join([done.stdout, done.stderr, api_records(toml), everything_stored(data)])
    assert SECRET not in everything


def test_control_without_redaction_the_search_finds_the_secret(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.fetch import Fetcher

    serve_site(site)
    monkeypatch.setattr(Fetcher, "clean", lambda self, text: text)
    monkeypatch.setenv("RADAR_FETCH_MAX_ATTEMPTS", "1")
    seen: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    package = logging.getLogger("policy_radar")
    package.addHandler(handler)
    old = package.level
    package.setLevel(logging.DEBUG)
    try:
        run_ingest(load_sources(sources_file(site, tmp_path)), str(tmp_path / "data"), Window())
    finally:
        package.removeHandler(handler)
        package.setLevel(old)
    assert SECRET in everything_stored(tmp_path / "data")
    assert SECRET in "\n".join(seen)


def test_url_credentials_are_refused_before_anything_runs(site: Site, tmp_path: Path) -> None:
    port = site.base.rsplit(":", 1)[1]
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "s"\nkind = "urls"\n'
        f'urls = ["http://reader:{SECRET}-pw@127.0.0.1:{port}/c.html"]\n'
    )
    with pytest.raises(ConfigError) as info:
        run_ingest(load_sources(toml), str(tmp_path / "data"), Window())
    assert SECRET not in str(info.value)
    assert "[sources.headers]" in str(info.value)
    assert not (tmp_path / "data").exists()
