"""Settings a laptop gets with nothing configured: SQLite tuned for a local app, safe defaults.

Most checks start a fresh interpreter with a clean environment, because settings are read
once at import and the test run itself may be configured for PostgreSQL.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

_REPORT = """
import json
import django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy_timeout = cursor.fetchone()[0]
    cursor.execute("PRAGMA foreign_keys")
    foreign_keys = cursor.fetchone()[0]
print(json.dumps({
    "vendor": connection.vendor,
    "name": str(settings.DATABASES["default"]["NAME"]),
    "journal_mode": journal_mode,
    "busy_timeout": busy_timeout,
    "foreign_keys": foreign_keys,
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
}))
"""


def _fresh_settings(data_dir: Path, **env: str) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ENTREGENT_", "DATABASE_URL", "DJANGO_"))
    }
    clean.update(
        {"ENTREGENT_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "entregent.settings", **env}
    )
    result = subprocess.run(
        [sys.executable, "-c", _REPORT],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def laptop(tmp_path_factory) -> tuple[Path, dict]:
    data_dir = tmp_path_factory.mktemp("data")
    return data_dir, _fresh_settings(data_dir)


def test_it_uses_sqlite_in_the_data_directory_without_database_url(laptop):
    data_dir, report = laptop
    assert report["vendor"] == "sqlite"
    assert Path(report["name"]).parent == data_dir
    assert (data_dir / "entregent.sqlite3").exists()


def test_it_turns_on_wal_journal_mode(laptop):
    _, report = laptop
    assert report["journal_mode"] == "wal"


def test_it_waits_for_a_busy_database_instead_of_failing(laptop):
    _, report = laptop
    assert report["busy_timeout"] >= 5000


def test_it_enforces_foreign_keys_on_sqlite(laptop):
    _, report = laptop
    assert report["foreign_keys"] == 1


def test_it_keeps_debug_off_by_default(laptop):
    _, report = laptop
    assert report["debug"] is False


def test_it_keeps_secure_cookies_and_hsts_off_for_a_laptop(laptop):
    _, report = laptop
    assert (report["secure_cookies"], report["hsts"]) == (False, 0)


def test_it_creates_a_secret_key_readable_only_by_its_owner(laptop):
    data_dir, report = laptop
    key_file = data_dir / "secret_key"
    assert key_file.read_text().strip() == report["secret_key"]
    assert len(report["secret_key"]) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_it_never_writes_the_secret_key_readable_by_others(tmp_path):
    # With chmod disabled, only the mode the file was created with remains: a key written
    # world-readable and tightened afterwards would show here.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ENTREGENT_", "DATABASE_URL", "DJANGO_"))
    }
    clean.update(
        {"ENTREGENT_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "entregent.settings"}
    )
    code = (
        "import os, pathlib; os.umask(0o022);"
        "pathlib.Path.chmod = os.chmod = lambda *a, **k: None;"
        "import django; django.setup()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) & 0o077 == 0


def test_it_keeps_the_same_secret_key_on_the_next_start(laptop):
    data_dir, report = laptop
    assert _fresh_settings(data_dir)["secret_key"] == report["secret_key"]


def test_it_prefers_a_secret_key_from_the_environment(tmp_path):
    report = _fresh_settings(tmp_path, ENTREGENT_SECRET_KEY="from-the-environment-" + "x" * 40)
    assert report["secret_key"].startswith("from-the-environment-")
    assert not (tmp_path / "secret_key").exists()


def test_it_turns_on_server_hardening_when_asked(tmp_path):
    report = _fresh_settings(tmp_path, ENTREGENT_SECURE_COOKIES="1", ENTREGENT_HSTS_SECONDS="3600")
    assert (report["secure_cookies"], report["hsts"]) == (True, 3600)


def test_it_refuses_to_start_with_a_bad_setting(tmp_path):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ENTREGENT_", "DATABASE_URL", "DJANGO_"))
    }
    clean.update({"ENTREGENT_DATA_DIR": str(tmp_path), "ENTREGENT_DEBUG": "maybe"})
    clean["DJANGO_SETTINGS_MODULE"] = "entregent.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ENTREGENT_DEBUG" in result.stderr


def test_it_turns_on_wal_for_the_configured_sqlite_database(tmp_path, django_db_blocker):
    if connection.vendor != "sqlite":
        pytest.skip("WAL is a SQLite setting")
    from django.db.backends.sqlite3.base import DatabaseWrapper

    configured = settings.DATABASES["default"]
    wrapper = DatabaseWrapper(
        {**configured, "NAME": str(tmp_path / "probe.sqlite3")}, alias="probe"
    )
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
    finally:
        wrapper.close()


def test_it_runs_the_test_suite_without_debug():
    assert settings.DEBUG is False
