"""Fusing events on forked workers gives exactly the records of fusing them one after another."""

from __future__ import annotations

import multiprocessing

import pytest

from newsfuse.pipeline import fuse_events
from newsfuse.stages import analyse_text

TEXTS = [
    ("a1", "2021-03-05", "Two people were killed and five injured on Wednesday when rockets hit a market in Kirkuk, police said."),
    ("a2", "2021-03-05", "Rockets struck a Kirkuk market on Wednesday, killing three people, officials said. Five were wounded."),
    ("a3", "2021-06-02", "A man was shot and wounded on Monday night in Dayton, Ohio. Police have not made an arrest."),
    ("a4", None, 'Protesters gathered in Basra on Friday. "We want water," said Ali Hassan, a teacher.'),
    ("a5", "2021-06-03", "Dayton police said the man shot on Monday was in stable condition."),
]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_fusion_equals_serial_fusion() -> None:
    by_id = {
        aid: analyse_text(text, published=published, article_id=aid).with_(doc=None) for aid, published, text in TEXTS
    }
    plan = [("ev-1", ["a1", "a2"]), ("ev-2", ["a3", "a5"]), ("ev-3", ["a4"]), ("ev-4", ["a5"])]
    group = {aid: aid for aid in by_id}
    copy_of = {aid: None for aid in by_id}
    article_events: dict[str, list[str]] = {}
    for event_id, members in plan:
        for m in members:
            article_events.setdefault(m, []).append(event_id)

    def run(workers: int, min_parallel: int) -> list:
        return list(fuse_events(plan, by_id, group, copy_of, article_events, 3, workers, min_parallel=min_parallel))

    serial = run(1, 1)
    forked = run(2, 1)
    assert [e for e, _, _ in serial] == ["ev-1", "ev-2", "ev-3", "ev-4"]
    assert forked == serial
    ev1 = serial[0][1]
    assert ev1["articles"] == ["a1", "a2"] and ev1["fatalities"] is not None
    assert {aid for aid, _ in serial[1][2]} == {"a3", "a5"}
