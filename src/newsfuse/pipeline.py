"""The whole flow: inputs -> analyses -> copies -> events -> fused records -> files and database.

Per-article work (segment, one spaCy pass, extraction) is a pure function of
one article and runs in a process pool; copies and clustering run in the parent
over the analyses, which carry no spaCy Doc, and the events are then fused on
workers forked from the parent (each event depends on its own articles only).
Event locations then get a second pass (`relocate_events`): each web host's usual
region, learnt from the first-pass locations of all its events in the database,
votes in the locations of its other events; the stored events whose hosts' usual
regions changed are located again, so incremental runs equal one run.
"""

from __future__ import annotations

import gc
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from newsfuse.errors import E, NewsfuseError
from newsfuse.model import Analysis, Article, Rejection
from newsfuse.stages import Stage, default_stages, prepare, run_stages

if TYPE_CHECKING:
    from newsfuse.fuse.where import OutletRegions
    from newsfuse.store.db import Database

ProgressFn = Callable[[int], None]

# Articles sent to a worker at a time: large enough for nlp.pipe batching, small enough for a smooth
# progress bar.  Measured with benchmarks/throughput.py on ../shared/data/gva.
CHUNK_SIZE = 64
# Allocations between collections of the youngest generation in a worker (Python's default: 700).  Measured
# with the collector's own callbacks on 500 GVA articles: 50,000 leaves 4 collections instead of 879.
WORKER_GC_THRESHOLD = 50_000


@dataclass
class RunResult:
    """What a run produced: analyses by article id, events, and every rejection and note."""

    analyses: dict[str, Analysis] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)  # the events this run created or updated
    rejections: list[Rejection] = field(default_factory=list)
    copy_of: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    article_events: dict[str, list[str]] = field(default_factory=dict)
    read: int = 0
    new_articles: int = 0


def _analyse_chunk(articles: Sequence[Article]) -> tuple[list[Analysis], list[Rejection]]:
    """Worker body: segment, parse and extract a chunk of articles; Docs are dropped before returning."""
    from newsfuse.annotate import annotate

    stages = default_stages()
    rejections: list[Rejection] = []
    out: list[Analysis] = []
    prepared: list[Analysis] = []
    for article in articles:
        try:
            prepared.append(prepare(article))
        except Exception as exc:  # noqa: BLE001 - a segmentation bug must not stop the run
            rejections.append(_stage_failure("segment", article, exc))
    try:
        annotated = list(annotate(prepared))
    except Exception:  # noqa: BLE001 - one article spaCy cannot take must not cost the others of its chunk
        # ...unless spaCy takes no article at all (a missing model): that stops the run, as it is no input's fault
        try:
            list(annotate([prepare(Article(id="probe", text="Police said a man was arrested on Friday."))]))
        except Exception as exc:  # noqa: BLE001
            raise NewsfuseError(E.E049, reason=f"{type(exc).__name__}: {exc}") from exc
        annotated = []
        for one in prepared:
            try:
                annotated.extend(annotate([one]))
            except Exception as exc:  # noqa: BLE001
                rejections.append(_stage_failure("annotate", one.article, exc))
    for analysis in annotated:
        analysis = run_stages(analysis, stages, rejections)
        out.append(analysis.with_(doc=None))
    return out, rejections


def _stage_failure(stage: str, article: Article, exc: Exception) -> Rejection:
    from newsfuse.errors import E
    from newsfuse.ingest import input_of

    path, position = input_of(article)
    return Rejection(
        stage=stage,
        code="E030",
        where=path,
        position=f"{position}, article {article.id}" if position else f"article {article.id}",
        message=E.E030.format(stage=stage, reason=f"{type(exc).__name__}: {exc}"),
    )


