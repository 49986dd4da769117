"""The goals engine: progress, streaks, days met and the pace guard, without a database."""

import datetime as dt

from entregent.goals import engine
from entregent.goals.engine import GoalSpec, PaceInput

TODAY = dt.date(2026, 11, 20)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_daily_goal_counts_today_and_what_is_left():
    p = engine.progress(GoalSpec("day", 3), {TODAY: 1}, TODAY)
    assert (p.today_count, p.left, p.met) == (1, 2, False)


def test_streak_counts_today_when_met():
    counts = {TODAY: 2, days_ago(1): 2, days_ago(2): 2, days_ago(3): 1}
    assert engine.progress(GoalSpec("day", 2), counts, TODAY).streak == 3


def test_streak_is_not_broken_by_a_today_not_yet_met():
    counts = {TODAY: 0, days_ago(1): 2, days_ago(2): 2}
    assert engine.progress(GoalSpec("day", 2), counts, TODAY).streak == 2


def test_streak_is_zero_after_a_missed_yesterday():
    counts = {days_ago(2): 5, days_ago(3): 5}
    assert engine.progress(GoalSpec("day", 1), counts, TODAY).streak == 0


def test_weekly_goal_sums_the_week_and_spreads_what_is_left():
    friday = dt.date(2026, 11, 20)  # a Friday: three days left in the week
    counts = {dt.date(2026, 11, 16): 4, friday: 1, dt.date(2026, 11, 15): 9}
    p = engine.progress(GoalSpec("week", 8), counts, friday)
    assert (p.period_start, p.period_count, p.left, p.left_today) == (
        dt.date(2026, 11, 16),
        5,
        3,
        1,
    )


def test_monthly_streak_counts_past_months_met():
    counts = {dt.date(2026, 10, 3): 5, dt.date(2026, 9, 30): 5, dt.date(2026, 11, 2): 1}
    p = engine.progress(GoalSpec("month", 5), counts, TODAY)
    assert (p.period_count, p.met, p.streak) == (1, False, 2)


def challenge(start: dt.date, length: int = 30, target: int = 1, mode: str = "per_day"):
    return GoalSpec("challenge", target, mode, start, length)


def test_challenge_series_days_met_and_streak():
    spec = challenge(days_ago(4))
    counts = {days_ago(4): 1, days_ago(3): 0, days_ago(2): 2, days_ago(1): 1, TODAY: 1}
    p = engine.progress(spec, counts, TODAY)
    assert [d.count for d in p.series] == [1, 0, 2, 1, 1]
    assert (p.days_met, p.streak, p.days_elapsed, p.status) == (4, 3, 5, "running")
    assert p.period_count == 5
    assert p.left_today == 0


def test_challenge_not_started_yet_is_upcoming():
    p = engine.progress(challenge(TODAY + dt.timedelta(days=2)), {}, TODAY)
    assert (p.status, p.series, p.streak) == ("upcoming", [], 0)


def test_finished_challenge_stops_at_its_last_day():
    spec = challenge(days_ago(10), length=3)
    counts = {days_ago(10): 1, days_ago(9): 1, days_ago(8): 1, days_ago(1): 7}
    p = engine.progress(spec, counts, TODAY)
    assert (p.status, p.days_met, p.streak, p.period_count) == ("finished", 3, 3, 3)


def test_total_challenge_shares_what_is_left_over_the_days_left():
    spec = challenge(days_ago(5), length=10, target=20, mode="total")
    counts = {days_ago(5): 4, days_ago(4): 4, TODAY: 1}
    p = engine.progress(spec, counts, TODAY)
    # 11 left over 5 days (today included, with today's one): ceil(12/5) - 1 = 2.
    assert (p.target, p.left, p.left_today) == (20, 11, 2)


def test_pace_guard_is_quiet_at_a_usual_pace():
    counts = {days_ago(i): 1 for i in range(63)}
    assert engine.pace_guard(PaceInput(counts, TODAY, 1, 0, 0)) is None


def test_pace_guard_speaks_when_the_week_runs_far_above_the_usual():
    counts = {days_ago(i): 1 for i in range(7, 63)}
    counts.update({days_ago(i): 6 for i in range(7)})
    advice = engine.pace_guard(PaceInput(counts, TODAY, 0, 0, 0))
    assert advice is not None
    assert advice.reason == "fast"
    assert advice.usual == 1
    assert advice.suggested_per_day < 6


def test_pace_guard_speaks_when_targets_are_met_while_followups_pile_up():
    counts = {days_ago(i): 1 for i in range(63)}
    advice = engine.pace_guard(PaceInput(counts, TODAY, 1, 6, 2))
    assert advice is not None
    assert advice.reason == "followups"


def test_pace_guard_is_quiet_when_overdue_followups_shrink():
    counts = {days_ago(i): 1 for i in range(63)}
    assert engine.pace_guard(PaceInput(counts, TODAY, 1, 4, 9)) is None


def test_a_streak_reaching_the_short_window_asks_for_the_long_one():
    since, _end = engine.window(GoalSpec("day", 1), TODAY)
    counts = {days_ago(i): 1 for i in range(200)}
    short = engine.progress(GoalSpec("day", 1), counts, TODAY, since=since)
    assert engine.needs_longer(GoalSpec("day", 1), short, since)
    long_since, _end = engine.window(GoalSpec("day", 1), TODAY, long=True)
    assert engine.progress(GoalSpec("day", 1), counts, TODAY, since=long_since).streak == 200


def test_a_short_streak_needs_no_longer_window():
    since, _end = engine.window(GoalSpec("week", 1), TODAY)
    p = engine.progress(GoalSpec("week", 1), {TODAY: 1}, TODAY, since=since)
    assert (p.streak, engine.needs_longer(GoalSpec("week", 1), p, since)) == (1, False)
