"""The command line: thin wrappers over library functions; errors become messages only here.

Exit codes: 0 success (at least one article processed, or nothing new to do);
1 no article could be processed; 2 usage error; 3 database error.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsfuse.errors import E, NewsfuseError

app = typer.Typer(
    name="newsfuse",
    help="Many news reports in, one cited and consolidated record per real-world event out.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_NOTHING_PROCESSED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3


def _echo(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(message, err=True)


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or '-' for JSON Lines on stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for articles.jsonl, events.jsonl, brief.md, report.html, rejected.jsonl, events.csv, events.geojson.")] = Path("out"),
    db: Annotated[Optional[Path], typer.Option("--db", help="SQLite database to create or continue (default OUT/newsfuse.db). An existing one gets the new articles added to its events.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes for the per-article stages (0 = one per core, at most 4).")] = 0,
    length: Annotated[int, typer.Option("--length", help="Sentences in each event's brief.")] = 5,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Reject input files larger than this many bytes.")] = 200 * 1024 * 1024,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Dask scheduler address (tcp://host:8786): run the per-article stages on its workers (needs newsfuse[scale]).")] = None,
) -> None:
    """Read articles, find copies and events, and write the consolidated records."""
    from newsfuse.ingest import IngestOptions, read_inputs
    from newsfuse.model import Article, Rejection
    from newsfuse.pipeline import RunOptions, default_workers, process
    from newsfuse.store.db import Database
    from newsfuse.store.files import write_outputs

    started = time.monotonic()
    _out_dir_or_exit(out)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    files_read: list[str] = []
    with _reading(quiet) as read_one:
        for item in read_inputs(inputs, IngestOptions(max_bytes=max_bytes), files_read=files_read):
            (articles if isinstance(item, Article) else rejections).append(item)
            read_one(isinstance(item, Article))
    db_path = db or out / "newsfuse.db"
    options = RunOptions(workers=workers or default_workers(), brief_length=length, max_bytes=max_bytes, dask_scheduler=dask)
    try:
        with Database(db_path) as database, _progress(quiet, len(articles)) as advance:
            result = process(articles, database, options, progress=advance)
            rejections.extend(result.rejections)
            paths = write_outputs(out, list(database.articles()), list(database.events()),
                                  _all_rejections(database, rejections, files_read))
            counts = database.counts()
    except NewsfuseError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exit_code(exc)) from exc
    rejected = sum(1 for r in rejections if not r.kept)  # (an article a stage failed on is rejected too)
    notes = len(rejections) - rejected
    failed = sum(1 for r in rejections if not r.kept and r.stage != "ingest")
    _echo(
        quiet,
        f"read {len(articles) + rejected - failed} items: {len(articles) - failed} articles kept ({result.new_articles} new), "
        f"{rejected} rejected, {notes} notes; {counts['events']} events from {counts['articles']} articles "
        f"in {time.monotonic() - started:.1f}s",
    )
    _echo(quiet, f"report: {paths['report']}  brief: {paths['brief']}  database: {db_path}")
    if rejected or notes:
        _echo(quiet, f"rejected and notes: {paths['rejected']}")
    if (not articles and rejected) or (failed and not result.new_articles):
        typer.echo(E.E041.format(rejected=rejected, path=paths["rejected"]), err=True)
        raise typer.Exit(EXIT_NOTHING_PROCESSED)
    if not articles and not rejected:
        typer.echo(E.E048.format(inputs=", ".join(inputs)), err=True)
        raise typer.Exit(EXIT_NOTHING_PROCESSED)


# Database errors exit with EXIT_DATABASE, every other coded error with EXIT_USAGE.
_DATABASE_CODES = frozenset({E.E042, E.E043, E.E044})


def exit_code(exc: NewsfuseError) -> int:
    """The exit status of a coded error (see the module docstring)."""
    return EXIT_DATABASE if exc.code in _DATABASE_CODES else EXIT_USAGE


def _run_only(r) -> bool:  # type: ignore[no-untyped-def]
    """A note about this run, not about an input item: the database's (stage "store") or a path not found."""
    return r.stage == "store" or r.code == E.E001.name


def _out_dir_or_exit(out: Path) -> None:
    """Exit with EXIT_USAGE (E046) when the output folder is a file."""
    if out.exists() and not out.is_dir():
        typer.echo(E.E046.format(path=str(out)), err=True)
        raise typer.Exit(EXIT_USAGE)


def _read_database(db: Path, read):  # type: ignore[no-untyped-def]
    """`read(database)` on `db` opened read-only; a missing file or one that is no database exits EXIT_DATABASE (E042)."""
    from newsfuse.store.db import Database

    if not db.exists():
        typer.echo(E.E042.format(path=str(db), reason="no such file"), err=True)
        raise typer.Exit(EXIT_DATABASE)
    try:
        with Database(db, readonly=True) as database:
            return read(database)
    except sqlite3.Error as exc:
        typer.echo(E.E042.format(path=str(db), reason=str(exc)), err=True)
        raise typer.Exit(EXIT_DATABASE) from exc


