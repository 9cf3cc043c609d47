"""Readable outputs of the event records: DIR/brief.md and DIR/report.html.

Both show, per event: the headline, the record (date, place, type, casualties
with every report and a disputed flag, actors, quantities), the brief with
numbered citations, the claims matrix (claim x source: supports / contradicts /
silent), the disputes, the timeline and the sources with their copy groups.
The HTML page is self-contained (inline CSS, no script, no network); every
string taken from an article is escaped, and each citation links to the
article's text further down the page with the cited span marked.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from typing import Any, Iterable, Mapping, Sequence


SNIPPET_CHARS = 160  # quoted snippet length in the citation lists
MAX_MATRIX_ROWS = 40  # claims shown in the matrix (disputed and best corroborated first); the rest are counted
SUPPORTS, CONTRADICTS, MIXED, SILENT = "supports", "contradicts", "mixed", "silent"
_MATRIX_MARK_MD = {SUPPORTS: "✔", CONTRADICTS: "✘", MIXED: "✔✘", SILENT: "·"}


# ---------------------------------------------------------------- shared helpers



def period_label(value: Any, precision: Any = None) -> str:
    """A timeline date as precise as its evidence: "2021-03-03", "week of 2021-02-22", "2021-02", "2020".

    Timeline items carry the first day of their period (sortable); printing "2021-02-01" for
    "last month" would claim a day the articles never gave.
    """
    if not value:
        return "undated"
    v = str(value)
    if precision == "month":
        return v[:7]
    if precision == "year":
        return v[:4]
    if precision == "week":
        return f"week of {v[:10]}"
    return v

def quantity_label(q: dict) -> str:
    """One quantity as a reader writes it: "at least 10 rockets", "122 mm rockets", "107 mm", "9 people
    injured", "dozens of protesters detained (counted as 12)"."""
    qual = q.get("qualifier")
    prefix = f"{qual} " if qual not in (None, "exact") else ""
    unit, what = q.get("unit"), q.get("what")
    measured = f"{unit} {what}" if unit and what and what != unit else (what or unit or "")
    if measured == "mile" and q.get("value") != 1:
        measured = "miles"  # the unit stands for the noun in "five miles"
    written = f"{prefix}{q.get('value')} {measured}".strip()
    # the other figures the sources give for it ("about 10 rockets", "five miles" for "about eight kilometres");
    # the first report is the entry's own
    reports = q.get("reports") or []
    own = quantity_label(reports[0]) if reports else None
    others = [x for x in dict.fromkeys(quantity_label(r) for r in reports[1:]) if x != own]
    counted = ""
    said = ((q.get("evidence") or [{}])[0].get("text") or "").strip()
    if q.get("vague") and said:
        written = said[0].lower() + said[1:] if said[1:2].islower() else said  # "Several men" opened a sentence
        counted = f"counted as {q.get('value')}"  # ACLED's reading of "several", "dozens"
    if q.get("happening"):
        written += f" {q['happening']}"  # "5 people injured" and "5 people killed" are two quantities
    notes = ([counted] if counted else []) + (["disputed"] if q.get("disputed") else [])
    if others:
        notes.append(f"also reported: {', '.join(others)}")
    return f"{written} ({'; '.join(notes)})" if notes else written

