"""Where pages come from: directory and remote sources yield candidates for the runner.

``contract`` holds what a source yields (Candidate, Window, SourceStats, Discover);
``directory`` reads a folder; ``listings`` parses feeds and sitemaps; ``web`` has one class
per remote listing kind; ``crawl`` (with ``bridge``) hands a remote source to the fetcher.
"""

from flows.sources.contract import Candidate, Discover, SourceFailedError, SourceStats, Window
from flows.sources.crawl import discover_web
from flows.sources.directory import LocalFile, SkippedFile, discover_directory, discover_files
from flows.sources.listings import (
    Listed,
    Sitemap,
    keep_listed,
    parse_feed,
    parse_sitemap,
    read_any_feed,
    read_plain_rss,
)
from flows.sources.web import FeedListing, SitemapListing, UrlList, WebListing, web_listing

__all__ = [
    "Candidate",
    "Discover",
    "FeedListing",
    "Listed",
    "LocalFile",
    "Sitemap",
    "SitemapListing",
    "SkippedFile",
    "SourceFailedError",
    "SourceStats",
    "UrlList",
    "WebListing",
    "Window",
    "discover_directory",
    "discover_files",
    "discover_web",
    "keep_listed",
    "parse_feed",
    "parse_sitemap",
    "read_any_feed",
    "read_plain_rss",
    "web_listing",
]
