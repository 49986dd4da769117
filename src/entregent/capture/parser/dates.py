"""Dates written in English or French, resolved against a reference day.

`find_dates` returns every date expression with its span, so the caller can remove it from
the text it reads next. Weekdays mean the next one after today ("on Friday", "vendredi",
"next Friday", "vendredi prochain" alike) unless written as past ("last Friday",
"vendredi dernier"); numeric dates are day-first (18/11/2026) unless only month-first
makes sense (11/18/2026).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = {
    "monday": 0, "mon": 0, "lundi": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "mardi": 1,
    "wednesday": 2, "wed": 2, "mercredi": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "jeudi": 3,
    "friday": 4, "fri": 4, "vendredi": 4,
    "saturday": 5, "sat": 5, "samedi": 5,
    "sunday": 6, "sun": 6, "dimanche": 6,
}  # fmt: skip
_SHORT_WEEKDAYS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "janv": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2, "févr": 2, "fév": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7, "juil": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12, "déc": 12,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "couple": 2,
    "three": 3, "trois": 3, "four": 4, "quatre": 4, "five": 5, "cinq": 5, "six": 6,
    "seven": 7, "sept": 7, "eight": 8, "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10,
    "eleven": 11, "onze": 11, "twelve": 12, "douze": 12, "few": 3, "quelques": 3,
}  # fmt: skip
UNITS = {
    "day": "d", "days": "d", "jour": "d", "jours": "d",
    "week": "w", "weeks": "w", "wk": "w", "wks": "w", "semaine": "w", "semaines": "w",
    "month": "m", "months": "m", "mo": "m", "mois": "m",
    "year": "y", "years": "y", "an": "y", "ans": "y", "année": "y", "années": "y",
}  # fmt: skip


@dataclass(frozen=True)
class DateHit:
    """One date expression: where it is, what day it means, and whether it was explicit."""

    start: int
    end: int
    date: dt.date
    kind: str  # iso, absolute, today, past, future


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """`day` moved by `amount` days, weeks, months or years."""
    if unit == "d":
        return day + dt.timedelta(days=amount)
    if unit == "w":
        return day + dt.timedelta(weeks=amount)
    if unit == "m":
        return add_months(day, amount)
    return add_months(day, 12 * amount)


def next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The first such weekday strictly after today."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def last_weekday(today: dt.date, weekday: int) -> dt.date:
    """The last such weekday strictly before today."""
    return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_NUM = "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_B = r"(?<![\w@#/-])"
_E = r"(?![\w/-])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_B + r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?" + _E)),
    ("numeric", re.compile(_B + r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d{4}|\d{2}))?" + _E)),
    ("day_month", re.compile(_B + r"(?:le\s+|the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th|er)?(?:\s+of)?\s+(?P<mo>" + _MO + r")\.?(?:\s+(?P<y>\d{4}))?" + _E, re.I)),
    ("month_day", re.compile(_B + r"(?P<mo>" + _MO + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?" + _E, re.I)),
    ("after_tomorrow", re.compile(_B + r"(?:the\s+)?(?:day\s+after\s+tomorrow|après-demain|apres-demain)" + _E, re.I)),
    ("before_yesterday", re.compile(_B + r"(?:the\s+)?(?:day\s+before\s+yesterday|avant-hier)" + _E, re.I)),
    ("tomorrow", re.compile(_B + r"(?:tomorrow|tmrw|tmw|tmr|2morrow|demain)(?:\s+(?:morning|afternoon|evening|matin|après-midi|soir))?" + _E, re.I)),
    ("yesterday", re.compile(_B + r"(?:yesterday|yday|hier|last\s+night)(?:\s+(?:morning|afternoon|evening|night|matin|après-midi|soir))?" + _E, re.I)),
    ("today", re.compile(_B + r"(?:today|tonight|this\s+(?:morning|afternoon|evening)|aujourd'hui|aujourd\u2019hui|auj|ce\s+matin|ce\s+soir|cet\s+après-midi|earlier\s+today|just\s+now|tout\s+à\s+l'heure)" + _E, re.I)),
    ("ago", re.compile(_B + r"(?P<n>\d{1,3}|" + _NUM + r")\s+(?P<u>" + _UNIT + r")\s+ago" + _E, re.I)),
    ("il_y_a", re.compile(_B + r"il\s+y\s+a\s+(?P<n>\d{1,3}|" + _NUM + r")\s+(?P<u>" + _UNIT + r")" + _E, re.I)),
    ("in", re.compile(_B + r"(?:in|within|dans|d'ici)\s+(?:a\s+couple\s+of|a\s+few|(?P<n>\d{1,3}|" + _NUM + r"))?\s*(?P<u>" + _UNIT + r")" + _E, re.I)),
    ("from_now", re.compile(_B + r"(?P<n>\d{1,3}|" + _NUM + r")\s+(?P<u>" + _UNIT + r")\s+from\s+now" + _E, re.I)),
    ("next_unit", re.compile(_B + r"(?:next|la|le|l')\s*(?P<u>week|month|year|semaine|mois|année)\s*(?:prochaine?)?" + _E, re.I)),
    ("last_weekday", re.compile(_B + r"(?:last\s+(?P<w1>" + _WD + r")|(?P<w2>" + _WD + r")\s+dernier)" + _E, re.I)),
    ("weekday", re.compile(_B + r"(?P<pre>(?:on|next|this|coming|by|until|before|ce|le)\s+)?(?P<w>" + _WD + r")(?:\s+(?:prochain|qui\s+vient))?" + _E, re.I)),
]  # fmt: skip


def _year(text: str | None, today: dt.date) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _count(match: re.Match[str]) -> int:
    raw = (match.groupdict().get("n") or "").lower()
    if not raw:
        return (
            3
            if "few" in match.group(0).lower()
            else (2 if "couple" in match.group(0).lower() else 1)
        )
    return int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)


def _unit(match: re.Match[str]) -> str:
    raw = match.group("u").lower()
    if raw == "an" and match.groupdict().get("n") is None:
        return "y"
    return UNITS.get(raw, "d")


def _near(day: int, month: int, year: int | None, today: dt.date, future: bool) -> dt.date:
    if year is not None:
        return dt.date(year, month, day)
    this_year = dt.date(today.year, month, day)
    if future and this_year < today:
        return dt.date(today.year + 1, month, day)
    if not future and this_year > today:
        return dt.date(today.year - 1, month, day)
    return this_year


def _resolve(
    kind: str, match: re.Match[str], today: dt.date, future: bool
) -> tuple[dt.date, str] | None:
    """The day a match means, and whether it is explicit, past, today or future."""
    g = match.groupdict()
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "iso"
        if kind == "numeric":
            a, b = int(g["a"]), int(g["b"])
            day, month = (b, a) if (a <= 12 < b) else (a, b)
            if not g.get("y") and "." in match.group(0):
                return None  # 3.5 is a number, not a date
            return _near(day, month, _year(g.get("y"), today), today, future), "absolute"
        if kind in {"day_month", "month_day"}:
            month = MONTHS[g["mo"].lower().rstrip(".")]
            return _near(int(g["d"]), month, _year(g.get("y"), today), today, future), "absolute"
    except (ValueError, KeyError):
        return None
    if kind == "tomorrow":
        return today + dt.timedelta(days=1), "future"
    if kind == "after_tomorrow":
        return today + dt.timedelta(days=2), "future"
    if kind == "yesterday":
        return today - dt.timedelta(days=1), "past"
    if kind == "before_yesterday":
        return today - dt.timedelta(days=2), "past"
    if kind == "today":
        return today, "today"
    if kind in {"ago", "il_y_a"}:
        return shift(today, -_count(match), _unit(match)), "past"
    if kind in {"in", "from_now"}:
        return shift(today, _count(match), _unit(match)), "future"
    if kind == "next_unit":
        unit = UNITS.get(match.group("u").lower(), "d")
        text = match.group(0).lower()
        if not (text.startswith("next") or "prochain" in text):
            return None
        return shift(today, 1, unit), "future"
    if kind == "last_weekday":
        name = (g.get("w1") or g.get("w2") or "").lower()
        return last_weekday(today, WEEKDAYS[name]), "past"
    if kind == "weekday":
        name = g["w"].lower()
        if not g.get("pre") and not future:
            return None  # "le resto de samedi" plans ahead; a past day says "on", "last"…
        if name in _SHORT_WEEKDAYS and not g.get("pre") and not g["w"][0].isupper():
            return None
        if future:
            return next_weekday(today, WEEKDAYS[name]), "future"
        return last_weekday(today, WEEKDAYS[name]), "past"
    return None


def find_dates(text: str, today: dt.date, *, future: bool) -> list[DateHit]:
    """Every date expression in `text`, earliest first, without overlaps.

    `future` says how to read a weekday or a day without a year: in a follow-up it is the
    next one, in the account of an encounter the last one.
    """
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            resolved = _resolve(kind, match, today, future)
            if resolved is None:
                continue
            taken.append((start, end))
            hits.append(DateHit(start, end, resolved[0], resolved[1]))
    return sorted(hits, key=lambda h: h.start)
