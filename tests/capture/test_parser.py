"""The pure capture parser: both languages, every marker, relative dates, ambiguity, bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.capture.parser import KnownPerson, detect_language, parse_capture

# A Saturday.
NOW = dt.datetime(2026, 11, 21, 10, 0)


def parse(text: str, **kwargs):
    return parse_capture(text, now=NOW, **kwargs)


def test_it_reads_the_english_example_of_the_issue():
    result = parse(
        "Met Dana Whitfield in line at Blue Bottle, graphic designer, also shoots product "
        "photos. Follow up tomorrow about my Etsy listings. #design"
    )
    assert result.language == "en"
    [dana] = result.people
    assert (dana.name, dana.role) == ("Dana Whitfield", "graphic designer")
    assert result.channel == "in_person"
    assert result.place == "Blue Bottle"
    assert result.facts_by_kind() == {"offer": ["shoots product photos"]}
    assert result.tags == ["design"]
    assert result.followup is not None
    assert result.followup.due == dt.date(2026, 11, 22)
    assert result.followup.topic == "my Etsy listings"
    assert result.leftover == ""
    assert result.occurred_at == NOW


def test_it_reads_the_french_example_of_the_issue():
    result = parse("Rencontré Camille Dubois au café du coin, graphiste, relancer lundi prochain.")
    assert result.language == "fr"
    assert [(p.name, p.role) for p in result.people] == [("Camille Dubois", "graphiste")]
    assert result.place == "café du coin"
    assert result.followup is not None
    assert result.followup.due == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("follow up tomorrow", dt.date(2026, 11, 22)),
        ("relancer demain", dt.date(2026, 11, 22)),
        ("follow up next Monday", dt.date(2026, 11, 23)),
        ("relancer lundi prochain", dt.date(2026, 11, 23)),
        ("call back on Friday", dt.date(2026, 11, 27)),
        ("relancer vendredi", dt.date(2026, 11, 27)),
        ("follow up in 3 months", dt.date(2027, 2, 21)),
        ("relancer dans 3 mois", dt.date(2027, 2, 21)),
        ("follow up in two weeks", dt.date(2026, 12, 5)),
        ("relancer dans deux semaines", dt.date(2026, 12, 5)),
        ("follow up today", dt.date(2026, 11, 21)),
        ("relancer aujourd'hui", dt.date(2026, 11, 21)),
        ("follow up 2026-12-03", dt.date(2026, 12, 3)),
        ("relancer le 18/11/2026", dt.date(2026, 11, 18)),
        ("follow up 11/18/2026", dt.date(2026, 11, 18)),
        ("follow up 03/04/2027", dt.date(2027, 4, 3)),
        ("follow up on Dec 15", dt.date(2026, 12, 15)),
        ("relancer le 15 décembre", dt.date(2026, 12, 15)),
        ("remind me in a month", dt.date(2026, 12, 21)),
        ("follow up next week", dt.date(2026, 11, 28)),
    ],
)
def test_it_resolves_follow_up_dates_against_now(phrase, due):
    result = parse(f"Met Ana Lopes. {phrase}")
    assert result.followup is not None
    assert result.followup.due == due


def test_a_month_later_is_clamped_to_the_months_last_day():
    result = parse_capture("Met Ana Lopes, follow up in 1 month", now=dt.datetime(2027, 1, 31, 9))
    assert result.followup is not None
    assert result.followup.due == dt.date(2027, 2, 28)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Met Ana Lopes yesterday", dt.date(2026, 11, 20)),
        ("Rencontré Ana Lopes hier soir", dt.date(2026, 11, 20)),
        ("Met Ana Lopes today", dt.date(2026, 11, 21)),
        ("Met Ana Lopes 2026-11-19 at the gym", dt.date(2026, 11, 19)),
        ("Met Ana Lopes on 18/11/2026", dt.date(2026, 11, 18)),
        ("Met Ana Lopes last Tuesday", dt.date(2026, 11, 17)),
        ("Rencontré Ana Lopes il y a 3 jours", dt.date(2026, 11, 18)),
    ],
)
def test_it_reads_the_day_of_the_encounter(phrase, day):
    result = parse(phrase)
    assert result.occurred_at.date() == day
    assert result.date_stated


def test_a_future_date_outside_a_follow_up_becomes_the_follow_up():
    result = parse("Ana Lopes 2026-12-24")
    assert result.occurred_at == NOW
    assert result.followup is not None
    assert result.followup.due == dt.date(2026, 12, 24)
    assert [w.code for w in result.warnings] == ["future_date"]


def test_a_weekday_in_a_plan_is_not_the_day_they_met():
    result = parse("sms à Julie pour le resto de samedi")
    assert result.occurred_at == NOW


@pytest.mark.parametrize(
    ("phrase", "channel"),
    [
        ("met Ana Lopes", "in_person"),
        ("rencontré Ana Lopes", "in_person"),
        ("call with Ana Lopes", "call"),
        ("appel avec Ana Lopes", "call"),
        ("phoned Ana Lopes", "call"),
        ("zoom with Ana Lopes", "video"),
        ("visio avec Ana Lopes", "video"),
        ("email from Ana Lopes", "email"),
        ("mail de Ana Lopes", "email"),
        ("texted Ana Lopes", "message"),
        ("WhatsApp avec Ana Lopes", "message"),
        ("LinkedIn message from Ana Lopes", "social"),
        ("DM on twitter with Ana Lopes", "social"),
    ],
)
def test_it_reads_the_channel(phrase, channel):
    result = parse(phrase)
    assert result.channel == channel
    assert [p.name for p in result.people] == ["Ana Lopes"]


def test_no_channel_word_means_no_channel():
    assert parse("Ana Lopes, graphic designer").channel is None


def test_it_reads_lower_case_names_and_capitalises_them():
    result = parse("met tom baker at the Design Meetup, ux researcher at Shopify")
    [tom] = result.people
    assert (tom.name, tom.role, tom.organization) == ("Tom Baker", "ux researcher", "Shopify")
    assert result.event.removeprefix("the ") == "Design Meetup"


def test_it_reads_several_people_and_attributes_facts():
    result = parse(
        "Met Alex Chen and Maria Gomez at the AI Founders Breakfast. Alex is building an "
        "invoicing app, Maria is looking for a cofounder."
    )
    assert [p.name for p in result.people] == ["Alex Chen", "Maria Gomez"]
    by_text = {f.text: (f.kind, f.person) for f in result.facts}
    assert by_text == {"an invoicing app": ("project", 0), "a cofounder": ("need", 1)}


@pytest.mark.parametrize(
    ("phrase", "kind", "text"),
    [
        ("Met Ana Lopes, she offers Python tutoring", "offer", "Python tutoring"),
        ("Met Ana Lopes, can help with SEO audits", "offer", "SEO audits"),
        ("Rencontré Ana Lopes, propose des ateliers", "offer", "des ateliers"),
        ("Met Ana Lopes, looking for a designer", "need", "a designer"),
        ("Met Ana Lopes, needs investors", "need", "investors"),
        ("Rencontré Ana Lopes, cherche un associé", "need", "un associé"),
        ("Rencontré Ana Lopes, a besoin d'un photographe", "need", "un photographe"),
        ("Met Ana Lopes, loves climbing", "interest", "climbing"),
        ("Met Ana Lopes, runs marathons", "interest", "runs marathons"),
        ("Rencontré Ana Lopes, passionnée de voile", "interest", "voile"),
        ("Met Ana Lopes, working on a podcast", "project", "a podcast"),
        ("Met Ana Lopes, building a climate app", "project", "a climate app"),
        ("Rencontré Ana Lopes, travaille sur une appli", "project", "une appli"),
        ("Rencontré Ana Lopes, lance une marque", "project", "une marque"),
    ],
)
def test_it_reads_facts_by_kind(phrase, kind, text):
    assert parse(phrase).facts_by_kind() == {kind: [text]}


def test_what_i_offer_is_not_their_fact():
    result = parse("Call with Emma Thompson, I can offer a quick audit")
    assert result.facts == []


@pytest.mark.parametrize(
    "phrase",
    [
        "Met Lucas Fontaine, introduced by Karen",
        "Rencontré Lucas Fontaine, présenté par Karen",
        "Met Lucas Fontaine via Karen",
        "Présenté par Karen à Lucas Fontaine",
    ],
)
def test_it_reads_who_introduced_them(phrase):
    result = parse(phrase)
    assert result.introduced_by is not None
    assert result.introduced_by.name == "Karen"
    assert [p.name for p in result.people] == ["Lucas Fontaine"]


def test_tags_are_read_and_removed_from_the_text():
    result = parse("Met Ana Lopes #design #Photo #design")
    assert result.tags == ["design", "Photo"]
    assert result.leftover == ""


def test_an_explicit_mention_finds_the_known_person():
    known = [KnownPerson(1, "Dana Whitfield"), KnownPerson(2, "Dana Scully")]
    result = parse("email from @Dana Whitfield about the shoot", known_people=known)
    [dana] = result.people
    assert dana.explicit
    assert dana.match is not None
    assert dana.match.id == 1


def test_an_explicit_mention_of_someone_unknown_is_new_and_warned():
    result = parse("Met @Zed Quorra", known_people=[KnownPerson(1, "Dana Whitfield")])
    assert result.people[0].name == "Zed Quorra"
    assert result.people[0].match is None
    assert "unknown_mention" in [w.code for w in result.warnings]


def test_it_matches_a_known_person_with_a_typo():
    result = parse("Met Dana Whitfeld", known_people=[KnownPerson(7, "Dana Whitfield")])
    assert result.people[0].match is not None
    assert result.people[0].match.reason == "fuzzy"


def test_it_matches_a_known_person_by_email():
    known = [KnownPerson(3, "Sven Olsen", ("sven@nordic.dev",))]
    result = parse("Got an email from sven@nordic.dev", known_people=known)
    assert result.people[0].match is not None
    assert result.people[0].match.id == 3


def test_it_derives_a_name_from_an_unknown_email():
    result = parse("email with jennifer.lopez@acme.io about the partnership")
    assert result.people[0].name == "Jennifer Lopez"
    assert result.people[0].emails == ["jennifer.lopez@acme.io"]


def test_two_possible_people_are_ambiguous_not_guessed():
    known = [KnownPerson(1, "Karen Liu"), KnownPerson(2, "Karen Smith")]
    result = parse("coffee with Karen", known_people=known)
    [karen] = result.people
    assert karen.ambiguous
    assert karen.match is None
    assert {c.id for c in karen.candidates} == {1, 2}
    assert "ambiguous_person" in [w.code for w in result.warnings]


def test_two_people_with_the_same_full_name_are_ambiguous():
    known = [KnownPerson(1, "Sam Lee"), KnownPerson(2, "Sam Lee")]
    assert parse("Met Sam Lee", known_people=known).people[0].ambiguous


@pytest.mark.parametrize("text", ["asdf qwerty lorem ipsum", "bla bla truc machin", "?!?!", ""])
def test_garbage_is_kept_as_leftover_with_warnings(text):
    result = parse(text)
    assert result.people == []
    assert "no_person" in [w.code for w in result.warnings]
    if any(c.isalpha() for c in text):
        assert result.leftover
        assert "not_understood" in [w.code for w in result.warnings]


def test_very_long_input_is_truncated_with_a_warning():
    result = parse("Met Ana Lopes, loves climbing. " + "blah " * 5000)
    assert len(result.text) <= 4000
    assert "truncated" in [w.code for w in result.warnings]
    assert result.people[0].name == "Ana Lopes"


def test_control_characters_are_dropped():
    result = parse("Met Ana\x00 Lopes\x1b at the\u200b gym\x07 #sport\x1f")
    assert "\x00" not in result.text
    assert result.people[0].name == "Ana Lopes"
    assert result.tags == ["sport"]


def test_private_use_characters_cannot_forge_internal_markers():
    result = parse("Met \ue002\ue002 Ana Lopes \ue000")
    assert [p.name for p in result.people] == ["Ana Lopes"]


def test_the_result_is_json_serialisable():
    result = parse("Met Ana Lopes yesterday, follow up in 2 weeks #x")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["occurred_at"].startswith("2026-11-20")
    assert data["followup"]["due"] == "2026-12-05"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Met Ana at the gym, follow up tomorrow", "en"),
        ("Rencontré Ana à la salle, relancer demain", "fr"),
    ],
)
def test_it_detects_the_language(text, language):
    assert detect_language(text) == language


def test_it_falls_back_to_the_default_language():
    assert detect_language("Ana Lopes", "fr") == "fr"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=8),
            st.sampled_from(
                ["met ", "avec ", "à ", "follow up ", "demain ", "@", "#", "(", ")", ", ", ". "]
            ),
            st.sampled_from(
                ["Ana ", "Lopes ", "at the ", "chez ", "via ", "2026-13-45 ", "31/02 "]
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_it_never_fails_on_any_text(text):
    result = parse(text)
    json.dumps(result.to_dict())
    for person in result.people:
        assert person.name
        assert "\ue002" not in person.name
