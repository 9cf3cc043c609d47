"""Claim alignment: which statements of an event's articles say the same thing, and which conflict.

Each claim (one sentence, `newsfuse.extract.claims`) is compared with the
claims of the other articles of the event.  Similarity is the cosine of TF-IDF
vectors over normalised terms (lemmas, numbers as digits so "ten" ~ "10",
places as gazetteer keys so "Ain al-Asad" ~ "Al Asad Airbase"), fitted on the
event's own claims.  On top of it, slot agreement decides the relation:
different counts of the same kind, opposite polarity of the same statement,
different dates or ordinal counts ("the second attack" vs "the fourth") make a
contradiction.  Claims that say the same thing are grouped; a group's sources
are counted by independence group (copies of one report count once).

Blocking: only pairs whose similarity reaches `CANDIDATE_SIM` are compared, and
the similarities come from one sparse matrix product, so an event with 50+
articles stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

from scipy import sparse

from newsfuse.extract.claims import NAME_PREFIX
from newsfuse.extract.times import period_end, recalled_sentences
from newsfuse.fuse.common import counts_compatible
from newsfuse.fuse.quantities import happening, is_vague
from newsfuse.model import Analysis, Claim, Span, TimeEx
from newsfuse.vectors import tfidf_rows

SAME, CONTRADICTS, UNRELATED = "same", "contradicts", "unrelated"

# Thresholds on TF-IDF cosine, chosen by the grid of `eval.contradictions --grid` over
# eval/data/contradiction_pairs.jsonl (best macro F1 0.90; same F1 0.87, contradicts F1 0.96 in-sample).
SAME_SIM = 0.32  # plain paraphrase
SAME_SIM_WITH_SLOTS = 0.25  # paraphrase that also shares a count, a date or a place
NUMBER_TOPIC_SIM = 0.3  # two counts of one kind conflict only about the same statement
NEGATION_SIM = 0.35  # "X was not Y" vs "X was Y"
DATE_TOPIC_SIM = 0.3  # "on Friday" vs "on Saturday" about the same happening
ORDINAL_TOPIC_SIM = 0.05  # "the second attack this month" vs "the fourth in three weeks": any shared term
# The three below were set by hand (reading the errors of eval/contradictions), not grid-searched.
NEAR_COPY_SIM = 0.6  # one sentence rewritten with other numbers ("aged 24" vs "aged 27"): a conflict
NEAR_COPY_OVERLAP = 0.8  # share of the non-number terms the two sentences have in common
NAME_WEIGHT = 0.5  # weight of terms inside person / organisation names, relative to other terms
CANDIDATE_SIM = min(SAME_SIM_WITH_SLOTS, NUMBER_TOPIC_SIM)  # ordinal pairs are blocked on their own
# A claim whose every dated happening ended more than this many days before the event's date is background
# ("a rocket attack in mid-February" in a report of a March attack); background and main-event claims are
# not compared.  Set by hand on the sample corpus (a morning-after report still dates the event the day before).
BACKGROUND_GAP_DAYS = 2
# A disputed claim lists at most this many of its conflicts as sentence pairs (`more_disputes` counts the rest): an
# event of 60 articles giving three death tolls would otherwise list thousands.  Set by hand for a readable brief.
MAX_DISPUTE_PAIRS = 5

# Counted nouns that stand for people: their counts are compared as casualties, not as quantities.
PERSON_NOUNS = frozenset(
    "people person persons man men woman women others other victim victims child children teen teens "
    "teenager teenagers boy boys girl girls adult adults resident residents individual individuals "
    "suspect suspects officer officers student students one".split()
)


@dataclass(frozen=True)
class ClaimFacts:
    """What the comparison needs of one claim (plain values, no Doc)."""

    span: Span
    terms: tuple[str, ...]
    counts: Mapping[str, tuple[tuple[float, str], ...]]
    dates: frozenset[str]
    month_days: frozenset[str]
    weekdays: frozenset[str]
    places: frozenset[str]
    ordinals: tuple[tuple[str, int], ...]
    polarity: str
    hedged: bool
    # the sentence dates two happenings apart ("two days before the Pope arrives on Friday"): its weekdays and
    # days of the month may be the other happening's, so only its resolved dates (offsets applied) are compared
    dates_two_happenings: bool = False
    vague_numbers: frozenset[str] = frozenset()  # number terms read from vague words ("dozens" -> "12")
    negated: frozenset[str] = frozenset()  # what its main statement negates (canonical lemmas), if a word does


def _kind(what: str) -> str:
    w = what.lower().strip()
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


# "two days before", "a week after", "three days earlier": a span between two happenings of one sentence.
_OFFSET_WORD = re.compile(r"\b(?:before|after|earlier|later|ahead|prior)\b", re.IGNORECASE)
_DAYS_OR_WEEKS = re.compile(r"PT?(\d+)([DWH])")
_OFFSET_LOOKAHEAD = 12  # characters after a duration where its "after" / "earlier" is looked for


def _offsets(times: Sequence[TimeEx], claim: Span) -> set[int]:
    """The day counts of a sentence's offsets between happenings ("two days before": 2, "a week after": 7, "48
    hours earlier": 2); the word that makes a span an offset may follow it ("two days | after the shooting")."""
    out = set()
    for t in times:
        m = _DAYS_OR_WEEKS.fullmatch(t.value or "") if t.kind == "duration" else None
        if not m:
            continue
        n, unit = int(m.group(1)), m.group(2)
        if unit == "H" and n % 24:
            continue
        after = claim.text[t.span.end - claim.start:][:_OFFSET_LOOKAHEAD]
        if _OFFSET_WORD.search(t.span.text) or _OFFSET_WORD.match(after.lstrip()):
            out.add(n * 7 if unit == "W" else n // 24 if unit == "H" else n)
    return out


def _offset_dates(times: Sequence[TimeEx], offsets: set[int]) -> set[str]:
    """The days a sentence's offsets lead to from its dated days, both ways ("the attack came two days before
    the Pope arrives on Friday" dates the attack on Wednesday too), so that the two happenings one sentence
    dates apart are not read as a disagreement with a sentence that dates the other one."""
    out = set()
    for t in times if offsets else ():
        if t.kind in ("date", "time") and t.value and t.precision == "day":
            try:
                day = date.fromisoformat(_day_of(t.value))
            except ValueError:
                continue
            for n in offsets:
                out.update(((day - timedelta(days=n)).isoformat(), (day + timedelta(days=n)).isoformat()))
    return out


def facts_of(claim: Claim, times: Sequence[TimeEx] | None = None) -> ClaimFacts:
    """The comparable view of a claim, from its JSON slots.

    `times` are the time expressions inside the claim as fusion sees them: for an article whose publication
    date was inferred from the other articles of its event, they are re-resolved against that date, while the
    slots were filled when the article had none.
    """
    slots = claim.slots
    dates = slots.get("dates", ())
    offsets = _offsets(times, claim.span) if times is not None else set()
    if times is not None:
        dates = sorted({t.value for t in times if t.value and t.precision == "day"} | _offset_dates(times, offsets))
    counts: dict[str, list[tuple[float, str]]] = {}
    for c in slots.get("casualties", ()):
        if c.get("value") is not None and not is_vague(c.get("text") or ""):  # "dozens" (12, a floor) denies no count
            counts.setdefault(c["kind"], []).append((float(c["value"]), c.get("qualifier") or "exact"))
    for q in slots.get("numbers", ()):
        kind = _kind(q.get("what") or "")
        if q.get("unit") and kind != q["unit"]:
            kind = f"{q['unit']} {kind}"  # "122mm rockets" measures rockets; it does not count them
        written = q.get("text") or ""
        if kind and kind not in PERSON_NOUNS and f"{kind}s" not in PERSON_NOUNS and q.get("value") is not None \
                and not is_vague(written):
            at = claim.span.text.find(written) if written else -1
            done = happening(claim.span.text, at, at + len(written), q.get("what") or "") if at >= 0 else None
            if done:
                kind = f"{kind} {done}"  # "arrested 37 protesters" and "thousands of protesters" count two things
            counts.setdefault(kind, []).append((float(q["value"]), q.get("qualifier") or "exact"))
    return ClaimFacts(
        span=claim.span,
        terms=tuple(slots.get("terms", ())),
        counts={k: tuple(v) for k, v in counts.items()},
        dates=frozenset(dates),
        month_days=frozenset(slots.get("month_days", ())),
        weekdays=frozenset(slots.get("weekdays", ())),
        places=frozenset(p["key"] for p in slots.get("places", ())),
        ordinals=tuple((o.get("what") or "", int(o["value"])) for o in slots.get("ordinals", ())),
        polarity=claim.polarity,
        hedged=claim.hedged,
        dates_two_happenings=bool(offsets),
        negated=frozenset(slots.get("negated", ())),
        vague_numbers=frozenset(
            _number_term(float(x["value"])) for x in (*slots.get("numbers", ()), *slots.get("casualties", ()))
            if x.get("value") is not None and is_vague(x.get("text") or "")
        ),
    )


def count_conflict(a: ClaimFacts, b: ClaimFacts) -> str | None:
    """The kind whose counts cannot both be true (no reported value of one side fits the other)."""
    for kind in a.counts.keys() & b.counts.keys():
        if not any(counts_compatible(x, y) for x in a.counts[kind] for y in b.counts[kind]):
            return kind
    return None


def shares_count(a: ClaimFacts, b: ClaimFacts) -> bool:
    return any(counts_compatible(x, y) for kind in a.counts.keys() & b.counts.keys() for x in a.counts[kind] for y in b.counts[kind])


def ordinal_conflict(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Different ordinal counts of one thing ("the second attack this month" vs "the fourth")."""
    if not a.ordinals or not b.ordinals:
        return False
    pairs = [(x, y) for x in a.ordinals for y in b.ordinals if x[0] == y[0] or not x[0] or not y[0]]
    return bool(pairs) and not any(x[1] == y[1] for x, y in pairs)


def _is_number(term: str) -> bool:
    return term.replace(".", "", 1).isdigit()


def _number_term(value: float) -> str:
    """A whole number as the claim terms write it ("12"); vague counts ("dozens") are whole numbers."""
    return str(int(value)) if value.is_integer() else str(value)


def _number_neighbours(terms: tuple[str, ...], numbers: set[str]) -> set[tuple[str, str]]:
    """(number, word beside it) for each of `numbers` in the term sequence: what the number counts or qualifies."""
    out = set()
    for k, t in enumerate(terms):
        if t in numbers:
            for step in (-1, 1):  # the nearest word each way, past a list of numbers ("ages 14, 11, 7 and 3")
                n = k + step
                while 0 <= n < len(terms) and _is_number(terms[n]):
                    n += step
                if 0 <= n < len(terms):
                    out.add((t, terms[n]))
    return out


def number_rewrite(a: ClaimFacts, b: ClaimFacts) -> bool:
    """The same sentence with a number replaced: near-identical words, each side with a number the other lacks,
    and a number of each side standing by the same word ("three victims" / "six victims"; not "four civilian
    contractors were injured" / "one contractor killed and five people wounded")."""
    na = {t for t in a.terms if _is_number(t)} - a.vague_numbers  # "dozens" (12, a floor) is no figure to rewrite
    nb = {t for t in b.terms if _is_number(t)} - b.vague_numbers
    if not (na - nb) or not (nb - na):
        return False
    wa = {t for t in a.terms if not _is_number(t)}
    wb = {t for t in b.terms if not _is_number(t)}
    if not (wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= NEAR_COPY_OVERLAP):
        return False
    beside_a = {w for _, w in _number_neighbours(a.terms, na - nb)}
    return bool(beside_a & {w for _, w in _number_neighbours(b.terms, nb - na)})


def _day_of(value: str) -> str:
    """The calendar day of a resolved value: "2021-03-03TMO" and "2021-03-03T07:20" are both "2021-03-03"."""
    return value.split("T", 1)[0]


def dates_meet(x: frozenset[str], y: frozenset[str]) -> bool:
    """Whether some date of one side and some date of the other name the same day."""
    return bool({_day_of(v) for v in x} & {_day_of(v) for v in y})


def date_conflict(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both sentences date their statement and the dates (or weekdays, or days of month) do not meet.

    Resolved dates are compared by day, so "Wednesday morning" (2021-03-03TMO) and "early on
    Wednesday" (2021-03-03) agree.  A sentence that dates two happenings apart ("two days before the Pope
    arrives on Friday") is compared by its resolved dates only, its offsets applied both ways.
    """
    if a.dates and b.dates and not dates_meet(a.dates, b.dates):
        return True
    if a.dates_two_happenings or b.dates_two_happenings:
        return False
    for x, y in ((a.month_days, b.month_days), (a.weekdays, b.weekdays)):
        if x and y and not (x & y):
            return True
    return False


def _negates_the_other(a: ClaimFacts, b: ClaimFacts) -> bool:
    """The negative sentence denies what the other states: the word it negates is one of the other's terms
    ("were not taken" against "were taken"), or no single word is negated ("no one was hurt")."""
    neg, pos = (a, b) if a.polarity == "negative" else (b, a)
    return not neg.negated or bool(neg.negated & {t.removeprefix(NAME_PREFIX) for t in pos.terms})


def relate(a: ClaimFacts, b: ClaimFacts, sim: float) -> tuple[str, str | None]:
    """The relation of two claims (same / contradicts / unrelated) and, for a conflict, its reason."""
    if sim >= NUMBER_TOPIC_SIM:
        kind = count_conflict(a, b)
        if kind is not None:
            return CONTRADICTS, f"count of {kind}"
    if sim >= NEAR_COPY_SIM and number_rewrite(a, b):
        return CONTRADICTS, "number"
    if sim >= ORDINAL_TOPIC_SIM and ordinal_conflict(a, b):
        return CONTRADICTS, "ordinal"
    if sim >= NEGATION_SIM and a.polarity != b.polarity and _negates_the_other(a, b):
        return CONTRADICTS, "negation"
    if sim >= DATE_TOPIC_SIM and date_conflict(a, b):
        return CONTRADICTS, "date"
    if sim >= SAME_SIM:
        return SAME, None
    if sim >= SAME_SIM_WITH_SLOTS and (
        shares_count(a, b) or dates_meet(a.dates, b.dates) or (a.month_days & b.month_days) or (a.places & b.places)
    ):
        return SAME, None
    return UNRELATED, None


def term_matrix(facts: Sequence[ClaimFacts]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows over the claims' terms (fitted on these claims only)."""
    if not facts:
        return sparse.csr_matrix((0, 0))
    x = tfidf_rows([f.terms for f in facts], weight=_term_weight)
    return x if x is not None else sparse.csr_matrix((len(facts), 1))  # every claim without terms


def _term_weight(term: str) -> float:
    return NAME_WEIGHT if term.startswith(NAME_PREFIX) else 1.0


def candidate_pairs(x: sparse.csr_matrix, min_sim: float, chunk: int = 512) -> list[tuple[int, int, float]]:
    """Pairs i < j whose cosine reaches `min_sim`, by a chunked sparse product (the blocking step)."""
    out: list[tuple[int, int, float]] = []
    n = x.shape[0]
    xt = x.T.tocsc()
    for lo in range(0, n, chunk):
        block = (x[lo:lo + chunk] @ xt).tocoo()
        keep = (block.data >= min_sim) & (block.row + lo < block.col)
        out.extend(zip((block.row[keep] + lo).tolist(), block.col[keep].tolist(), block.data[keep].tolist()))
    return out


def classify_pairs(pairs: Sequence[tuple[Claim, Claim]]) -> list[str]:
    """The relation of each claim pair, with TF-IDF fitted on all the claims given (for evaluation)."""
    facts = [facts_of(c) for pair in pairs for c in pair]
    x = term_matrix(facts)
    out = []
    for k in range(len(pairs)):
        i, j = 2 * k, 2 * k + 1
        sim = float(x[i].multiply(x[j]).sum()) if x.shape[1] else 0.0
        out.append(relate(facts[i], facts[j], sim)[0])
    return out


def _span_key(s: Span) -> tuple[str, int, int]:
    return (s.article, s.start, s.end)


def background_spans(analysis: Analysis, event_date: str | None) -> list[tuple[int, int]]:
    """(start, end) of the body sentences of an article that only date happenings well before the event's day."""
    event_day = period_end(event_date) if event_date else None
    return recalled_sentences(analysis, event_day, BACKGROUND_GAP_DAYS) if event_day else []


def _times_within(analysis: Analysis, span: Span) -> list[TimeEx] | None:
    if not analysis.times:
        return None  # no time stage ran (or nothing dated): the claim's own slots stand
    return [t for t in analysis.times if span.start <= t.span.start < span.end]


def align_claims(
    analyses: Sequence[Analysis], groups: Mapping[str, str], event_date: str | None = None
) -> list[dict[str, Any]]:
    """The event's claims, each with supporting and contradicting spans across articles and a status.

    With the event's date, claims that only recall earlier happenings are compared with each other, not with
    claims about the event.  Rows are ordered: disputed first, then by independent sources, then by first
    appearance.
    """
    items: list[tuple[int, Claim]] = [(ai, c) for ai, a in enumerate(analyses) for c in a.claims]
    if not items:
        return []
    facts = [facts_of(c, _times_within(analyses[ai], c.span)) for ai, c in items]
    recalled = {(ai, s) for ai, a in enumerate(analyses) for s, _ in background_spans(a, event_date)}
    background = [(ai, c.span.start) in recalled for ai, c in items]  # a claim is one body sentence
    # One article: nothing to align (an article neither corroborates nor contradicts itself).
    several = len(analyses) > 1
    x = term_matrix(facts) if several else sparse.csr_matrix((len(items), 1))
    same_edges: dict[int, list[tuple[float, int]]] = {}
    conflicts: list[tuple[int, int, str]] = []
    pairs = candidate_pairs(x, CANDIDATE_SIM) if several else []
    seen = {(i, j) for i, j, _ in pairs}
    with_ordinals = [i for i, f in enumerate(facts) if f.ordinals] if several else []  # few: all against all
    for n, i in enumerate(with_ordinals):
        for j in with_ordinals[n + 1:]:
            if (i, j) not in seen:
                pairs.append((i, j, float(x[i].multiply(x[j]).sum())))
    for i, j, sim in pairs:
        if items[i][0] == items[j][0]:
            continue  # an article does not corroborate or contradict itself
        if background[i] != background[j]:
            continue  # an earlier happening and this event: neither restates nor contradicts the other
        rel, why = relate(facts[i], facts[j], sim)
        if rel == SAME:
            same_edges.setdefault(j, []).append((sim, i))
            same_edges.setdefault(i, []).append((sim, j))
        elif rel == CONTRADICTS:
            conflicts.append((i, j, why or ""))

    # Greedy grouping in reading order: a claim joins the group whose first claim it restates best.
    cluster_of: dict[int, int] = {}
    reps: list[int] = []
    for i in range(len(items)):
        best = None
        for sim, j in sorted(same_edges.get(i, ()), reverse=True):
            if j < i and j in cluster_of and reps[cluster_of[j]] == j:
                best = cluster_of[j]
                break
        if best is None:
            cluster_of[i] = len(reps)
            reps.append(i)
        else:
            cluster_of[i] = best
    members: dict[int, list[int]] = {}
    for i, c in cluster_of.items():
        members.setdefault(c, []).append(i)
    against: dict[int, dict[int, str]] = {}
    pairs_of: dict[int, set[tuple[int, int, str]]] = {}  # group -> (its member, the claim against it, reason)
    for i, j, why in conflicts:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        against.setdefault(ci, {})[j] = why
        against.setdefault(cj, {})[i] = why
        pairs_of.setdefault(ci, set()).add((i, j, why))
        pairs_of.setdefault(cj, set()).add((j, i, why))

    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for c, idxs in members.items():
        rep_claim = items[reps[c]][1]
        support = [items[i][1].span for i in idxs]
        contra_idx = sorted(against.get(c, {}))
        contradict = [items[i][1].span for i in contra_idx]
        support_articles = list(dict.fromkeys(s.article for s in support))
        contra_all = list(dict.fromkeys(s.article for s in contradict))
        contra_articles = [a for a in contra_all if a not in support_articles]
        independent = len({groups.get(a, a) for a in support_articles})
        status = "disputed" if contradict else ("corroborated" if independent >= 2 else "single-source")
        slots = {k: v for k, v in rep_claim.slots.items() if k not in ("terms",)}
        # each conflict once per wording (copies and repeats of one sentence say it once), the first few kept
        disputes, worded = [], set()
        for i, j, why in sorted(pairs_of.get(c, ())):
            said, other = items[i][1].span, items[j][1].span
            if (said.text, other.text, why) not in worded:
                worded.add((said.text, other.text, why))
                disputes.append({"said": said.to_json(), "against": other.to_json(), "reason": why})
        row = {
            "text": rep_claim.span.text,
            "support": [s.to_json() for s in support],
            "contradict": [s.to_json() for s in contradict],
            "independent_sources": independent,
            "status": status,
            "slots": slots,
            "polarity": rep_claim.polarity,
            "hedged": rep_claim.hedged,
            "attribution": rep_claim.attribution,
            "conflicts": sorted(set(against.get(c, {}).values())),
            # each conflict as the two sentences that disagree: the group's member need not be its text
            "disputes": disputes[:MAX_DISPUTE_PAIRS],
            "more_disputes": max(0, len(disputes) - MAX_DISPUTE_PAIRS),
            "background": background[reps[c]],
            # an article that says the claim and, elsewhere, something against it is "mixed" (both are shown)
            "sources": [{"article": a, "stance": "mixed" if a in contra_all else "supports"} for a in support_articles]
            + [{"article": a, "stance": "contradicts"} for a in contra_articles],
        }
        order = (0 if contradict else 1, -independent, reps[c])
        rows.append((order, row))
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]

