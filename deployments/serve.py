"""Serve every Policy Radar deployment from one process (same as `radar serve`), or write prefect.yaml.

python deployments/serve.py --sources-file examples/sources.toml --data radar-data   # serve
python deployments/serve.py --write-yaml     # regenerate prefect.yaml and prefect-git.yaml
python deployments/serve.py --create-limit   # create radar-writer
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YAML_PATH = Path(__file__).resolve().parent / "prefect.yaml"
GIT_YAML_PATH = Path(__file__).resolve().parent / "prefect-git.yaml"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.exceptions import ConfigError  # noqa: E402
from flows.deploy import (  # noqa: E402
    DEFAULT_DIGEST_CRON,
    DEFAULT_INGEST_CRON,
    DEFAULT_TIMEZONE,
    render_prefect_yaml,
    serve_deployments,
)
from flows.params import check_ingest  # noqa: E402
from flows.runtime import ensure_writer_limit  # noqa: E402
from flows.settings import data_location, sources_location  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sources-file",
        "--sources",
        default=None,
        help="sources TOML file [$RADAR_SOURCES, Variable radar_sources, ./sources.toml]",
    )
    parser.add_argument(
        "--data", default=None, help="DATA folder [$RADAR_DATA, Variable radar_data, ./radar-data]"
    )
    parser.add_argument("--ingest-cron", default=None, help="ingest schedule [$RADAR_INGEST_CRON]")
    parser.add_argument("--digest-cron", default=None, help="digest schedule [$RADAR_DIGEST_CRON]")
    parser.add_argument("--timezone", default=None, help="schedule timezone [$RADAR_TIMEZONE]")
    parser.add_argument(
        "--dask-address",
        default=None,
        help="Dask scheduler for extraction batches, tcp://host:8786 [serve: $RADAR_DASK_ADDRESS; "
        "--write-yaml: none, workers read $RADAR_DASK_ADDRESS]",
    )
    parser.add_argument(
        "--write-yaml", action="store_true", help="write prefect.yaml and prefect-git.yaml, exit"
    )
    parser.add_argument("--check-yaml", action="store_true", help="exit 1 if either is stale")
    parser.add_argument("--create-limit", action="store_true", help="create radar-writer and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the script; return the exit code."""
    args = parse_args(argv)
    if args.write_yaml or args.check_yaml:
        stale = []
        for path, git in ((YAML_PATH, False), (GIT_YAML_PATH, True)):
            text = render_prefect_yaml(
                args.ingest_cron or DEFAULT_INGEST_CRON,
                args.digest_cron or DEFAULT_DIGEST_CRON,
                args.timezone or DEFAULT_TIMEZONE,
                args.dask_address,
                git=git,
            )
            current = path.read_text(encoding="utf-8") if path.is_file() else ""
            if args.check_yaml:
                stale += [] if current == text else [str(path)]
                continue
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
        if args.check_yaml:
            print(f"stale: {', '.join(stale)}" if stale else "up to date")
            return 1 if stale else 0
        return 0
    if args.create_limit:
        if not ensure_writer_limit():
            print("PREFECT_API_URL is not set: no server to create the limit on", file=sys.stderr)
            return 1
        print("global concurrency limit radar-writer is in place")
        return 0
    try:
        sources = check_ingest(sources_location(args.sources_file)).sources_file.resolve()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = Path(data_location(args.data)).resolve()
    from storage.store import Store

    Store(data).prepare()
    serve_deployments(
        str(sources),
        str(data),
        ingest_cron=args.ingest_cron,
        digest_cron=args.digest_cron,
        timezone=args.timezone,
        dask_address=args.dask_address,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