def _chunks(items: Sequence[Article], size: int, workers: int = 1) -> Iterator[Sequence[Article]]:
    """Chunks of `size` articles, the last `workers` chunks' worth cut in quarters: a worker that finishes
    early then waits for a quarter chunk at most, not a whole one."""
    tail_from = max(0, len(items) - size * workers) if workers > 1 else len(items)
    step = size
    i = 0
    while i < len(items):
        if i >= tail_from:
            step = max(1, size // 4)
        yield items[i : i + step]
        i += step


def _init_worker() -> None:
    from newsfuse.annotate import load_nlp
    from newsfuse.extract.gazetteer import load_gazetteer

    gc.enable()  # a forked worker inherits the parent's paused collector; spaCy's objects need it
    load_nlp()
    load_gazetteer()
    # The model and the gazetteer live as long as the worker: moved out of the collector's sight, they are not
    # traversed by every full collection (7% less CPU per article on 200 GVA articles, benchmarks/throughput).
    gc.freeze()
    # Parsing makes few reference cycles: collect the youngest generation every WORKER_GC_THRESHOLD allocations
    # instead of 700 (collector time 1.2 -> 0.2 ms per article on 500 GVA articles).
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def analyse_articles(
    articles: Sequence[Article],
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> tuple[list[Analysis], list[Rejection]]:
    """Run every per-article stage; results keep the input order whatever the number of workers."""
    analyses: list[Analysis] = []
    rejections: list[Rejection] = []
    chunks = list(_chunks(articles, CHUNK_SIZE, workers))
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            done, rej = _analyse_chunk(chunk)
            analyses.extend(done)
            rejections.extend(rej)
            if progress:
                progress(len(chunk))
        return analyses, rejections
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for chunk, (done, rej) in zip(chunks, pool.map(_analyse_chunk, chunks)):
            analyses.extend(done)
            rejections.extend(rej)
            if progress:
                progress(len(chunk))
    return analyses, rejections


def default_workers() -> int:
    """One worker per core, at most 4 (each holds a spaCy model, about 200 MB)."""
    return max(1, min(4, os.cpu_count() or 1))


def event_id_for(seed_article_id: str) -> str:
    """An event's id comes from the first article that opened it, so it survives later additions."""
    return "ev-" + hashlib.sha1(seed_article_id.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# The run: ingest -> analyse -> copies -> cluster -> fuse -> store


STATE_COPIES = "copies"
STATE_CLUSTERER = "clusterer"


# Seconds to wait for a Dask scheduler before the run stops with E047 (set by hand: a scheduler on the network
# answers in well under a second).
DASK_CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    brief_length: int = 5
    max_bytes: int = 200 * 1024 * 1024
    dask_scheduler: str | None = None  # address of a Dask scheduler: per-article stages run on its workers


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a run builds its many small, acyclic model objects.

    The parent unpickles about 215 objects per article from the workers and keeps them all; each
    collection would walk them again.  Reference counting still frees everything; the collector is
    restored (not forced) afterwards.  Measured on 300 GVA analyses: unpickling 2.3 -> 0.8 ms each.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def arrival_order(analyses: Iterable[Analysis]) -> list[Analysis]:
    """The order articles are fed to the online clusterer: by publication date, then input order.

    Undated articles keep their input position after the dated ones of the same batch, so one run over
    all inputs and incremental runs of later batches see the same order.
    """
    items = list(analyses)
    index = {a.id: i for i, a in enumerate(items)}
    return sorted(items, key=lambda a: (a.reference_date or "9999", index[a.id]))


# Events fused per forked worker task: small enough to balance events of very different sizes.  Set by
# hand, not tuned (output does not depend on it; benchmarks/throughput.py measured the pool with 48).
FUSE_CHUNK = 48
# Below this many events fusion runs in the parent: forking a pool is not worth it for a few events.  Set by
# hand, not tuned (output does not depend on it); the sample corpus and small API posts stay in-process.
MIN_PARALLEL_EVENTS = 200

# What forked fusion workers read: the parent sets it just before forking, so the analyses reach the
# children through copy-on-write memory instead of being pickled to them.
_FUSION_STATE: dict[str, object] = {}


def _fuse_one(event_id: str, members: Sequence[str]) -> tuple[str, dict, list[tuple[str, dict]]]:
    """One event's record, and the article records of its members as this event sees them."""
    from newsfuse.fuse import build_event, canonical_order
    from newsfuse.fuse.when import with_inferred
    from newsfuse.store.records import article_record

    state = _FUSION_STATE
    by_id: dict[str, Analysis] = state["by_id"]  # type: ignore[assignment]
    group: dict[str, str] = state["group"]  # type: ignore[assignment]
    copy_of: dict[str, str | None] = state["copy_of"]  # type: ignore[assignment]
    article_events: dict[str, list[str]] = state["article_events"]  # type: ignore[assignment]
    # Undated articles take a date their event's other articles support, and their times are re-resolved.
    # This view is recomputed from the stored per-article analyses at every fusion, so the result depends
    # on the event's members only, not on the batches they arrived in.
    member_analyses = with_inferred(canonical_order([by_id[m] for m in members]))
    event = build_event(event_id, member_analyses, group, brief_length=state["brief_length"])  # type: ignore[arg-type]
    records = [(a.id, article_record(a, article_events[a.id], copy_of.get(a.id))) for a in member_analyses]
    return event_id, event, records


def _fuse_chunk(items: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, dict, list[tuple[str, dict]]]]:
    return [_fuse_one(event_id, members) for event_id, members in items]


def fuse_events(
    plan: Sequence[tuple[str, Sequence[str]]],
    by_id: dict[str, Analysis],
    group: dict[str, str],
    copy_of: dict[str, str | None],
    article_events: dict[str, list[str]],
    brief_length: int,
    workers: int,
    min_parallel: int = MIN_PARALLEL_EVENTS,
) -> Iterator[tuple[str, dict, list[tuple[str, dict]]]]:
    """Fuse each planned event (id, member ids), in plan order, on forked workers when it pays.

    Every event depends on its own members only, so the result is the same with any number of workers.
    Forking shares the analyses with the workers without pickling them (pickling them cost as much as
    the fusion saved); where fork is unavailable, or for a few events, fusion runs here.
    """
    import multiprocessing

    _FUSION_STATE.update(
        by_id=by_id, group=group, copy_of=copy_of, article_events=article_events, brief_length=brief_length
    )
    try:
        parallel = workers > 1 and len(plan) >= min_parallel and "fork" in multiprocessing.get_all_start_methods()
        if not parallel:
            for event_id, members in plan:
                yield _fuse_one(event_id, members)
            return
        chunks = [plan[i : i + FUSE_CHUNK] for i in range(0, len(plan), FUSE_CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for done in pool.map(_fuse_chunk, chunks):
                yield from done
    finally:
        _FUSION_STATE.clear()


def process(
    articles: Sequence[Article],
    db: "Database",
    options: RunOptions = RunOptions(),
    progress: ProgressFn | None = None,
    precomputed: Sequence[Analysis] | None = None,
) -> RunResult:
    """Add articles to the database: analyse the new ones, update copies and events, re-fuse what changed.

    `precomputed` holds analyses already made for these articles (an evaluation cache); they are used as they are.
    """
    with gc_paused():
        return _process(articles, db, options, progress, precomputed)


META_ANALYSIS_CODE = "analysis_code"


@lru_cache(maxsize=1)
def analysis_code() -> str:
    """A fingerprint of the code that makes analyses, copies and events (the package's own sources)."""
    h = hashlib.sha1()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in _NOT_ANALYSIS_CODE:
            continue
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


# Packages that only present stored results: changing them does not make stored analyses stale.
_NOT_ANALYSIS_CODE = frozenset({"api", "web", "cli", "brief", "store", "scale"})


def _check_analysis_code(db: "Database", stored_articles: int) -> list[Rejection]:
    """A note when the database's articles were analysed by other code (their analyses are kept, not redone)."""
    current = analysis_code()
    stored = db.get_meta(META_ANALYSIS_CODE)
    if not stored_articles:
        db.put_meta(META_ANALYSIS_CODE, current)
        return []
    stored = stored or "unknown"  # a database from before the fingerprint was kept
    if stored == current:
        return []
    message = E.E043.format(path=str(db.path), stored=stored, current=current, count=stored_articles)
    return [Rejection(stage="store", code=E.E043.name, where=str(db.path), message=message, kept=True)]


def _new_articles(articles: Sequence[Article], db: "Database", known: set[str]) -> tuple[list[Article], list[Rejection]]:
    """The articles of a batch the database does not hold yet.

    An article is already held when the database has its exact text under its id or under another name of that
    id ("1", "1~2", ...: the names repeated ids are given), whatever the order its inputs were read in; a rerun
    over the same inputs adds nothing.  An id the database holds with another text is a different article under
    a reused id ("1" in each day's file): it is kept under the first free "<id>~k", with a note (E045).  One
    indexed lookup of the text's hash per article whose id is already taken."""
    from newsfuse.ingest import UniqueIds, _warn, id_root, input_of, unique_ids

    notes: list[Rejection] = []
    if len({a.id for a in articles}) < len(articles):  # (callers of the library make them unique; if not, here)
        articles, notes = unique_ids(articles, "batch")
    ids = UniqueIds(known)
    fresh: list[tuple[int, Article]] = []
    pending: list[tuple[int, Article]] = []
    for i, a in enumerate(articles):
        root = id_root(a.id)
        stored = [x for x in db.ids_with_text(a.text) if id_root(x) == root] if a.id in known or root != a.id else []
        if stored:  # stored before, under this name or another of the same id
            if a.id not in stored:  # said again at each reading of its input, which replaces that input's notes
                where, position = input_of(a)
                notes.append(_warn(where, E.E009, position, id=a.id, stored=sorted(stored)[0]))
            continue
        if a.id in known:
            pending.append((i, a))  # renamed below, once this batch's own free ids are taken
        else:
            ids.taken.add(a.id)
            fresh.append((i, a))
    for i, a in pending:
        renamed, note = ids.claim(a, *input_of(a), code=E.E045)
        notes.append(note)
        fresh.append((i, renamed))
    fresh.sort(key=lambda x: x[0])
    return [a for _, a in fresh], notes


def _process(
    articles: Sequence[Article],
    db: "Database",
    options: RunOptions,
    progress: ProgressFn | None,
    precomputed: Sequence[Analysis] | None,
) -> RunResult:
    import pickle

    from newsfuse.cluster import OnlineClusterer
    from newsfuse.copies import CopyIndex, find_copies
    result = RunResult(read=len(articles))
    known = set(db.article_ids())
    result.rejections.extend(_check_analysis_code(db, len(known)))
    state = db.get_state(STATE_CLUSTERER)  # read before any analysis: a state it cannot continue stops the run now
    try:
        clusterer = OnlineClusterer.load(state) if state else OnlineClusterer()
    except ValueError as exc:  # a state written by an older clusterer: events cannot be continued
        raise NewsfuseError(E.E044, path=str(db.path), reason=str(exc)) from exc
    fresh, notes = _new_articles(articles, db, known)
    result.rejections.extend(notes)
    if progress and len(fresh) < len(articles):
        progress(len(articles) - len(fresh))
    ready = {a.id: a for a in precomputed or ()}
    todo = [a for a in fresh if a.id not in ready]
    if options.dask_scheduler and todo:
        from distributed import Client

        from newsfuse.scale import analyse_on_dask

        try:
            client = Client(options.dask_scheduler, timeout=DASK_CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:  # (ValueError: not an address)
            raise NewsfuseError(E.E047, address=options.dask_scheduler, reason=str(exc) or type(exc).__name__) from exc
        with client:
            analysed, rejections = analyse_on_dask(todo, client, progress=progress)
    else:
        analysed, rejections = analyse_articles(todo, workers=options.workers, progress=progress)
    done = {a.id: a for a in analysed} | ready
    analyses = [done[a.id] for a in fresh if a.id in done]
    result.rejections.extend(rejections)
    result.new_articles = len(analyses)

    # Copies: against every article seen before, through the stored index.
    state = db.get_state(STATE_COPIES)
    copy_state = pickle.loads(state) if state else {"index": None, "copy_of": {}, "group": {}}
    index = CopyIndex.from_bytes(copy_state["index"]) if copy_state["index"] else CopyIndex()
    copies = find_copies(analyses, existing=index)  # updates the index in place
    copy_of: dict[str, str | None] = {**copy_state["copy_of"], **copies.copy_of}
    group: dict[str, str] = {**copy_state["group"], **copies.group}

    # Events: the online clusterer continues from its stored state.
    touched: set[str] = set()
    for analysis in arrival_order(analyses):
        touched.add(clusterer.add(analysis, group.get(analysis.id, analysis.id)))
    touched |= clusterer.take_revised()  # events a split changed, the parts split off included

    members_by_key = clusterer.events()
    new_ids = {a.id for a in analyses}
    wanted = {m for key in touched for m in members_by_key.get(key, ()) if m not in new_ids}
    stored = {a.id: a for a in db.analyses(sorted(wanted))}  # only the earlier members of events to re-fuse
    by_id = {**stored, **{a.id: a for a in analyses}}
    seq = {aid: i for i, aid in enumerate(db.article_ids())}
    next_seq = len(seq)
    for a in analyses:
        seq[a.id] = next_seq
        next_seq += 1

    # Re-fuse the events that received articles; the others keep their stored records. An event's id comes
    # from its first article, and later articles arrive later, so ids never change and nothing is deleted.
    plan: list[tuple[str, list[str]]] = []
    article_events: dict[str, list[str]] = {}
    for key in sorted(touched, key=lambda k: min(seq[m] for m in members_by_key[k] if m in seq)):
        members = sorted((m for m in members_by_key[key] if m in by_id), key=lambda m: seq[m])
        event_id = event_id_for(members[0])
        plan.append((event_id, members))
        for m in members:
            article_events.setdefault(m, []).append(event_id)
    events: dict[str, dict] = {}
    records: dict[str, dict] = {}  # an article in several events keeps the record of the last one, as before
    for event_id, event, member_records in fuse_events(
        plan, by_id, group, copy_of, article_events, options.brief_length, options.workers
    ):
        events[event_id] = event
        records.update(member_records)
    relocated = relocate_events(db, plan, events, by_id, options.workers)

    # Store: per-article analyses as the stages made them, and the article records as the events see them.
    for aid in sorted(article_events, key=lambda x: seq[x]):
        db.put_analysis(by_id[aid])
        db.put_article(seq[aid], records[aid])
    db.put_events(events[k] for k in sorted(events))
    db.put_events(relocated[k] for k in sorted(relocated))
    copy_state = {"index": index.to_bytes(), "copy_of": copy_of, "group": group}
    db.put_state(STATE_COPIES, pickle.dumps(copy_state, protocol=pickle.HIGHEST_PROTOCOL))
    db.put_state(STATE_CLUSTERER, clusterer.dump())

    result.analyses = {a.id: a for a in analyses}
    result.events = list(events.values()) + list(relocated.values())
    result.copy_of, result.groups, result.article_events = copy_of, group, article_events
    return result


# ---------------------------------------------------------------------------------------------
# Outlet regions: the second pass of the event locations

STATE_OUTLET_REGIONS = "outlet_regions"


def _load_outlet_regions(db: "Database") -> tuple["OutletRegions", dict[str, dict[str, tuple]]]:
    """The stored outlet regions (each event's first-pass region and hosts) and the outlet homes each stored event
    was located with.  A database from before they were kept gets them from its stored events, whose locations
    were then single-pass (located with no homes)."""
    import json

    from newsfuse.fuse.where import OutletRegions, event_hosts, first_pass_region

    state = db.get_state(STATE_OUTLET_REGIONS)
    if state is not None:
        data = json.loads(state.decode("utf-8"))
        used = {k: {h: (r[0], r[1]) for h, r in homes.items()} for k, homes in data["homes"].items()}
        return OutletRegions.from_json(data["regions"]), used
    regions = OutletRegions()
    for event in db.events():
        members = list(db.analyses(event["articles"]))
        regions.set_event(event["id"], first_pass_region(event.get("location") or {}), event_hosts(members))
    return regions, {}


def _store_outlet_regions(db: "Database", regions: "OutletRegions", used: dict[str, dict[str, tuple]]) -> None:
    import json

    data = {"regions": regions.to_json(),
            "homes": {k: {h: list(r) for h, r in sorted(homes.items())} for k, homes in sorted(used.items()) if homes}}
    db.put_state(STATE_OUTLET_REGIONS, json.dumps(data, sort_keys=True).encode("utf-8"))


def _locate_chunk(items: Sequence[tuple[str, Sequence[str], dict]]) -> list[tuple[str, dict]]:
    """Worker body: second-pass locations of events (id, member ids, outlet homes), analyses from `_FUSION_STATE`."""
    from newsfuse.fuse.where import event_location

    by_id: dict[str, Analysis] = _FUSION_STATE["by_id"]  # type: ignore[assignment]
    return [(key, event_location([by_id[m] for m in members], homes)) for key, members, homes in items]


def _second_pass(jobs: list[tuple[str, Sequence[str], dict]], by_id: dict[str, Analysis], workers: int,
                 min_parallel: int = MIN_PARALLEL_EVENTS) -> dict[str, dict]:
    """Second-pass locations of this run's events, on forked workers when there are many (as `fuse_events`)."""
    import multiprocessing

    _FUSION_STATE.update(by_id=by_id)
    try:
        if workers <= 1 or len(jobs) < min_parallel or "fork" not in multiprocessing.get_all_start_methods():
            # Latest fused first: their articles' place votes are still in fuse.where's memo (GATHERED_KEPT).
            return dict(_locate_chunk(jobs[::-1]))
        chunks = [jobs[i : i + FUSE_CHUNK] for i in range(0, len(jobs), FUSE_CHUNK)]
        out: dict[str, dict] = {}
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for done in pool.map(_locate_chunk, chunks):
                out.update(done)
        return out
    finally:
        _FUSION_STATE.clear()


def relocate_events(
    db: "Database",
    plan: Sequence[tuple[str, Sequence[str]]],
    events: dict[str, dict],
    by_id: dict[str, Analysis],
    workers: int = 1,
) -> dict[str, dict]:
    """The second pass of the event locations, the same whether the articles came in one run or in several.

    Each event is first located from its own articles (`events`, fused this run).  Its first-pass region is then
    recorded for each web host of its articles (`OutletRegions`, kept in the database), and every event is
    located again with the region each of its hosts' other events were mostly located in (`OutletRegions.homes`).
    An event's second-pass location is a function of its articles and of those homes, which are a function of
    the whole set of events; so after this run's events are recorded, the events to locate again are this run's
    (when they have a home) and the stored events whose homes are no longer the ones they were located with
    (only events of a host whose tallies changed are checked).  `events` get their location and headline
    replaced in place; the stored events located again are returned by id (to store them).
    """
    from newsfuse.fuse import headline_of
    from newsfuse.fuse.where import event_hosts, event_location, first_pass_region

    regions, used = _load_outlet_regions(db)
    changed: set[str] = set()
    for event_id, members in plan:
        changed |= regions.set_event(event_id, first_pass_region(events[event_id]["location"]),
                                     event_hosts([by_id[m] for m in members]))
    members_of = dict(plan)
    stored: dict[str, dict] = {}
    jobs = []
    # This run's events in plan order (the order they were fused in, see `_second_pass`), then the stored ones.
    for key in [k for k, _ in plan] + sorted(regions.events_of(changed) - set(members_of)):
        homes = regions.homes(key)
        if key in members_of:
            if homes:  # the location build_event gave is the first pass
                jobs.append((key, members_of[key], homes))
        elif homes != used.get(key, {}):
            event = db.event(key)
            if event is None:
                continue
            # The stored analyses as they are: a location reads neither times nor publication dates, which is all
            # that fusion's cross-article dating (fuse.when.with_inferred) changes.
            members = list(db.analyses(event["articles"]))
            event["location"] = event_location(members, homes or None)
            event["headline"] = headline_of(event)
            stored[key] = event
        else:
            continue
        if homes:
            used[key] = homes
        else:
            used.pop(key, None)
    for key, location in _second_pass(jobs, by_id, workers).items():
        event = events[key]
        event["location"] = location
        event["headline"] = headline_of(event)
    _store_outlet_regions(db, regions, used)
    return stored


def ingest_objects(db_path: str | Path, objects: Sequence[object], options: RunOptions = RunOptions()) -> dict:
    """Add article objects (the input contract's JSON) to a database: what `POST /api/articles` runs.

    Returns the ids added, the rejections (with their codes) and the ids of the events that now hold them.
    """
    from newsfuse.ingest import article_from_object, load_json_value, unique_ids
    from newsfuse.store.db import Database

    articles: list[Article] = []
    rejected: list[Rejection] = []
    for i, obj in enumerate(objects):
        obj, notes = load_json_value(obj, "api", f"item {i}")
        rejected.extend(notes)
        article, notes = article_from_object(obj, "api", f"item {i}")
        rejected.extend(notes)
        if article is not None:
            articles.append(article)
    articles, renamed = unique_ids(articles, "api")
    rejected.extend(renamed)
    with Database(db_path) as db:
        result = process(articles, db, options)
        db.put_rejections(r.to_json() for r in rejected + result.rejections if r.stage != "store")
    events = sorted({ev for aid in result.analyses for ev in result.article_events.get(aid, [])})
    return {
        "added": list(result.analyses),
        "rejected": [r.to_json() for r in rejected + result.rejections],
        "events": events,
    }