def anchor_token(value: str) -> str:
    """A fragment-safe form of an id (a short hash is added when characters had to be replaced)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", value)
    if safe != value:
        safe += "-" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:6]
    return safe


def article_anchor(article_id: str, start: int | None = None) -> str:
    base = f"article-{anchor_token(article_id)}"
    return base if start is None else f"{base}-{start}"


def event_anchor(event_id: str) -> str:
    return f"event-{anchor_token(event_id)}"


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def outlet_of(articles: Mapping[str, Mapping[str, Any]], article_id: str) -> str:
    a = articles.get(article_id) or {}
    return a.get("outlet") or a.get("title") or article_id


def matrix_columns(event: Mapping[str, Any]) -> list[str]:
    """Articles of the event, in the order of its sources."""
    ids = [s["article"] for s in event.get("sources", ())] or list(event.get("articles", ()))
    return list(dict.fromkeys(ids))


def stance_of(claim: Mapping[str, Any], article_id: str) -> str:
    for s in claim.get("sources", ()):
        if s.get("article") == article_id:
            return s.get("stance", SILENT)
    if any(sp.get("article") == article_id for sp in claim.get("support", ())):
        return SUPPORTS
    if any(sp.get("article") == article_id for sp in claim.get("contradict", ())):
        return CONTRADICTS
    return SILENT


def _count_line(field: Mapping[str, Any] | None, articles: Mapping[str, Mapping[str, Any]]) -> tuple[str, list[str]]:
    """('3 (disputed)', ['3 — Outlet', ...]) for a fatalities / injured record."""
    if not field:
        return "unknown", []
    value = field.get("value")
    head = "unknown" if value is None else str(value)
    if field.get("disputed"):
        head += " (disputed)"
    reports = [f"{r.get('value')} — {outlet_of(articles, r.get('article', ''))}" for r in field.get("reports", ())]
    return head, reports


def _place_line(loc: Mapping[str, Any] | None) -> str:
    if not loc:
        return "unknown"
    parts = [loc.get("name"), loc.get("admin2"), loc.get("admin1"), loc.get("country_code")]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    line = ", ".join(seen) or "unknown"
    if loc.get("precision"):
        line += f" ({loc['precision']})"
    return line


def _date_line(date: Mapping[str, Any] | None) -> str:
    if not date or not date.get("value"):
        return "unknown"
    line = str(date["value"])
    if date.get("time"):
        line += f" {date['time']}"
        if date.get("tz"):
            line += f" {date['tz']}"
    if date.get("precision"):
        line += f" ({date['precision']})"
    return line


def _type_line(typ: Mapping[str, Any] | None) -> str:
    if not typ:
        return "unknown"
    return " / ".join(str(v) for v in (typ.get("event_type"), typ.get("sub_event_type")) if v) or "unknown"


def _groups(event: Mapping[str, Any]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for s in event.get("sources", ()):
        groups.setdefault(str(s.get("group") or s["article"]), []).append(s["article"])
    return groups


def _citation_list(event: Mapping[str, Any]) -> tuple[list[list[int]], list[Mapping[str, Any]]]:
    """Numbered citations: per summary sentence the citation numbers, and the spans by number."""
    numbers: dict[tuple[str, int, int], int] = {}
    spans: list[Mapping[str, Any]] = []
    per_sentence: list[list[int]] = []
    for sent in event.get("summary", ()):
        nums = []
        for c in sent.get("citations", ()):
            key = (c["article"], c["start"], c["end"])
            if key not in numbers:
                spans.append(c)
                numbers[key] = len(spans)
            nums.append(numbers[key])
        per_sentence.append(nums)
    return per_sentence, spans


def with_outlets(events: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Article records with the outlet filled from the events' sources where the record has none."""
    out: dict[str, Mapping[str, Any]] = dict(articles)
    for ev in events:
        for s in ev.get("sources", ()):
            a = out.get(s["article"])
            if a is not None and not a.get("outlet") and s.get("outlet"):
                out[s["article"]] = {**a, "outlet": s["outlet"]}
    return out


# ---------------------------------------------------------------- Markdown

def md_cell(text: Any) -> str:
    """Text safe inside a Markdown table cell: no line breaks, '|' escaped."""
    return " ".join(str(text if text is not None else "").split()).replace("\\", "\\\\").replace("|", "\\|")


def md_inline(text: Any) -> str:
    """Text on one Markdown line (line breaks folded)."""
    return " ".join(str(text if text is not None else "").split())


