"""Goal progress, streaks and the pace guard: pure Python, dataclasses in and out.

Fed by the goals selectors with counts per day (already grouped by the database), so
progress can be tested and benchmarked without Django. The metric definitions live here
too: what each metric counts, as plain data the selectors read.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

# What each metric counts (the selectors apply these definitions to the recorded rows).
MEANINGFUL_CHANNELS = ("in_person", "call", "video", "email")
"""A new meaningful connection: the person's first meaningful encounter ever was in
person, by call, by video or a real e-mail exchange (marked meaningful)."""
OUTREACH_CHANNELS = ("email", "message", "call", "video", "social")
"""Outreach: an encounter I initiated by one of these channels."""
FOLLOWUP_WINDOW = dt.timedelta(hours=24)
"""A follow-up done in time: completed within 24 hours of the encounter it came from."""
PITCH_STAGE = "reached_out"
PITCH_KINDS = ("dream_client",)
"""A pitch: an opportunity of these kinds entering the "reached out" stage."""

METRIC_DEFINITIONS: dict[str, str] = {
    "new_connections": "people whose first meaningful encounter falls on the day",
    "outreach": "encounters initiated by me by e-mail, message, call, video or social",
    "followups_24h": "follow-ups done within 24 hours of their source encounter",
    "events": "distinct events on the day where I logged an encounter",
    "introductions": "favours given of kind introduction",
    "pitches": "dream-client opportunities moved to reached out",
    "check_ins": "check-in follow-ups marked done",
}

STREAK_LOOKBACK_DAYS = 366
SHORT_LOOKBACK_DAYS = 62
DAYS_MET_WINDOW = 30
PACE_RECENT_DAYS = 7
PACE_BASELINE_DAYS = 56
PACE_FACTOR = 2.0
PACE_MIN_RECENT_MEAN = 3.0
PACE_MET_DAYS = 3
PACE_MIN_OVERDUE = 3


@dataclass(frozen=True)
class GoalSpec:
    """What progress needs to know about a goal."""

    period: str  # day, week, month, challenge
    target: int
    challenge_target: str = "per_day"  # per_day or total
    start_on: dt.date | None = None
    length_days: int | None = None

    @property
    def end_on(self) -> dt.date | None:
        if self.start_on is None or self.length_days is None:
            return None
        return self.start_on + dt.timedelta(days=self.length_days - 1)

    @property
    def daily_target(self) -> int:
        """What one day needs to count as met."""
        if self.period == "challenge" and self.challenge_target == "total":
            return max(1, math.ceil(self.target / max(1, self.length_days or 1)))
        if self.period in {"day", "challenge"}:
            return self.target
        return 0


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    count: int
    met: bool


@dataclass(frozen=True)
class Progress:
    """Where a goal stands on `today`."""

    today: dt.date
    today_count: int
    period_start: dt.date
    period_end: dt.date
    period_count: int
    target: int  # for the period (a day, a week, a month, or the challenge's total)
    left: int  # left to do in the current period (today for daily goals)
    left_today: int
    met: bool  # the current period's target is met
    streak: int  # consecutive periods met up to now (the current one counts if met)
    days_met: int  # within the challenge, or the lookback for daily goals
    days_elapsed: int
    series: list[DayCount] = field(default_factory=list)  # a challenge's days so far
    status: str = "running"  # running, upcoming, finished (challenges)


def window(spec: GoalSpec, today: dt.date, *, long: bool = False) -> tuple[dt.date, dt.date]:
    """The days whose counts progress needs (both ends included). The short window covers
    the pace guard's weeks and a usual streak; `long` (a year) is read only when the
    streak runs back to the short window's first day."""
    if spec.period == "challenge" and spec.start_on is not None and spec.end_on is not None:
        return spec.start_on, min(max(today, spec.start_on), spec.end_on)
    if spec.period == "day":
        days = STREAK_LOOKBACK_DAYS if long else SHORT_LOOKBACK_DAYS
        return today - dt.timedelta(days=days), today
    if spec.period == "week":
        return _week_start(today) - dt.timedelta(weeks=52 if long else 8), today
    return _month_start(today, back=12 if long else 3), today


