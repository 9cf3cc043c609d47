"""Fuse the quantities of one event across its articles: one entry per counted thing, every report kept.

"At least 10 rockets", "around 10 rockets" and "10 rockets" from three outlets are one quantity (10 rockets) with
three reports; "about eight kilometres (five miles)" is one distance; "122mm rockets" (a calibre) and "10 rockets"
(a count) are two, and so are "30 people were injured" and "detained 40 people": a count of people carries what
its clause says happened to them (`happening`), and counts join only within one happening.  Reports join one entry when they count the same thing (the noun in the singular, or the
dimension of a bare measure: lengths in km, masses in kg) and their values can be the same figure under their
qualifiers: equal; "at least 10" and 12; "about 10" and 12 (within ABOUT_TOLERANCE); a measure converted from
another unit (within CONVERSION_TOLERANCE).  Values that cannot be one figure ("8 km" from the launch site, "180
km" from Baghdad) stay separate entries.  The entry's value is the one most independent sources give (ties: the
lowest, as ACLED codes the most conservative report).  Counts of people killed or injured that cannot be one
figure stay separate entries here: the event's `fatalities` and `injured` weigh them and flag the dispute.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from newsfuse.extract.quantities import UNITS, VAGUE_NUMERALS
from newsfuse.fuse.common import by_group, counts_compatible, representative, singular
from newsfuse.model import Analysis, Quantity

# Kilometres per unit of length, kilograms per unit of mass: bare measures in different units are compared in these.
_LENGTH_KM = {"mm": 1e-6, "cm": 1e-5, "m": 1e-3, "km": 1.0, "mile": 1.609344}
_MASS_KG = {"lb": 0.45359237, "kg": 1.0}

# "at least 20" is read as the same figure as 20 to 30, not as 500: a bound names a figure near it.  Set by hand.
BOUND_FACTOR = 1.5
# A measure converted from another unit is rounded by the writer ("eight kilometres (five miles)" is 8 vs 8.05).
CONVERSION_TOLERANCE = 0.1


def _measure(q: Quantity) -> tuple[tuple[str, str | None], float, bool]:
    """(what is counted or measured, value in the base unit of its dimension, whether it was converted)."""
    noun = singular(q.what)
    unit = q.unit or UNITS.get(noun) or UNITS.get(q.what.lower())
    bare = unit is not None and (noun == unit or UNITS.get(noun) == unit or UNITS.get(q.what.lower()) == unit)
    if bare and unit in _LENGTH_KM:
        return ("length", "km"), q.value * _LENGTH_KM[unit], unit != "km"
    if bare and unit in _MASS_KG:
        return ("mass", "kg"), q.value * _MASS_KG[unit], unit != "kg"
    return (noun, unit), q.value, False


def _compatible(a: tuple[float, str | None, bool], b: tuple[float, str | None, bool]) -> bool:
    """Whether two reported values (value, qualifier, converted) can be one figure.

    They must be able to both be true (`counts_compatible`), and a bound must name a figure near it: "at least 20"
    is one figure with 25, not with 500 (BOUND_FACTOR).  A converted measure is within CONVERSION_TOLERANCE.
    """
    (va, qa, ca), (vb, qb, cb) = a, b
    if va == vb:
        return True
    if (ca or cb) and abs(va - vb) <= CONVERSION_TOLERANCE * max(abs(va), abs(vb)):
        return True
    if not counts_compatible((va, qa), (vb, qb)):
        return False
    low, high = sorted((abs(va), abs(vb)))
    return high <= low * BOUND_FACTOR


# Counts of people say what happened to them, and only counts of the same happening are one quantity: "more than 30
# people were injured" and "detained at least 40 people" are two, however near their figures.
_PEOPLE = re.compile(
    r"(?i)^(?:people|persons?|m[ae]n|wom[ae]n|child(?:ren)?|kids?|(?:protester|demonstrator|civilian|soldier|troop|"
    r"member|resident|student|officer|worker|fighter|militant|guard|employee|victim|passenger|villager|detainee|"
    r"contractor|journalist|migrant|refugee|pilgrim|worshipper|patient|prisoner|hostage|teen|teenager|boy|girl|adult|"
    r"other)s?|policem[ae]n|staff)$"
)
_HAPPENED = (
    ("killed", re.compile(r"(?i)\b(?:killed|killing|dead|died|deaths?|bodies|fatalities|lost their lives)\b")),
    ("injured", re.compile(r"(?i)\b(?:injur\w*|wound\w*|hurt|hospitali[sz]ed|casualties)\b")),
    ("detained", re.compile(r"(?i)\b(?:arrest\w*|detain\w*|held|custody)\b")),
    ("displaced", re.compile(r"(?i)\b(?:displaced|evacuated|fled|homeless)\b")),
)
_PREDICATE_START = re.compile(
    r"(?i)^\s*(?:,[^,]{1,50},\s*)?(?:(?:were|was|are|is|have|has|had|been|being|later|also|reportedly|"
    r"critically|seriously|fatally|slightly|badly|all)\s+)*"
)
_DENIED = re.compile(r"(?i)(?:not|never|n't)\b")
# an object right after the verb: the people counted did it ("killed two civilians", "wounded a guard")
_OBJECT_AFTER = re.compile(r"(?i)\s+(?:\d|a|an|the|his|her|their|him|them|one|two|three|four|five|six|seven|eight|nine|"
                           r"ten|several|dozens|many)\b")
# a happening word right before the count, at most one word between that is not a conjunction ("arrested 37
# protesters", "killing two more people"; not "were killed and seven people")
_JUST_BEFORE = {kind: re.compile(r"(?i)(?:" + rx.pattern.removeprefix("(?i)") + r")\s+(?:(?!and\b|or\b|but\b)\w+\s+)?$")
                for kind, rx in _HAPPENED}
_CONTEXT_CHARS = 40  # how far from the count, within its clause, the happening is looked for (set by hand)


def happening(text: str, start: int, end: int, what: str) -> str | None:
    """What the clause around a count of people (text[start:end], counting `what`) says happened to them, else
    None: the predicate right after the count ("nine people were wounded"), else a word right before it
    ("arrested 37 protesters"), else the nearest such word after it in its clause ("taken to hospital with
    injuries").  A denied predicate ("were not injured") or one with an object ("five gunmen killed two
    civilians": the people counted did it) says nothing happened to them."""
    if not _PEOPLE.match(what):
        return None
    # the count as the subject of its verb ("nine people were wounded", "five people, including a US soldier,
    # wounded"): the predicate right after it says what happened, whatever the previous clause said
    predicate = _PREDICATE_START.sub("", re.split(r"[.;:!?]", text[end:end + 2 * _CONTEXT_CHARS])[0], count=1)
    if _DENIED.match(predicate):
        return None
    for kind, rx in _HAPPENED:
        m = rx.match(predicate)
        if m:
            return None if _OBJECT_AFTER.match(predicate[m.end():]) else kind
    before = re.split(r"[.;:!?]", text[max(0, start - _CONTEXT_CHARS):start])[-1]
    for kind, rx in _HAPPENED:
        m = _JUST_BEFORE[kind].search(before)
        if m:
            return kind
    after = re.split(r"[.;:!?,]", text[end:end + _CONTEXT_CHARS])[0]
    best: tuple[int, str] | None = None
    for kind, rx in _HAPPENED:
        for m in rx.finditer(after):
            if not after[:m.start()].rstrip().lower().endswith(" to"):  # "were trying to arrest the man"
                best = min(best or (m.start(), kind), (m.start(), kind))
    return best[1] if best else None


_VAGUE = re.compile(r"(?i)\b(?:" + "|".join(sorted(VAGUE_NUMERALS)) + r")\b")


def is_vague(written: str) -> bool:
    """Whether a count is a vague word read by ACLED's rule ("dozens of protesters"), not a figure."""
    return not any(ch.isdigit() for ch in written) and bool(_VAGUE.search(written))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def quantities(analyses: Sequence[Analysis], groups: Mapping[str, str]) -> list[dict[str, Any]]:
    """The event's quantities: one entry per counted thing and figure, with each distinct report and every span."""
    # distinct reports: (thing, value, qualifier, unit as written) -> the report with its groups and spans
    reports: dict[tuple[Any, ...], dict[str, Any]] = {}
    for group_id, members in by_group(analyses, groups).items():
        a = representative(members, lambda x: x.quantities)
        for q in a.quantities:
            if q.partitive:
                continue  # "one of the factions": a count for claims to compare, not a quantity of the event
            thing, base, converted = _measure(q)
            thing = (*thing, happening(a.article.text, q.span.start, q.span.end, q.what))
            key = (thing, q.value, q.qualifier, q.unit or singular(q.what))
            r = reports.setdefault(key, {"thing": thing, "base": base, "converted": converted, "what": q.what,
                                         "value": _number(q.value), "qualifier": q.qualifier, "unit": q.unit,
                                         "groups": set(), "evidence": []})
            r["groups"].add(group_id)
            r["evidence"].append(q.span.to_json())
            r["vague"] = r.get("vague", True) and is_vague(q.span.text)
    entries: list[list[dict[str, Any]]] = []
    for r in sorted(reports.values(), key=_report_order):
        here = (r["base"], r["qualifier"], r["converted"])
        home = next((e for e in entries if e[0]["thing"] == r["thing"]
                     and all(_compatible((o["base"], o["qualifier"], o["converted"]), here) for o in e)), None)
        if home is None:
            entries.append([r])
        else:
            home.append(r)
    out = [_entry(e) for e in entries]
    return sorted(out, key=lambda e: (-e["sources"], e["what"], e["value"]))


def _entry(reports: list[dict[str, Any]]) -> dict[str, Any]:
    # the figure most independent sources give; ties: the most exact, then the lowest (ACLED's conservative reading)
    reports = sorted(reports, key=_report_order)
    main = reports[0]
    groups = set().union(*(r["groups"] for r in reports))
    return {
        "what": main["what"], "value": main["value"], "qualifier": main["qualifier"], "unit": main["unit"],
        # for a count of people, what its clause says happened to them (killed, injured, detained, displaced), or null
        "happening": main["thing"][-1],
        "vague": main["vague"],  # the figure is a vague word read by ACLED's rule ("dozens": 12), not a number
        "sources": len(groups),
        # the sources give figures that cannot all be one number as written ("at least 20" and "30" can; "10"
        # and "12" cannot; "eight kilometres (five miles)" is one distance)
        "disputed": _disputed(reports),
        "reports": [{"what": r["what"], "value": r["value"], "qualifier": r["qualifier"], "unit": r["unit"],
                     "vague": r["vague"], "sources": len(r["groups"]), "evidence": r["evidence"]} for r in reports],
        "evidence": [s for r in reports for s in r["evidence"]],
    }


_QUALIFIER_RANK = {"exact": 0, None: 0, "about": 1, "at least": 2, "at most": 3}


def _report_order(r: dict[str, Any]) -> tuple[Any, ...]:
    """Best-supported first; ties broken on the figure itself, never on the order the articles came in."""
    return (-len(r["groups"]), r["converted"], _QUALIFIER_RANK.get(r["qualifier"], 4), r["base"], r["what"], r["unit"] or "")


def _disputed(reports: list[dict[str, Any]]) -> bool:
    """Whether independent sources give figures that differ as written (a bound or a unit conversion aside)."""
    return any(a["base"] != b["base"] and not (a["converted"] or b["converted"])
               and not {"at least", "at most"} & {a["qualifier"], b["qualifier"]}
               and not (a["vague"] or b["vague"])  # "dozens" (12 by ACLED's rule, a floor) does not deny "37"
               and a["groups"] != b["groups"]
               for i, a in enumerate(reports) for b in reports[i + 1:])
