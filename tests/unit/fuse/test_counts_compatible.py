"""One rule decides whether two reported counts can both be true; quantities adds that a bound names a near figure."""

import pytest

from newsfuse.fuse import claims, common
from newsfuse.fuse.quantities import _compatible


@pytest.mark.parametrize(
    ("a", "b", "both_true"),
    [
        ((10, None), (10, None), True),
        ((10, None), (12, None), False),
        ((10, "at least"), (12, None), True),
        ((10, "at least"), (8, None), False),
        ((10, "at most"), (8, None), True),
        ((10, "at most"), (12, None), False),
        ((20, "about"), (22, None), True),
        ((20, "about"), (30, None), False),
        ((2, "about"), (3, None), True),  # small figures: one apart is still "about"
    ],
)
def test_counts_compatible(a, b, both_true):
    assert common.counts_compatible(a, b) is both_true
    assert common.counts_compatible(b, a) is both_true


def test_claims_keeps_its_name_for_the_shared_rule():
    assert claims.counts_compatible is common.counts_compatible


@pytest.mark.parametrize(
    ("a", "b", "one_figure"),
    [
        ((20, "at least", False), (25, None, False), True),
        ((20, "at least", False), (500, None, False), False),  # true together, but no one figure
        ((10, "at most", False), (6, None, False), False),
        ((8.0, None, False), (8.05, None, True), True),  # "eight kilometres (five miles)"
        ((8.0, None, False), (180.0, None, False), False),
    ],
)
def test_quantity_reports_are_one_figure(a, b, one_figure):
    assert _compatible(a, b) is one_figure
    assert _compatible(b, a) is one_figure
