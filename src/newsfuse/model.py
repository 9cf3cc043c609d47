"""The data model: frozen value objects that every stage reads and returns.

An `Article` plays the part spaCy's `Doc` plays: its `text` is never rewritten,
and every extracted item points back into it through a `Span`.  Per-article
stages add their findings to an `Analysis` (a frozen record replaced stage by
stage); cross-article stages work on lists of analyses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal, Mapping

SentenceRole = Literal["body", "title", "caption", "boilerplate", "duplicate"]
SENTENCE_ROLES: tuple[str, ...] = ("body", "title", "caption", "boilerplate", "duplicate")

TimePrecision = Literal["minute", "hour", "day", "week", "month", "quarter", "season", "year", "decade", "ref", "duration"]
PlacePrecision = Literal["site", "city", "region", "country"]
ActorRole = Literal["perpetrator", "target", "victim", "suspect", "responder", "other"]
ActorStatus = Literal["confirmed", "claimed", "suspected", "denied", "unknown"]
Qualifier = Literal["exact", "at least", "at most", "about"]


@dataclass(frozen=True, slots=True)
class Span:
    """A character (code point) range of one article's text; `text == article.text[start:end]`."""

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article_id: str, text: str, start: int, end: int) -> "Span":
        """Build a span from offsets into `text`, copying the covered text so it cannot drift."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} outside text of length {len(text)}")
        return cls(article_id, start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as read from the input; `text` is kept exactly as read."""

    id: str
    text: str
    source: str = ""
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, as given or extracted from the page
    lang: str | None = None
    author: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or line of the article with its role; text is `article.text[start:end]`."""

    start: int
    end: int
    role: str = "body"
    duplicate_of: int | None = None  # index of the sentence this one repeats, for role "duplicate"


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention (spaCy label or one of our ruler labels)."""

    span: Span
    label: str
    entity: str | None = None  # normalised name used to match mentions across articles


@dataclass(frozen=True, slots=True)
class TimeEx:
    """A time expression normalised the TimeML way (2021-03-03, 2021-W09, 2021-03-03T07:20, PAST_REF)."""

    span: Span
    value: str | None
    precision: str | None
    tz: str | None = None  # "+03:00" when the expression carries or implies a zone
    kind: str = "date"  # date, time, duration, set
    anchored: bool = True  # resolved against a reference date (False when absolute in the text)
    attached: str | None = None  # what the parse says it dates: "event", "event_noun", "report", "stamp" (a page time stamp), or None


@dataclass(frozen=True, slots=True)
class Place:
    """A place name found in the text and, where the gazetteer allows, resolved."""

    span: Span
    name: str
    gazetteer_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: str | None = None  # site, city, region, country
    timezone: str | None = None  # IANA name, for local times


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count with what it counts: "at least 10 rockets", "122mm"."""

    span: Span
    what: str
    value: float
    qualifier: str | None = "exact"
    unit: str | None = None
    # a part of a group named elsewhere ("one of the factions", "three of his tires"): a count a claim can
    # compare, not a quantity of the event
    partitive: bool = False


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    """One statement of people killed or injured; `value` 0 for negations ("no one was hurt")."""

    span: Span
    kind: str  # "killed" or "injured"
    value: int | None
    qualifier: str | None = "exact"
    who: str | None = None
    how: str | None = None
    indirect: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    span: Span
    name: str
    role: str = "other"
    status: str = "unknown"


@dataclass(frozen=True, slots=True)
class Participant:
    """A named person involved, as the Gun Violence Archive records them."""

    span: Span
    name: str
    age: int | None = None
    gender: str | None = None
    role: str | None = None  # victim, suspect
    status: str | None = None  # killed, injured, arrested, unharmed


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote (span covers the quoted words) or an indirect attribution."""

    span: Span
    speaker: str | None
    speaker_title: str | None = None
    speaker_span: Span | None = None
    kind: str = "direct"  # direct, indirect


@dataclass(frozen=True, slots=True)
class EventTypeGuess:
    event_type: str
    sub_event_type: str | None
    score: float
    evidence: tuple[Span, ...] = ()
    taxonomy: str = "acled"  # acled, or "news" for the general category


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence- or clause-level statement with its slots."""

    span: Span
    slots: Mapping[str, Any] = field(default_factory=dict)
    polarity: str = "positive"  # positive, negative
    hedged: bool = False
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class InferredDate:
    value: str
    method: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item or stage result that could not be used, with the coded reason."""

    stage: str
    code: str
    where: str  # input path
    message: str
    position: str | None = None  # line number, record number or byte offset
    kept: bool = False  # True for a warning: the item was kept (a bad optional field, a renamed duplicate id)

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "code": self.code,
            "path": self.where,
            "position": self.position,
            "message": self.message,
            "kept": self.kept,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the per-article stages found in one article; each stage fills its fields."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeEx, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    casualties: tuple[CasualtyReport, ...] = ()
    actors: tuple[Actor, ...] = ()
    participants: tuple[Participant, ...] = ()
    quotes: tuple[Quote, ...] = ()
    event_types: tuple[EventTypeGuess, ...] = ()
    claims: tuple[Claim, ...] = ()
    published_inferred: InferredDate | None = None
    doc: Any = field(default=None, compare=False, repr=False)  # spaCy Doc; dropped before leaving a worker

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def reference_date(self) -> str | None:
        """The date relative expressions resolve against: published, else the inferred one."""
        if self.article.published:
            return self.article.published[:10]
        if self.published_inferred is not None:
            return self.published_inferred.value[:10]
        return None

    def body_sentences(self) -> tuple[Sentence, ...]:
        """Sentences that carry the report: body and title, not captions, boilerplate or repeats."""
        return tuple(s for s in self.sentences if s.role in ("body", "title"))

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.article.id, self.article.text, start, end)

    def with_(self, **changes: Any) -> "Analysis":
        return replace(self, **changes)