def needs_longer(spec: GoalSpec, result: Progress, since: dt.date) -> bool:
    """Whether the streak may run back further than the counts read from `since`."""
    if spec.period == "day":
        return result.streak >= (result.today - since).days
    if spec.period == "week":
        return result.streak >= (_week_start(result.today) - since).days // 7
    if spec.period == "month":
        return result.streak >= (result.period_start.year - since.year) * 12 + (
            result.period_start.month - since.month
        )
    return False


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    months = day.year * 12 + day.month - 1 - back
    return dt.date(months // 12, months % 12 + 1, 1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _daily_streak(counts: Mapping[dt.date, int], today: dt.date, need: int, first: dt.date) -> int:
    """Consecutive days met up to today; today counts when met, and does not break it when
    not met yet (the day is not over)."""
    day = today if counts.get(today, 0) >= need else today - dt.timedelta(days=1)
    streak = 0
    while day >= first and counts.get(day, 0) >= need:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def progress(
    spec: GoalSpec, counts: Mapping[dt.date, int], today: dt.date, since: dt.date | None = None
) -> Progress:
    """Today's count, the current period's count and what is left, the streak and the days
    met (the last 30 days for a daily goal), from counts per day (days without any may be
    missing) read from `since` (the window's first day)."""
    since = since or window(spec, today, long=True)[0]
    today_count = counts.get(today, 0)
    if spec.period == "challenge":
        return _challenge_progress(spec, counts, today)
    if spec.period == "day":
        first = since
        recent = today - dt.timedelta(days=DAYS_MET_WINDOW - 1)
        met_days = sum(1 for d, n in counts.items() if recent <= d <= today and n >= spec.target)
        left = max(0, spec.target - today_count)
        return Progress(
            today=today,
            today_count=today_count,
            period_start=today,
            period_end=today,
            period_count=today_count,
            target=spec.target,
            left=left,
            left_today=left,
            met=left == 0,
            streak=_daily_streak(counts, today, spec.target, first),
            days_met=met_days,
            days_elapsed=1,
        )
    # Weeks and months: sum the days of each period, newest first, for the streak.
    starts: list[tuple[dt.date, dt.date]] = []
    if spec.period == "week":
        start = _week_start(today)
        for i in range(53):
            s = start - dt.timedelta(weeks=i)
            if s < since:
                break
            starts.append((s, s + dt.timedelta(days=6)))
    else:
        for i in range(13):
            s = _month_start(today, back=i)
            if s < since:
                break
            starts.append((s, _next_month(s) - dt.timedelta(days=1)))
    totals = [sum(n for d, n in counts.items() if s <= d <= e) for s, e in starts]
    current = totals[0]
    met = current >= spec.target
    streak = 0
    for i, total in enumerate(totals):
        if total >= spec.target:
            streak += 1
        elif i == 0:
            continue  # the current period is not over
        else:
            break
    left = max(0, spec.target - current)
    period_end = starts[0][1]
    days_left = (period_end - today).days + 1
    return Progress(
        today=today,
        today_count=today_count,
        period_start=starts[0][0],
        period_end=period_end,
        period_count=current,
        target=spec.target,
        left=left,
        left_today=math.ceil(left / days_left) if left else 0,
        met=met,
        streak=streak,
        days_met=0,
        days_elapsed=(today - starts[0][0]).days + 1,
    )


def _challenge_progress(spec: GoalSpec, counts: Mapping[dt.date, int], today: dt.date) -> Progress:
    assert spec.start_on is not None
    assert spec.end_on is not None
    start, end = spec.start_on, spec.end_on
    need = spec.daily_target
    if today < start:
        status, last = "upcoming", start - dt.timedelta(days=1)
    elif today > end:
        status, last = "finished", end
    else:
        status, last = "running", today
    series = [DayCount(d, counts.get(d, 0), counts.get(d, 0) >= need) for d in _days(start, last)]
    total = sum(d.count for d in series)
    days_met = sum(1 for d in series if d.met)
    today_count = counts.get(today, 0) if status == "running" else 0
    if spec.challenge_target == "total":
        target = spec.target
        left = max(0, target - total)
        days_left = (end - today).days + 1 if status == "running" else 0
        # What is left today: today's fair share of what remains, counting today's own.
        left_today = (
            max(0, math.ceil((left + today_count) / days_left) - today_count) if days_left else 0
        )
        met = total >= target
    else:
        target = spec.target * (spec.length_days or 1)
        left = max(0, spec.target - today_count) if status == "running" else 0
        left_today = left
        met = status == "running" and today_count >= spec.target
    streak = 0
    if status != "upcoming":
        streak = _daily_streak(counts, min(today, end), need, start)
        if status == "finished" and counts.get(end, 0) < need:
            streak = 0
    return Progress(
        today=today,
        today_count=today_count,
        period_start=start,
        period_end=end,
        period_count=total,
        target=target,
        left=left,
        left_today=left_today,
        met=met,
        streak=streak,
        days_met=days_met,
        days_elapsed=len(series),
        series=series,
        status=status,
    )


@dataclass(frozen=True)
class PaceInput:
    """Counts per day over the last weeks, and the open overdue follow-ups now and a week ago."""

    counts: Mapping[dt.date, int]
    today: dt.date
    daily_target: int
    overdue_now: int
    overdue_week_ago: int


@dataclass(frozen=True)
class PaceAdvice:
    """A kind word when the pace looks unsustainable; never a block."""

    reason: str  # "fast" or "followups"
    recent_mean: float
    usual: float
    overdue_now: int
    overdue_week_ago: int
    suggested_per_day: int


def pace_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days the pace guard reads: the recent week and the weeks before it."""
    return today - dt.timedelta(days=PACE_RECENT_DAYS + PACE_BASELINE_DAYS - 1), today


def pace_guard(data: PaceInput) -> PaceAdvice | None:
    """Advice when the last week ran far above the user's own usual level (the median day
    of the eight weeks before), or when the daily target was met on several days while
    overdue follow-ups piled up; None when the pace looks sustainable."""
    recent_days = _days(data.today - dt.timedelta(days=PACE_RECENT_DAYS - 1), data.today)
    base_days = _days(
        data.today - dt.timedelta(days=PACE_RECENT_DAYS + PACE_BASELINE_DAYS - 1),
        data.today - dt.timedelta(days=PACE_RECENT_DAYS),
    )
    recent = [data.counts.get(d, 0) for d in recent_days]
    recent_mean = sum(recent) / len(recent)
    baseline = [data.counts.get(d, 0) for d in base_days]
    usual = float(statistics.median(baseline))
    # A slower pace: the usual level with some room, never below one a day.
    suggested = max(1, math.ceil(max(usual * 1.5, recent_mean / 2)))
    if data.daily_target:
        suggested = min(suggested, data.daily_target)
    met_days = sum(1 for n in recent if data.daily_target and n >= data.daily_target)
    if (
        met_days >= PACE_MET_DAYS
        and data.overdue_now >= PACE_MIN_OVERDUE
        and data.overdue_now > data.overdue_week_ago
    ):
        return PaceAdvice(
            "followups",
            recent_mean,
            usual,
            data.overdue_now,
            data.overdue_week_ago,
            max(1, suggested - 1) if data.daily_target else suggested,
        )
    if recent_mean >= PACE_MIN_RECENT_MEAN and recent_mean >= PACE_FACTOR * max(usual, 1.0):
        return PaceAdvice(
            "fast", recent_mean, usual, data.overdue_now, data.overdue_week_ago, suggested
        )
    return None
