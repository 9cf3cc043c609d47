"""The embedding study's scorer, and the static model shipped in models/minilm-static (eval/embeddings.py)."""

from __future__ import annotations

import numpy as np
import pytest

from eval.embeddings import STATIC_MODEL, tuned_average_link


def test_tuned_average_link_finds_the_cut_that_separates_two_events():
    ids = ["a1", "a2", "a3", "b1", "b2"]
    gold = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}
    x = np.array([[1.0, 0.05, 0.0], [1.0, 0.0, 0.05], [0.95, 0.05, 0.05], [0.0, 1.0, 0.1], [0.05, 1.0, 0.0]])
    f1, cut = tuned_average_link(x, ids, gold)
    assert f1 == 1.0 and cut < 0.5  # the smallest cut-off that separates them


def test_tuned_average_link_scores_a_representation_that_mixes_events_lower():
    ids = ["a1", "a2", "b1", "b2"]
    gold = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.02], [0.02, 1.0]])  # each event's reports point apart
    f1, _ = tuned_average_link(x, ids, gold)
    assert f1 < 0.8


def test_the_shipped_static_model_embeds_texts_of_one_event_closer_than_another_event():
    model2vec = pytest.importorskip("model2vec")
    model = model2vec.StaticModel.from_pretrained(str(STATIC_MODEL))
    emb = model.encode([
        "A magnitude 6.1 earthquake struck the coast, damaging houses and killing two people.",
        "Two people died when a strong earthquake shook the coastal region and destroyed homes.",
        "The central bank raised interest rates by half a point to fight inflation.",
    ])
    assert emb.shape == (3, 256)
    emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    assert emb[0] @ emb[1] > emb[0] @ emb[2] + 0.1
