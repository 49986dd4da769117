"""The map's graph library, served from the Python package that ships it.

vis-network (Apache 2.0 / MIT) comes inside the `pyvis` package (pinned in
requirements/constraints.txt), so `pip install` is all a machine needs: nothing is copied
into this repository and nothing is fetched from a CDN. This staticfiles finder serves the
package's standalone build as `network/vendor/vis-network.min.js`, for `collectstatic`,
WhiteNoise and the development server alike.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage

PREFIX = "network/vendor"
# Static path under PREFIX → (package, path of the file inside the package).
FILES = {"vis-network.min.js": ("pyvis", "lib/vis-9.1.2/vis-network.min.js")}


def package_file(package: str, inside: str) -> Path | None:
    """The file inside an installed package, without importing the package (pyvis's
    import pulls IPython); None when the package or the file is missing."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / inside
        if candidate.is_file():
            return candidate
    return None


class PackageFilesFinder(BaseFinder):
    """Finds the static files that installed Python packages ship (see `FILES`)."""

    def _located(self) -> dict[str, Path]:
        found = {}
        for name, (package, inside) in FILES.items():
            path = package_file(package, inside)
            if path is not None:
                found[name] = path
        return found

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        missing = [
            f"{package} ({inside})"
            for name, (package, inside) in FILES.items()
            if name not in self._located()
        ]
        return [
            Error(
                f"The network map's script is missing from an installed package: {item}.",
                hint="pip install -r requirements/base.txt -c requirements/constraints.txt",
                id="network.E001",
            )
            for item in missing
        ]

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        prefix = PREFIX + "/"
        matches: list[str] = []
        if path.startswith(prefix):
            located = self._located().get(path[len(prefix) :])
            if located is not None:
                if not find_all and not kwargs.get("all"):
                    return str(located)
                matches.append(str(located))
        return matches if (find_all or kwargs.get("all")) else None

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        # Each name in FILES is the file's own name in its package folder.
        for path in self._located().values():
            storage = FileSystemStorage(location=str(path.parent))
            storage.prefix = PREFIX  # type: ignore[attr-defined]
            yield path.name, storage
