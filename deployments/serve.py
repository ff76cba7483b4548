"""Serve every Policy Radar deployment from one process (same as `radar serve`), or write prefect.yaml.

python deployments/serve.py --sources sources.toml --data radar-data   # serve
python deployments/serve.py --write-yaml                               # regenerate prefect.yaml
python deployments/serve.py --create-limit                             # create radar-writer
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YAML_PATH = Path(__file__).resolve().parent / "prefect.yaml"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from flows.config import default_data_dir, load_sources  # noqa: E402
from flows.deploy import (  # noqa: E402
    DEFAULT_DIGEST_CRON,
    DEFAULT_INGEST_CRON,
    DEFAULT_TIMEZONE,
    render_prefect_yaml,
    serve_deployments,
)
from flows.runtime import ensure_writer_limit  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sources", default="sources.toml", help="sources TOML file")
    parser.add_argument("--data", default=None, help="DATA folder [$RADAR_DATA or ./radar-data]")
    parser.add_argument("--ingest-cron", default=None, help="ingest schedule [$RADAR_INGEST_CRON]")
    parser.add_argument("--digest-cron", default=None, help="digest schedule [$RADAR_DIGEST_CRON]")
    parser.add_argument("--timezone", default=None, help="schedule timezone [$RADAR_TIMEZONE]")
    parser.add_argument(
        "--dask-address",
        default=None,
        help="Dask scheduler for extraction batches, tcp://host:8786 [serve: $RADAR_DASK_ADDRESS; "
        "--write-yaml: none, workers read $RADAR_DASK_ADDRESS]",
    )
    parser.add_argument("--write-yaml", action="store_true", help="write prefect.yaml and exit")
    parser.add_argument("--check-yaml", action="store_true", help="exit 1 if prefect.yaml is stale")
    parser.add_argument("--create-limit", action="store_true", help="create radar-writer and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the script; return the exit code."""
    args = parse_args(argv)
    if args.write_yaml or args.check_yaml:
        text = render_prefect_yaml(
            args.ingest_cron or DEFAULT_INGEST_CRON,
            args.digest_cron or DEFAULT_DIGEST_CRON,
            args.timezone or DEFAULT_TIMEZONE,
            args.dask_address,
        )
        if args.check_yaml:
            current = YAML_PATH.read_text(encoding="utf-8") if YAML_PATH.is_file() else ""
            print("up to date" if current == text else f"{YAML_PATH} is stale")
            return 0 if current == text else 1
        YAML_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {YAML_PATH}")
        return 0
    if args.create_limit:
        if not ensure_writer_limit():
            print("PREFECT_API_URL is not set: no server to create the limit on", file=sys.stderr)
            return 1
        print("global concurrency limit radar-writer is in place")
        return 0
    sources = Path(args.sources).resolve()
    load_sources(sources)
    data = Path(args.data or default_data_dir()).resolve()
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
