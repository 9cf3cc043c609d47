"""Every error and rejection message, with its code, in one place.

Codes are stable: users grep logs and `rejected.jsonl` for them, and tests
assert on them.  Add new codes at the end of their block; never reuse one.
"""

from __future__ import annotations

from enum import Enum


class E(str, Enum):
    """Rejection and error codes with their message templates (`str.format` fields)."""

    # E0xx: input that cannot be read
    E001 = "Input path does not exist: {input}"
    E002 = "File is larger than the limit ({size} bytes > {limit} bytes); raise --max-bytes to read it"
    E003 = "File looks binary, not text (NUL bytes or undecodable content)"
    E004 = "File extension {ext!r} is not a supported input (txt, md, html, htm, json, jsonl, jsonl.gz, warc, warc.gz)"
    E005 = "Could not read the file: {reason}"
    E006 = "Compressed file is corrupt or truncated: {reason}"
    E007 = "Line is not valid UTF-8 ({reason}); read as Windows-1252, check its accented characters"
    E008 = "Article text has {size} characters, more than the limit of {limit}; split it into several articles"
    E009 = "Article {id!r} is already in the database as {stored!r} (the same text); not added again"
    # E01x: JSON input
    E010 = "Invalid JSON: {reason}"
    E011 = "JSON value is not an object (got {kind})"
    E012 = "Object has no 'text' field"
    E013 = "Field 'text' is not a string (got {kind})"
    E014 = "Article text is empty or only whitespace"
    E015 = "Field 'published' is not an ISO 8601 date: {value!r}; kept the article with published = null"
    E016 = "Field {field!r} should be a string (got {kind}); ignored"
    E017 = "Duplicate article id {id!r}; the later copy was renamed {new_id!r}"
    E018 = "{count} characters that are not valid Unicode (lone surrogates) replaced with U+FFFD"
    E019 = "Non-standard JSON value(s) {values} read as null"
    # E02x: HTML and WARC
    E020 = "HTML page has no main text that could be extracted"
    E021 = "WARC record could not be parsed: {reason}"
    E022 = "WARC file could not be read: {reason}"
    E023 = "WARC response has HTTP status {status}, not a page of news; skipped"
    # E03x: stages
    E030 = "Stage {stage!r} failed on this article: {reason}"
    E031 = "Stage {stage!r} needs {needs!r}, which no earlier stage sets"
    # E04x: command line and configuration
    E040 = "No input given: pass files, folders or '-' for standard input"
    E041 = "No article could be processed ({rejected} rejected); see {path}"
    E042 = "Database {path} could not be opened: {reason}"
    E043 = ("Database {path} was built by other newsfuse code (analysis code {stored}, now {current}); its {count} "
            "articles keep their stored analyses and events. Give a new --db to analyse everything with this version")
    E044 = "Database {path} holds event clustering state this version cannot continue ({reason}); give a new --db"
    E045 = ("Article id {id!r} is already in the database with another text; the new article was renamed {new_id!r}")
    E046 = "Output folder {path} exists and is not a folder"
    E047 = "Dask scheduler {address} could not be reached: {reason}"
    E048 = "The inputs held no article: {inputs}"
    E049 = "The language model could not analyse a test sentence ({reason}); check the installation (make setup)"
    # E05x: API
    E050 = "Request body is larger than {limit} bytes"
    E051 = "Request body is not valid: {reason}"
    E052 = "No {kind} with id {id!r}"
    E053 = "Invalid query parameter {name!r}: {reason}"
    E054 = "Method {method} is not allowed on {path}"
    E055 = "Internal error while handling the request ({reason}); the server log has details"

    def format(self, **fields: object) -> str:  # type: ignore[override]
        """The message with its code in front: `[E012] Object has no 'text' field`."""
        return f"[{self.name}] {self.value.format(**fields)}"


class NewsfuseError(Exception):
    """An error that reaches the user; carries its code so the CLI and API can report it."""

    def __init__(self, code: E, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(code.format(**fields))
