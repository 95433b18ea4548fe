"""The workshop timer's arithmetic (canvas_core.workshop.timer) and what the in-page countdown is
handed (ui.countdown.timer_data): the server and every screen agree on the time left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from canvas_core.workshop.timer import remaining_seconds
from ui.countdown import timer_data

NOW = datetime(2026, 12, 2, 14, 0, 0, tzinfo=UTC)


def test_a_running_timer_has_the_seconds_until_its_end():
    assert remaining_seconds(NOW + timedelta(minutes=4, seconds=12.5), None, NOW) == 252.5


def test_an_end_time_in_another_zone_is_the_same_moment():
    cet = timezone(timedelta(hours=1))
    assert remaining_seconds(datetime(2026, 12, 2, 15, 5, 0, tzinfo=cet), None, NOW) == 300.0


def test_a_paused_timer_keeps_its_seconds_whatever_the_time():
    assert remaining_seconds(None, 125.0, NOW) == 125.0
    assert remaining_seconds(None, 125.0, NOW + timedelta(hours=3)) == 125.0


def test_a_pause_wins_over_an_end_time_left_behind():
    assert remaining_seconds(NOW + timedelta(minutes=10), 30.0, NOW) == 30.0


def test_no_timer_has_no_time_left():
    assert remaining_seconds(None, None, NOW) is None


@pytest.mark.parametrize("end", [NOW, NOW - timedelta(seconds=1), NOW - timedelta(days=2)])
def test_time_is_up_at_the_end_and_after_it(end):
    assert remaining_seconds(end, None, NOW) == 0.0


def test_a_negative_paused_remainder_is_time_up():
    assert remaining_seconds(None, -3.0, NOW) == 0.0


@pytest.mark.parametrize("end, now", [(datetime(2026, 12, 2, 14, 5), NOW), (NOW, datetime(2026, 12, 2, 14, 0))])
def test_a_time_without_a_zone_is_refused(end, now):
    with pytest.raises(ValueError, match="timezone-aware"):
        remaining_seconds(end, None, now)


def test_the_element_gets_the_end_and_the_servers_clock_in_epoch_milliseconds():
    data = timer_data(end_at=NOW + timedelta(minutes=5), paused_remaining=None, server_now=NOW)
    assert data == {"mode": "running", "end_ms": 1_796_220_300_000, "remaining_ms": None,
                    "server_now_ms": 1_796_220_000_000, "size": "normal"}


def test_the_element_gets_a_paused_timers_milliseconds():
    data = timer_data(end_at=None, paused_remaining=125.4, server_now=NOW, size="large")
    assert (data["mode"], data["remaining_ms"], data["end_ms"], data["size"]) == ("paused", 125_400, None, "large")


def test_the_element_without_a_timer_gets_no_time():
    data = timer_data(end_at=None, paused_remaining=None, server_now=NOW)
    assert (data["mode"], data["end_ms"], data["remaining_ms"]) == ("none", None, None)


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size"):
        timer_data(end_at=None, paused_remaining=None, server_now=NOW, size="huge")