def _all_rejections(database, run_notes, paths_read=()):  # type: ignore[no-untyped-def]
    """What rejected.jsonl holds: the rejections and notes of the input items the database has read (this run's
    recorded now, replacing those of the files read again), then this run's own notes (`_run_only`)."""
    database.put_rejections((r.to_json() for r in run_notes if not _run_only(r)), paths_read)
    return database.rejections() + [r.to_json() for r in run_notes if _run_only(r)]


class _reading:
    """A live count of the items read so far, while the inputs are read (silent when quiet or not a terminal)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._status = None
        self.articles = self.rejected = 0

    def __enter__(self):  # type: ignore[no-untyped-def]
        if self.quiet or not sys.stderr.isatty():
            return lambda is_article: None
        from rich.console import Console

        self._status = Console(stderr=True).status("reading inputs")
        self._status.__enter__()

        def read_one(is_article: bool) -> None:
            if is_article:
                self.articles += 1
            else:
                self.rejected += 1
            if (self.articles + self.rejected) % 50 == 0:
                self._status.update(f"reading inputs: {self.articles} articles, {self.rejected} rejections and notes")

        return read_one

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.__exit__(*exc)


class _progress:
    """A rich progress bar over articles, silent when quiet or when stderr is not a terminal."""

    def __init__(self, quiet: bool, total: int) -> None:
        self.quiet, self.total = quiet, total
        self._bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if self.quiet or self.total < 20:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"), TimeRemainingColumn(),
            transient=True,
        )
        self._bar.__enter__()
        task = self._bar.add_task("analyse", total=self.total)
        return lambda n: self._bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one line of articles.jsonl and of events.jsonl."""
    from newsfuse.store.schema import contract_schema

    typer.echo(json.dumps(contract_schema(), indent=2))


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", help="The database to read.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
) -> None:
    """Write the files of a database again (articles.jsonl, events.jsonl, events.csv, events.geojson, brief.md, report.html)."""
    from newsfuse.store.files import write_outputs

    articles, events, rejections = _read_database(
        db, lambda database: (list(database.articles()), list(database.events()), database.rejections()))
    _out_dir_or_exit(out)
    paths = write_outputs(out, articles, events, rejections)
    typer.echo(f"report: {paths['report']}  csv: {paths['csv']}", err=True)


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The database to serve (made by `newsfuse run`).")],
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API and the web page over a database."""
    from functools import partial

    from newsfuse.api import serve as serve_app
    from newsfuse.pipeline import ingest_objects

    _read_database(db, lambda database: database.counts())  # a file that is no database stops here, before the banner
    typer.echo(f"serving {db} on http://{host}:{port}/ (API at /api/events, OpenAPI at /openapi.json)", err=True)
    serve_app(str(db), host=host, port=port, ingest=partial(ingest_objects, str(db)))


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch for new input files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder, rewritten after each batch.")] = Path("out"),
    db: Annotated[Optional[Path], typer.Option("--db", help="Database to continue (default OUT/newsfuse.db).")] = None,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between looks at the folder.")] = 5.0,
    once: Annotated[bool, typer.Option("--once", help="Process what is there now, then stop.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Watch a folder and add each new file's articles to the events as it arrives."""
    from newsfuse.ingest import iter_input_files, read_file, unique_ids
    from newsfuse.model import Article, Rejection
    from newsfuse.pipeline import RunOptions, process
    from newsfuse.store.db import Database
    from newsfuse.store.files import write_outputs

    if not folder.is_dir():
        typer.echo((E.E001.format(input=str(folder)) if not folder.exists() else E.E046.format(path=str(folder))), err=True)
        raise typer.Exit(EXIT_USAGE)
    db_path = db or out / "newsfuse.db"
    seen: dict[Path, float] = {}
    while True:
        batch: list[Article] = []
        rejections: list[Rejection] = []
        files_read: list[str] = []
        for entry in iter_input_files([str(folder)]):
            if isinstance(entry, Rejection):
                rejections.append(entry)
                continue
            mtime = entry.stat().st_mtime
            if seen.get(entry) == mtime:
                continue
            seen[entry] = mtime
            files_read.append(str(entry))
            for item in read_file(entry):
                (batch if isinstance(item, Article) else rejections).append(item)
        if batch or rejections:
            batch, renamed = unique_ids(batch, str(folder))
            rejections.extend(renamed)
            with Database(db_path) as database:
                result = process(batch, database, RunOptions())
                write_outputs(out, list(database.articles()), list(database.events()),
                              _all_rejections(database, rejections + result.rejections, files_read))
                counts = database.counts()
            notes = rejections + result.rejections
            rejected = sum(1 for r in notes if not r.kept)
            _echo(quiet, f"added {result.new_articles} articles ({rejected} rejected, {len(notes) - rejected} notes); "
                         f"{counts['events']} events")
        if once:
            return
        time.sleep(interval)


def main() -> None:
    """Entry point of the `newsfuse` command."""
    try:
        app()
    except NewsfuseError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(exit_code(exc))
