"""Ranks for display: equal counts share a rank, the next rank skips."""

from kiosk.core.leaderboard import shared_ranks


def test_equal_counts_share_a_rank_and_the_next_rank_skips():
    assert shared_ranks([1, 1, 1]) == [1, 1, 1]
    assert shared_ranks([5, 3, 3, 2, 2, 2, 1]) == [1, 2, 2, 4, 4, 4, 7]
    assert shared_ranks([4, 3, 2]) == [1, 2, 3]
    assert shared_ranks([]) == []
