"""Typed settings helpers: defaults when unset, loud failures on bad values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from entregent.core.env import envbool, envint, envlist, envstr

NAME = "ENTREGENT_TEST_VALUE"


@pytest.fixture(autouse=True)
def _unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


def test_it_returns_the_default_when_a_string_is_unset():
    assert envstr(NAME, "fallback") == "fallback"


def test_it_returns_a_string_as_written(monkeypatch):
    monkeypatch.setenv(NAME, " raw value ")
    assert envstr(NAME) == " raw value "


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", " yes ", "on"])
def test_it_reads_yes_words_as_true(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert envbool(NAME, default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_it_reads_no_words_as_false(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert envbool(NAME, default=True) is False


def test_it_returns_the_boolean_default_when_unset():
    assert envbool(NAME, default=True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please", "tru"])
def test_it_fails_loudly_on_a_word_that_is_not_a_boolean(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        envbool(NAME, default=False)


def test_it_reads_an_integer(monkeypatch):
    monkeypatch.setenv(NAME, " 42 ")
    assert envint(NAME, 7) == 42


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_it_returns_the_integer_default_when_unset_or_blank(monkeypatch, raw):
    if raw is not None:
        monkeypatch.setenv(NAME, raw)
    assert envint(NAME, 7) == 7


@pytest.mark.parametrize("raw", ["forty", "4.2", "0x10", "1e3"])
def test_it_fails_loudly_on_a_value_that_is_not_an_integer(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        envint(NAME, 7)


def test_it_fails_loudly_below_the_minimum(monkeypatch):
    monkeypatch.setenv(NAME, "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        envint(NAME, 7, minimum=1)


def test_it_accepts_the_minimum_itself(monkeypatch):
    monkeypatch.setenv(NAME, "1")
    assert envint(NAME, 7, minimum=1) == 1


def test_it_splits_a_list_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " a.example , ,b.example,")
    assert envlist(NAME, ["default"]) == ["a.example", "b.example"]


def test_it_returns_the_list_default_when_unset():
    assert envlist(NAME, ["default"]) == ["default"]


def test_it_reads_an_empty_list_when_set_blank(monkeypatch):
    monkeypatch.setenv(NAME, "")
    assert envlist(NAME, ["default"]) == []
