"""Build extractors/signals/data/mainland_words.tsv: OpenCC's Taiwan-to-mainland words, kept where
mainland text prefers the converted word.

OpenCC's TWPhrasesRev table (shipped with the opencc package, read with its own `opencc_dict`
tool) maps Taiwan words to mainland ones. Only pairs whose t2s form and tw2sp form have the same
length can replace text in place. The table mixes real vocabulary (晶片 to 芯片, 人工智慧 to
人工智能) with computing jargon that is wrong in general text (執行 to 运行, 指標 to 指针), so a
pair is kept only when Simplified mainland text (the realnews DEV zh pages, the cwce ground-truth
bodies, this project's written examples) uses the mainland word more often than the t2s form.
Usage: .venv/bin/python benchmarks/mainland_words.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews import CORPUS, SHARED, labels_of  # noqa: E402  # sibling script

from extractors.language import t2s_converter, tw2sp_converter  # noqa: E402
from extractors.signals.mainland_words import TABLE  # noqa: E402

_CLIB = Path(opencc.__file__).parent / "clib"


def opencc_pairs() -> list[tuple[str, str]]:
    """Return (t2s form, tw2sp form) of every TWPhrasesRev key (the form tw2sp gives the word)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "TWPhrasesRev.txt"
        cmd = [
            str(_CLIB / "bin" / "opencc_dict"),
            "-i",
            str(_CLIB / "share" / "opencc" / "TWPhrasesRev.ocd2"),
        ]
        env = {**os.environ, "LD_LIBRARY_PATH": str(_CLIB / "lib64")}
        subprocess.run([*cmd, "-o", str(out), "-f", "ocd2", "-t", "text"], check=True, env=env)
        keys = [
            line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines() if line
        ]
    t2s, tw2sp = t2s_converter(), tw2sp_converter()
    return sorted({(str(t2s.convert(k)), str(tw2sp.convert(k))) for k in keys})


def mainland_text() -> str:
    """Return the Simplified mainland text the counts come from."""
    parts = []
    for name in sorted(labels_of("dev")):
        page = CORPUS / "zh" / "pages" / name
        if page.is_file():
            parts.append(page.read_text(encoding="utf-8"))
    cwce = json.loads(
        (SHARED / "corpus" / "cwce" / "ground-truth" / "cleaned_ground.json").read_text("utf-8")
    )
    parts += [v.get("articleBody") or "" for _, v in sorted(cwce.items())]
    for path in sorted((ROOT / "benchmarks" / "signal_training").glob("examples*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                parts.append(json.loads(line)["text"])
    return "\n".join(parts)


def main() -> None:
    """Write the table: every key (so that longer words win), with its replacement when kept."""
    text = mainland_text()
    rows = []
    kept = 0
    for old, new in opencc_pairs():
        if old == new:
            continue
        use = len(old) == len(new) and text.count(new) > text.count(old)
        kept += use
        rows.append(f"{old}\t{new if use else old}")
    header = "# Written by benchmarks/mainland_words.py from OpenCC's TWPhrasesRev: t2s form, replacement\n"
    TABLE.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}: {len(rows)} words, {kept} replaced")


if __name__ == "__main__":
    main()
