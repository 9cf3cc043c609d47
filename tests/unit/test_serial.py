"""The data model pickles fast (a reducer per class) and pickles made the old way still load."""

from __future__ import annotations

import copyreg
import io
import pickle

import pytest

from newsfuse import model
from newsfuse.stages import analyse_text

TEXT = (
    "KIRKUK, Iraq (Wire) - Two people were killed and five injured on Wednesday when rockets hit a market, "
    'police said. "We heard three explosions," said Ahmed Salih, a shop owner. No group has claimed responsibility.'
)


@pytest.fixture(scope="module")
def analysis() -> model.Analysis:
    return analyse_text(TEXT, published="2021-03-05").with_(doc=None)


def test_every_model_class_has_a_reducer() -> None:
    classes = [c for c in vars(model).values() if isinstance(c, type) and c.__module__ == model.__name__ and hasattr(c, "__dataclass_fields__")]
    assert model.Span in classes and model.Analysis in classes
    assert all(c in copyreg.dispatch_table for c in classes)


def test_round_trip_is_equal(analysis: model.Analysis) -> None:
    back = pickle.loads(pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == analysis
    assert back.mentions and back.sentences and back.times  # not an empty analysis
    assert type(back.sentences[0]) is model.Sentence


def test_pickles_without_the_reducer_still_load(analysis: model.Analysis) -> None:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {}  # the dataclass's own __getstate__, as pickles of earlier versions were made
    pickler.dump(analysis)
    old = buf.getvalue()
    assert old != pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(old) == analysis


def test_reduced_pickle_is_smaller(analysis: model.Analysis) -> None:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {}
    pickler.dump(analysis)
    assert len(pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)) < len(buf.getvalue())
