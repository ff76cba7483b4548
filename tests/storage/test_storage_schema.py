"""The row dataclasses and the pyarrow schemas agree, column by column."""

from __future__ import annotations

import dataclasses
import typing

import pyarrow as pa
import pytest

from storage.schema import SCHEMA_VERSION, TABLES, TS

SIMPLE = {str: pa.string(), float: pa.float64(), bool: pa.bool_()}


def _arrow_for(annotation: object) -> tuple[set[pa.DataType], bool]:
    """Return the Arrow types a Python annotation may map to, and whether it is optional."""
    from datetime import date, datetime

    args = typing.get_args(annotation)
    optional = type(None) in args
    base = (
        next((a for a in args if a is not type(None)), annotation)
        if args and optional
        else annotation
    )
    if base is int:
        return {pa.int32(), pa.int64()}, optional
    if base is datetime:
        return {TS}, optional
    if base is date:
        return {pa.date32()}, optional
    if typing.get_origin(base) is list:
        return {pa.list_(pa.string())}, optional
    return {SIMPLE[typing.cast(type, base)]}, optional


@pytest.mark.parametrize("name", sorted(TABLES))
def test_dataclass_mirrors_schema(name: str) -> None:
    spec = TABLES[name]
    hints = typing.get_type_hints(spec.row_type)
    fields = [f.name for f in dataclasses.fields(spec.row_type)]
    assert fields == spec.schema.names, f"{name}: dataclass fields and schema columns differ"
    for f in spec.schema:
        allowed, optional = _arrow_for(hints[f.name])
        assert f.type in allowed, f"{name}.{f.name}: {f.type} not in {allowed}"
        if not f.nullable:
            assert not optional, f"{name}.{f.name}: NOT NULL column mapped to an optional field"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_schema_carries_version(name: str) -> None:
    meta = TABLES[name].schema.metadata
    assert meta[b"policy_radar.schema_version"] == SCHEMA_VERSION.encode()
    assert meta[b"policy_radar.table"] == name.encode()


def test_contract_columns_present() -> None:
    articles = set(TABLES["articles"].schema.names)
    assert {
        "article_id",
        "source",
        "url",
        "path",
        "title",
        "author",
        "outlet",
        "published_at",
        "fetched_at",
        "language",
        "text",
        "text_hans",
        "content_hash",
        "extractor_version",
    } <= articles
    assert TABLES["articles"].schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    signals = TABLES["signals"].schema
    assert signals.field("evidence_start").type == pa.int32()
    assert signals.field("actors").type == pa.list_(pa.string())
    assert {"source", "path", "url", "reason", "detail", "seen_at"} <= set(
        TABLES["rejects"].schema.names
    )
