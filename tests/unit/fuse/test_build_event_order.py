"""An event's record does not depend on the order its articles come in (batch, incremental and stream agree)."""

from __future__ import annotations

import itertools

from newsfuse.fuse import build_event
from newsfuse.stages import analyse_text

TEXTS = [
    ("a", "2021-03-03", "At least 10 rockets struck Ain al-Asad air base on Wednesday, killing a US civilian contractor. "
                        "No group has claimed responsibility. \"We are assessing the damage,\" Pentagon spokesman John Kirby said."),
    ("b", "2021-03-03", "Around 10 rockets hit Al Asad Airbase in Iraq on Wednesday. An American civilian contractor died. "
                        "Kataib al-Furat denied any involvement. Two people were wounded."),
    ("c", "2021-03-04", "Ten rockets struck the base on Wednesday, officials said. The contractor died of a heart attack. "
                        "Three people were wounded, the coalition said."),
    ("d", None, "Rockets struck Ain al-Asad air base, the second attack this month. No one was hurt, officials said."),
]


def test_the_record_is_the_same_for_every_order() -> None:
    analyses = [analyse_text(text, published=pub, article_id=aid) for aid, pub, text in TEXTS]
    groups = {a.id: a.id for a in analyses}
    records = [build_event("ev", list(order), groups) for order in itertools.permutations(analyses)]
    assert all(r == records[0] for r in records[1:])
    assert records[0]["articles"] == ["a", "b", "c", "d"]  # by publication date, undated last, then id