def _md_event(event: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> list[str]:
    out = [f"## {md_inline(event.get('headline') or event.get('id'))}", "", f"Event id: `{event.get('id')}`", ""]
    killed, killed_reports = _count_line(event.get("fatalities"), articles)
    injured, injured_reports = _count_line(event.get("injured"), articles)
    out += [
        "| field | value |",
        "|---|---|",
        f"| date | {md_cell(_date_line(event.get('date')))} |",
        f"| place | {md_cell(_place_line(event.get('location')))} |",
        f"| type | {md_cell(_type_line(event.get('type')))} |",
        f"| killed | {md_cell(killed)}{' — reports: ' + md_cell('; '.join(killed_reports)) if killed_reports else ''} |",
        f"| injured | {md_cell(injured)}{' — reports: ' + md_cell('; '.join(injured_reports)) if injured_reports else ''} |",
    ]
    actors = event.get("actors") or []
    if actors:
        out.append("| actors | " + md_cell("; ".join(f"{a.get('name')} ({a.get('role')}, {a.get('status')})" for a in actors)) + " |")
    quantities = event.get("quantities") or []
    if quantities:
        out.append(
            "| quantities | "
            + md_cell("; ".join(quantity_label(q) for q in quantities))
            + " |"
        )
    out.append("")
    per_sentence, spans = _citation_list(event)
    if event.get("summary"):
        out += ["### Brief", ""]
        for n, (sent, nums) in enumerate(zip(event["summary"], per_sentence), 1):
            out.append(f"{n}. {md_inline(sent['text'])} " + "".join(f"[{k}]" for k in nums))
        out += ["", "Citations:", ""]
        for k, c in enumerate(spans, 1):
            out.append(f"[{k}] {md_inline(outlet_of(articles, c['article']))} (`{c['article']}` {c['start']}-{c['end']}): “{md_inline(snippet(c['text']))}”  ")
        out.append("")
    claims = event.get("claims") or []
    cols = matrix_columns(event)
    if claims:
        out += ["### Claims", "", "✔ supports, ✘ contradicts, ✔✘ supports it and says something against it, · silent", ""]
        out.append("| # | claim | status | sources | " + " | ".join(md_cell(f"{j + 1}. {outlet_of(articles, a)}") for j, a in enumerate(cols)) + " |")
        out.append("|---|---|---|---|" + "---|" * len(cols))
        for n, cl in enumerate(claims[:MAX_MATRIX_ROWS], 1):
            marks = " | ".join(_MATRIX_MARK_MD[stance_of(cl, a)] for a in cols)
            out.append(f"| {n} | {md_cell(snippet(cl.get('text', ''), 200))} | {md_cell(cl.get('status'))} | {cl.get('independent_sources', 0)} | {marks} |")
        if len(claims) > MAX_MATRIX_ROWS:
            out.append(f"\n{len(claims) - MAX_MATRIX_ROWS} more claims (single-source or less corroborated) not shown.")
        out.append("")
    disputed = [c for c in claims if c.get("status") == "disputed"]
    if disputed:
        out += ["### Disputes", ""]
        for cl in disputed:
            why = ", ".join(cl.get("conflicts") or [])
            outlets = ", ".join(dict.fromkeys(outlet_of(articles, s["article"]) for s in cl.get("support", ())))
            out.append(f"- “{md_inline(cl.get('text'))}” ({md_inline(outlets)})" + (f" — conflict: {md_inline(why)}" if why else ""))
            if cl.get("disputes"):
                for d in cl["disputes"]:
                    said, other = d["said"], d["against"]
                    out.append(
                        f"  - {md_inline(outlet_of(articles, said['article']))}: “{md_inline(snippet(said['text']))}” — "
                        f"against {md_inline(outlet_of(articles, other['article']))}: “{md_inline(snippet(other['text']))}”"
                        + (f" ({md_inline(d['reason'])})" if d.get("reason") else "")
                    )
                if cl.get("more_disputes"):
                    out.append(f"  - and {cl['more_disputes']} more pairs of sentences in conflict")
            else:  # a record written before pairs were kept
                for s in cl.get("contradict", ()):
                    out.append(f"  - contradicted by {md_inline(outlet_of(articles, s['article']))}: “{md_inline(snippet(s['text']))}”")
        out.append("")
    timeline = event.get("timeline") or []
    if timeline:
        out += ["### Timeline", ""]
        for item in timeline:
            told = f" ({item['sources']} sources)" if (item.get("sources") or 1) > 1 else ""
            out.append(f"- **{md_inline(period_label(item.get('date'), item.get('precision')))}** {md_inline(snippet(item.get('text', ''), 200))}{told}")
        out.append("")
    groups = _groups(event)
    out += [f"### Sources ({len(groups)} independent of {len(event.get('sources', ()))} articles)", ""]
    out += ["| article | outlet | title | copy group |", "|---|---|---|---|"]
    for s in event.get("sources", ()):
        a = articles.get(s["article"]) or {}
        out.append(f"| `{md_cell(s['article'])}` | {md_cell(s.get('outlet') or a.get('outlet'))} | {md_cell(a.get('title'))} | {md_cell(s.get('group'))} |")
    out.append("")
    return out


def render_markdown(events: list[dict], articles: Mapping[str, dict]) -> str:
    """DIR/brief.md: one readable section per event."""
    articles = with_outlets(events, articles)
    lines = ["# newsfuse brief", "", f"{len(events)} events.", ""]
    for event in events:
        lines += _md_event(event, articles)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.3rem;margin:0 0 .6rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
section.event,section.article{background:#fff;border:1px solid #d9dde3;border-radius:6px;padding:1rem 1.2rem;margin:0 0 1.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #e1e4e8;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f2f5}td.s{background:#e3f4e6;text-align:center}td.c{background:#fbe3e3;text-align:center}td.n{color:#9aa1ab;text-align:center}
.record th{width:9rem}.disputed{color:#b3261e;font-weight:600}.status-corroborated{color:#1b6e2d}.status-single-source{color:#6b7280}
.status-disputed{color:#b3261e;font-weight:600}ol.brief li{margin:.3rem 0}sup a{text-decoration:none}
.cites{font-size:.85rem;color:#444}.cites li{margin:.15rem 0}.text{white-space:pre-wrap;font-family:Georgia,serif;font-size:.95rem}
mark{background:#fff1a8}nav ul{columns:2;font-size:.9rem}.muted{color:#6b7280;font-size:.85rem}
"""


def _marked_text(text: str, spans: Iterable[tuple[int, int]], article_id: str) -> str:
    """The article text, escaped, with each cited span in <mark> and an anchor at each span start."""
    intervals = sorted({(s, e) for s, e in spans if 0 <= s <= e <= len(text)})
    merged: list[list[int]] = []
    for s, e in intervals:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = sorted({s for s, _ in intervals})
    cuts = sorted({0, len(text), *starts, *(p for m in merged for p in m)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in starts:
            out.append(f'<a id="{article_anchor(article_id, a)}"></a>')
        if b is None:
            break
        piece = escape(text[a:b])
        inside = any(m[0] <= a and b <= m[1] for m in merged)
        out.append(f"<mark>{piece}</mark>" if inside and piece else piece)
    return "".join(out)


def _html_event(event: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    h: list[str] = [f'<section class="event" id="{event_anchor(str(event.get("id")))}">']
    h.append(f"<h2>{escape(str(event.get('headline') or event.get('id')))}</h2>")
    h.append(f'<p class="muted">Event id {escape(str(event.get("id")))} · {len(event.get("articles", ()))} articles</p>')
    killed, killed_reports = _count_line(event.get("fatalities"), articles)
    injured, injured_reports = _count_line(event.get("injured"), articles)

    def count_cell(head: str, reports: list[str]) -> str:
        cls = ' class="disputed"' if "disputed" in head else ""
        rep = f'<div class="muted">reports: {escape("; ".join(reports))}</div>' if reports else ""
        return f"<span{cls}>{escape(head)}</span>{rep}"

    rows = [
        ("date", escape(_date_line(event.get("date")))),
        ("place", escape(_place_line(event.get("location")))),
        ("type", escape(_type_line(event.get("type")))),
        ("killed", count_cell(killed, killed_reports)),
        ("injured", count_cell(injured, injured_reports)),
    ]
    if event.get("actors"):
        rows.append(("actors", escape("; ".join(f"{a.get('name')} ({a.get('role')}, {a.get('status')})" for a in event["actors"]))))
    if event.get("quantities"):
        rows.append(("quantities", escape("; ".join(quantity_label(q) for q in event["quantities"]))))
    h.append('<table class="record">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>")

    per_sentence, spans = _citation_list(event)
    if event.get("summary"):
        h.append('<h3>Brief</h3><ol class="brief">')
        for sent, nums in zip(event["summary"], per_sentence):
            links = "".join(
                f'<sup><a href="#{article_anchor(spans[k - 1]["article"], spans[k - 1]["start"])}">[{k}]</a></sup>' for k in nums
            )
            h.append(f"<li>{escape(sent['text'])} {links}</li>")
        h.append('</ol><ol class="cites">')
        for c in spans:
            h.append(
                f'<li><a href="#{article_anchor(c["article"], c["start"])}">{escape(outlet_of(articles, c["article"]))}</a>: '
                f"“{escape(snippet(c['text']))}”</li>"
            )
        h.append("</ol>")

    claims = event.get("claims") or []
    cols = matrix_columns(event)
    if claims:
        h.append("<h3>Claims</h3><table><tr><th>#</th><th>claim</th><th>status</th><th>sources</th>")
        h.append("".join(f'<th title="{escape(outlet_of(articles, a))}"><a href="#{article_anchor(a)}">{j + 1}</a></th>' for j, a in enumerate(cols)) + "</tr>")
        for n, cl in enumerate(claims[:MAX_MATRIX_ROWS], 1):
            cells = []
            for a in cols:
                st = stance_of(cl, a)
                cls, mark = {SUPPORTS: ("s", "supports"), CONTRADICTS: ("c", "contradicts"),
                             MIXED: ("c", "supports and contradicts"), SILENT: ("n", "·")}[st]
                cells.append(f'<td class="{cls}">{mark}</td>')
            hedge = ' <span class="muted">(hedged)</span>' if cl.get("hedged") else ""
            h.append(
                f"<tr><td>{n}</td><td>{escape(snippet(cl.get('text', ''), 220))}{hedge}</td>"
                f'<td class="status-{escape(str(cl.get("status")))}">{escape(str(cl.get("status")))}</td>'
                f"<td>{int(cl.get('independent_sources', 0))}</td>{''.join(cells)}</tr>"
            )
        h.append("</table>")
        if len(claims) > MAX_MATRIX_ROWS:
            h.append(f'<p class="muted">{len(claims) - MAX_MATRIX_ROWS} more claims (single-source or less corroborated) not shown.</p>')
        h.append('<p class="muted">Columns: ' + "; ".join(f"{j + 1}. {escape(outlet_of(articles, a))}" for j, a in enumerate(cols)) + "</p>")

    disputed = [c for c in claims if c.get("status") == "disputed"]
    if disputed:
        h.append("<h3>Disputes</h3><ul>")
        for cl in disputed:
            first_span = {s["article"]: s for s in reversed(cl.get("support", ()))}  # one link per article, its first span
            sup = ", ".join(
                f'<a href="#{article_anchor(a, s["start"])}">{escape(outlet_of(articles, a))}</a>'
                for a, s in ((a, first_span[a]) for a in dict.fromkeys(x["article"] for x in cl.get("support", ())))
            )
            def cited(s: Mapping[str, Any]) -> str:
                return (f'<a href="#{article_anchor(s["article"], s["start"])}">{escape(outlet_of(articles, s["article"]))}</a>: '
                        f'“{escape(snippet(s["text"]))}”')

            if cl.get("disputes"):
                contra = "".join(
                    f'<li>{cited(d["said"])} — against {cited(d["against"])}'
                    + (f' <span class="muted">({escape(d["reason"])})</span>' if d.get("reason") else "") + "</li>"
                    for d in cl["disputes"]
                ) + (f"<li>and {cl['more_disputes']} more pairs of sentences in conflict</li>" if cl.get("more_disputes") else "")
            else:  # a record written before pairs were kept
                contra = "".join(f"<li>contradicted by {cited(s)}</li>" for s in cl.get("contradict", ()))
            why = f' <span class="muted">({escape(", ".join(cl.get("conflicts") or []))})</span>' if cl.get("conflicts") else ""
            h.append(f"<li>“{escape(cl.get('text', ''))}” — {sup}{why}<ul>{contra}</ul></li>")
        h.append("</ul>")

    if event.get("timeline"):
        h.append("<h3>Timeline</h3><table><tr><th>date</th><th>what</th></tr>")
        for item in event["timeline"]:
            h.append(f"<tr><td>{escape(period_label(item.get('date'), item.get('precision')))}</td><td>{escape(snippet(item.get('text', ''), 240))}</td></tr>")
        h.append("</table>")

    groups = _groups(event)
    h.append(f"<h3>Sources: {len(groups)} independent of {len(event.get('sources', ()))} articles</h3>")
    h.append("<table><tr><th>article</th><th>outlet</th><th>title</th><th>copy group</th></tr>")
    for s in event.get("sources", ()):
        a = articles.get(s["article"]) or {}
        h.append(
            f'<tr><td><a href="#{article_anchor(s["article"])}">{escape(str(s["article"]))}</a></td>'
            f"<td>{escape(str(s.get('outlet') or a.get('outlet') or ''))}</td><td>{escape(str(a.get('title') or ''))}</td>"
            f"<td>{escape(str(s.get('group') or ''))}</td></tr>"
        )
    h.append("</table></section>")
    return "\n".join(h)


def _cited_spans(events: Sequence[Mapping[str, Any]]) -> dict[str, set[tuple[int, int]]]:
    """Every span the page links to, by article (summary citations and claim spans of disputes)."""
    out: dict[str, set[tuple[int, int]]] = {}
    for ev in events:
        for sent in ev.get("summary", ()):
            for c in sent.get("citations", ()):
                out.setdefault(c["article"], set()).add((c["start"], c["end"]))
        for cl in ev.get("claims", ()):
            if cl.get("status") == "disputed":
                for c in [*cl.get("support", ()), *cl.get("contradict", ())]:
                    out.setdefault(c["article"], set()).add((c["start"], c["end"]))
    return out


def render_html(events: list[dict], articles: Mapping[str, dict]) -> str:
    """DIR/report.html: one self-contained page (inline CSS, no script, no network)."""
    articles = with_outlets(events, articles)
    cited = _cited_spans(events)
    shown = list(dict.fromkeys(a for ev in events for a in ev.get("articles", ()) if a in articles))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>newsfuse report</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>newsfuse report</h1><p class=\"muted\">{len(events)} events from {len(shown)} articles.</p>",
    ]
    if events:
        parts.append("<nav><h3>Events</h3><ul>")
        parts += [f'<li><a href="#{event_anchor(str(ev.get("id")))}">{escape(str(ev.get("headline") or ev.get("id")))}</a></li>' for ev in events]
        parts.append("</ul></nav>")
    parts += [_html_event(ev, articles) for ev in events]
    if shown:
        parts.append("<h2>Articles</h2>")
    for aid in shown:
        a = articles[aid]
        text = a.get("text") or ""
        parts.append(
            f'<section class="article" id="{article_anchor(aid)}"><h3>{escape(str(a.get("title") or aid))}</h3>'
            f'<p class="muted">{escape(str(a.get("outlet") or ""))} · {escape(str(a.get("published") or ""))} · id {escape(aid)}'
            + (f' · <a href="{escape(a["url"])}" rel="noreferrer">original</a>' if str(a.get("url") or "").startswith(("http://", "https://")) else "")
            + "</p>"
            f'<div class="text">{_marked_text(text, cited.get(aid, ()), aid)}</div></section>'
        )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
