"""The one family of application errors and the shared service helpers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from entregent.core.errors import ApplicationError, Conflict, InvalidInput, NotFound
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text, multi_line, single_line
from entregent.people.choices import Circle
from entregent.people.models import Organization, Person


def test_it_names_each_field_of_a_dict_validation_error():
    exc = InvalidInput.from_validation_error(
        ValidationError({"full_name": ["Too long.", "Odd."], "city": ValidationError("Bad city.")})
    )
    assert exc.errors == {"full_name": ["Too long.", "Odd."], "city": ["Bad city."]}
    assert exc.message == "full_name: Too long."


def test_it_files_a_list_validation_error_under_all():
    exc = InvalidInput.from_validation_error(ValidationError(["First.", "Second."]))
    assert exc.errors == {"__all__": ["First.", "Second."]}
    assert exc.message == "First."


def test_it_files_a_single_message_under_all():
    exc = InvalidInput.from_validation_error(ValidationError("Only one."))
    assert exc.errors == {"__all__": ["Only one."]}


def test_it_fills_in_the_parameters_of_a_message():
    exc = InvalidInput.from_validation_error(
        ValidationError({"size": ValidationError("At most %(limit)s.", params={"limit": 10})})
    )
    assert exc.errors == {"size": ["At most 10."]}


def test_it_survives_a_validation_error_with_no_messages():
    exc = InvalidInput.from_validation_error(ValidationError({}))
    assert exc.status == 422
    assert exc.errors == {}


def test_it_builds_an_error_for_one_field():
    exc = InvalidInput.for_field("emails", "Not an e-mail.")
    assert exc.errors == {"emails": ["Not an e-mail."]}
    assert "emails" in exc.message


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (ApplicationError(), 400, "invalid"),
        (InvalidInput(), 422, "invalid"),
        (NotFound(), 404, "not_found"),
        (Conflict(), 409, "conflict"),
    ],
)
def test_it_maps_each_error_to_a_status_and_code(error, status, code):
    assert (error.status, error.code) == (status, code)
    assert error.as_dict() == {"detail": error.message, "code": code, "errors": {}}
    assert error.message


def test_it_keeps_the_message_it_was_given():
    assert str(Conflict("Already there.", errors={"name": ["Taken."]})) == "Already there."


def test_it_turns_lazy_messages_into_text():
    from django.utils.translation import gettext_lazy

    message: Any = gettext_lazy("Not found.")
    detail: Any = gettext_lazy("Gone.")
    exc = NotFound(message, errors={"x": [detail]})
    assert isinstance(exc.message, str)
    assert exc.errors == {"x": ["Gone."]}


def test_it_makes_every_error_an_application_error():
    for error in (InvalidInput, NotFound, Conflict):
        assert issubclass(error, ApplicationError)


# Shared helpers ---------------------------------------------------------------------


def test_it_refuses_a_value_outside_the_choices_listing_them():
    with pytest.raises(InvalidInput) as exc:
        ensure_choice("best", Circle, "circle")
    assert "inner" in exc.value.errors["circle"][0]


def test_it_accepts_a_value_among_the_choices():
    ensure_choice("inner", Circle, "circle")


def test_it_refuses_an_unhashable_choice():
    with pytest.raises(InvalidInput):
        ensure_choice(["inner"], Circle, "circle")


def test_it_treats_another_owners_object_as_not_found(alice, bob):
    org = Organization.objects.create(owner=bob, name="Bob Corp")
    with pytest.raises(NotFound) as exc:
        ensure_owned(alice, org, "organization")
    assert exc.value.errors == {"organization": ["Not found."]}


def test_it_accepts_the_owners_object_or_nothing(alice):
    ensure_owned(alice, Organization.objects.create(owner=alice, name="Acme"), "organization")
    ensure_owned(alice, None, "organization")


def test_it_turns_model_validation_into_invalid_input(alice):
    with pytest.raises(InvalidInput) as exc:
        full_clean_or_raise(Person(owner=alice, full_name="", sort_name="x"))
    assert "full_name" in exc.value.errors


def test_it_enforces_the_declared_length_of_a_text_area(alice):
    with pytest.raises(InvalidInput) as exc:
        full_clean_or_raise(
            Person(owner=alice, full_name="Ann", sort_name="ann", notes="n" * 20_001)
        )
    assert "notes" in exc.value.errors


def test_it_leaves_excluded_fields_alone(alice):
    full_clean_or_raise(
        Person(owner=alice, full_name="Ann", sort_name="x" * 500), exclude=["sort_name"]
    )


# Validators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x01",
        "\x08",
        "\x0b",
        "\x0c",
        "\x0e",
        "\x1b",
        "\x1f",
        "\x7f",
        "\x80",
        "\x85",
        "\x9f",
    ],
)
def test_it_refuses_control_characters_everywhere(char):
    for validator in (single_line, multi_line):
        with pytest.raises(ValidationError):
            validator(f"a{char}b")


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_it_allows_line_breaks_and_tabs_only_in_multi_line_text(char):
    multi_line(f"a{char}b")
    with pytest.raises(ValidationError):
        single_line(f"a{char}b")


@pytest.mark.parametrize("text", ["Émilie", "李小龍", "emoji 🎉", "a\u00a0b", "¿qué?", "\u200d"])
def test_it_accepts_printable_text_in_any_script(text):
    single_line(text)
    multi_line(text)


def test_it_strips_surrounding_white_space():
    assert clean_text("  a b  ") == "a b"
    assert clean_text(None) == ""
    assert clean_text("\n\n line one\nline two \n", multiline=True) == "line one\nline two"
