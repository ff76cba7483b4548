"""Helpers of benchmarks/heldout.py: span references, label conversion, fetched snapshots."""
