"""A tiny PNG reader for screenshot tests (8-bit RGB/RGBA, not interlaced): zlib and numpy only."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}


def _paeth_row(line: bytearray, prev: bytes, bpp: int) -> None:
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        line[i] = (line[i] + pred) & 0xFF


def _average_row(line: bytearray, prev: bytes, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF


def _unfilter(kind: int, line: bytearray, prev: bytes, bpp: int) -> bytes:
    if kind == 1:
        cells = np.frombuffer(bytes(line), dtype=np.uint8).reshape(-1, bpp).astype(np.int64)
        return (np.cumsum(cells, axis=0) % 256).astype(np.uint8).tobytes()
    if kind == 2:
        up = np.frombuffer(bytes(line), np.uint8).astype(np.int64) + np.frombuffer(prev, np.uint8)
        return (up % 256).astype(np.uint8).tobytes()
    if kind == 3:
        _average_row(line, prev, bpp)
    elif kind == 4:
        _paeth_row(line, prev, bpp)
    elif kind != 0:
        raise ValueError(f"bad PNG filter {kind}")
    return bytes(line)


def read_png(path: Path) -> npt.NDArray[np.uint8]:
    """Return the pixels of a PNG file as a (height, width, 3) RGB array."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a PNG file")
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or color not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color}, interlace)")
    bpp = CHANNELS[color]
    raw = zlib.decompress(bytes(idat))
    stride = width * bpp
    prev = bytes(stride)
    rows: list[bytes] = []
    for y in range(height):
        start = y * (stride + 1)
        prev = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), prev, bpp)
        rows.append(prev)
    pixels = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(height, width, bpp)
    return pixels[:, :, :3]
