"""Hostile article text and titles never reach the report or brief as markup."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> "broken \' quotes'


def test_report_escapes_hostile_text(tmp_path: Path) -> None:
    rows = [
        {"id": f"h{i}", "title": HOSTILE, "outlet": HOSTILE, "published": "2021-03-04",
         "text": f"At least 10 rockets struck the Al Asad air base in Iraq on Wednesday, officials said. {HOSTILE} "
                 f"\"We are assessing the damage {HOSTILE},\" spokesman John Kirby said."}
        for i in range(2)
    ]
    src = tmp_path / "hostile.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("run", str(src), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower(), "an attribute-carrying tag from the text must not survive"
    assert "&lt;script&gt;" in html
    articles = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert articles[0]["text"] == rows[0]["text"], "the text is stored exactly as read"
