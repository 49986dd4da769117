"""Template context every page gets from reminders: whether to warn that digests stopped."""

from __future__ import annotations

from django.http import HttpRequest

from entregent.reminders.selectors import digest_is_stale


class _LazyFlag:
    """True or false once a template asks, so pages that do not ask pay no query."""

    def __init__(self) -> None:
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = digest_is_stale()
        return self._value


def reminders(request: HttpRequest) -> dict[str, object]:
    """`digest_stale`: digests are configured and wanted but have not run for a day."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"digest_stale": _LazyFlag()}
