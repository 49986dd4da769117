"""The draft composer: every kind, both languages, the word limit, and nothing invented."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from entregent.followups import drafts
from entregent.followups.draft_selectors import phrases_for

TODAY = dt.date(2026, 11, 19)  # a Thursday
EN = phrases_for("en")
FR = phrases_for("fr")
# The French sentences come from the catalogue the lead merges; until then French falls
# back to English and only the language-independent checks below can run in French.
FRENCH_CATALOGUE = FR.greeting != EN.greeting
needs_french = pytest.mark.skipif(
    not FRENCH_CATALOGUE, reason="the French draft phrases are not in the catalogue yet"
)

MEETING = drafts.Meeting(
    on=TODAY - dt.timedelta(days=1),
    channel="in_person",
    where="Design Meetup",
    summary="pricing handmade prints",
)
OFFER = drafts.Value(drafts.VALUE_OFFER, text="product photography", need="photos for Etsy")


def make(kind: str = drafts.FOLLOW_UP, **changes: object) -> drafts.DraftInput:
    values: dict[str, object] = {
        "kind": kind,
        "given_name": "Dana",
        "my_name": "Alice",
        "today": TODAY,
        "meeting": MEETING,
        "topic": "the Etsy listings",
        "value": OFFER,
    }
    values.update(changes)
    return drafts.DraftInput(**values)  # type: ignore[arg-type]


def test_a_follow_up_greets_recalls_offers_and_proposes_coffee() -> None:
    draft = drafts.compose(make(), EN)
    assert draft.subject == "Following up: the Etsy listings"
    assert draft.body.startswith("Hi Dana,\n\n")
    assert "Thanks again for our chat yesterday at Design Meetup." in draft.body
    assert "I am following up about the Etsy listings." in draft.body
    assert "pricing handmade prints" not in draft.body  # the topic says what it is about
    assert "You mentioned photos for Etsy: I would be glad to help with product photography." in (
        draft.body
    )
    assert "coffee" in draft.body
    assert draft.body.endswith("Best,\nAlice")
    assert (draft.value_kind, draft.next_step) == (drafts.VALUE_OFFER, drafts.NEXT_COFFEE)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "on Tuesday"),
        (6, "on Friday"),
        (7, "last week"),
        (13, "last week"),
        (16, "on November 3"),
        (120, "in July"),
        (400, "in October 2025"),
    ],
)
def test_when_we_met_reads_as_a_relative_day(days: int, expected: str) -> None:
    assert drafts.relative_day(TODAY - dt.timedelta(days=days), TODAY, EN) == expected


@needs_french
@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, "hier"), (2, "mardi"), (7, "la semaine dernière"), (16, "le 3 novembre")],
)
def test_when_we_met_in_french(days: int, expected: str) -> None:
    assert drafts.relative_day(TODAY - dt.timedelta(days=days), TODAY, FR) == expected


@needs_french
def test_a_french_draft_is_french_from_subject_to_signature() -> None:
    draft = drafts.compose(make(), FR)
    assert draft.subject.startswith("Suite à notre échange")
    assert draft.body.startswith("Bonjour Dana,")
    assert "hier à Design Meetup" in draft.body
    assert "Un café la semaine prochaine" in draft.body
    assert draft.body.endswith("Bien à vous,\nAlice")
    assert "Thanks" not in draft.body


def test_without_a_topic_a_short_summary_says_what_we_talked_about() -> None:
    draft = drafts.compose(make(topic=""), EN)
    assert "We talked about pricing handmade prints." in draft.body
    assert draft.subject == "Following up on our conversation"


def test_a_call_is_proposed_unless_we_met_in_person_in_the_same_city() -> None:
    call = drafts.Meeting(on=TODAY - dt.timedelta(days=3), channel="call")
    assert drafts.compose(make(meeting=call), EN).next_step == drafts.NEXT_CALL
    assert "20 minutes for a call" in drafts.compose(make(meeting=call), EN).body
    assert drafts.compose(make(same_city=False), EN).next_step == drafts.NEXT_CALL
    assert drafts.compose(make(meeting=None), EN).next_step == drafts.NEXT_CALL
    assert "Thanks again for the call on Monday." in drafts.compose(make(meeting=call), EN).body


def test_each_kind_has_its_own_subject_and_opening() -> None:
    check_in = drafts.compose(make(drafts.CHECK_IN, topic=""), EN)
    assert check_in.subject == "Catching up, Dana"
    assert "I was thinking of our chat at Design Meetup yesterday" in check_in.body
    birthday = drafts.compose(
        make(drafts.CONGRATULATE, topic="", milestone_kind="birthday", milestone_note="40!"), EN
    )
    assert birthday.subject == "Happy birthday, Dana!"
    assert "Happy birthday!" in birthday.body
    assert "40" not in birthday.body  # a birthday's note stays private
    launch = drafts.compose(
        make(drafts.CONGRATULATE, topic="", milestone_kind="launch", milestone_note="Etsy shop"),
        EN,
    )
    assert "Congratulations on the launch! I just saw the news: Etsy shop." in launch.body
    share = drafts.compose(make(drafts.SHARE, topic="pricing article"), EN)
    assert share.subject == "For you: pricing article"
    assert "share about pricing article: [link]" in share.body
    assert share.value_kind == drafts.VALUE_SHARE
    assert "product photography" not in share.body  # one thing of value, not two
    intro = drafts.compose(make(drafts.INTRO, topic="Karen Lee, bookkeeper"), EN)
    assert intro.subject == "Introduction: Karen Lee, bookkeeper"
    assert "the introduction we talked about: Karen Lee, bookkeeper." in intro.body
    custom = drafts.compose(make(drafts.CUSTOM, topic=""), EN)
    assert custom.subject == "News from Alice"
    assert drafts.compose(make(drafts.CUSTOM), EN).subject == "the Etsy listings"


def test_the_value_falls_back_from_an_offer_to_an_intro_a_need_a_project_or_an_open_offer() -> None:
    intro = drafts.Value(
        drafts.VALUE_INTRO, text="bookkeeping", need="an accountant", other="Karen Lee"
    )
    body = drafts.compose(make(value=intro), EN).body
    assert "introduce you to Karen Lee, who offers bookkeeping." in body
    need = drafts.compose(make(value=drafts.Value(drafts.VALUE_NEED, need="a co-founder")), EN)
    assert "Is there anything I can do to help with a co-founder?" in need.body
    project = drafts.Value(drafts.VALUE_PROJECT, text="the podcast")
    assert "How is the podcast coming along?" in drafts.compose(make(value=project), EN).body
    generic = drafts.compose(make(value=None), EN)
    assert generic.value_kind == drafts.VALUE_GENERIC
    assert "If there is anything I can help with, just ask." in generic.body


def test_nothing_is_invented_when_little_is_known() -> None:
    draft = drafts.compose(make(meeting=None, topic="", value=None), EN)
    assert draft.body == (
        "Hi Dana,\n\n"
        "If there is anything I can help with, just ask.\n\n"
        "Would you have 20 minutes for a call next week?\n\n"
        "Best,\nAlice"
    )
    assert draft.subject == "Following up on our conversation"
    check_in = drafts.compose(make(drafts.CHECK_IN, meeting=None, topic="", value=None), EN)
    assert "It has been a while" in check_in.body
    nameless = drafts.compose(make(given_name="", meeting=None, value=None), EN)
    assert nameless.body.startswith("Hello,\n\n")


def test_an_incomplete_value_is_not_offered() -> None:
    half = drafts.Value(drafts.VALUE_OFFER, text="product photography", need="")
    assert drafts.compose(make(value=half), EN).value_kind == drafts.VALUE_GENERIC
    no_name = drafts.Value(drafts.VALUE_INTRO, text="bookkeeping", need="accounting", other=" ")
    assert drafts.compose(make(value=no_name), EN).value_kind == drafts.VALUE_GENERIC


def test_long_notes_are_not_recalled_and_quoted_texts_are_cut() -> None:
    capture = "Met Dana in line at Blue Bottle. Graphic designer, also shoots product photos."
    meeting = drafts.Meeting(on=TODAY, channel="in_person", summary=capture)
    body = drafts.compose(make(meeting=meeting), EN).body
    assert "Blue Bottle" not in body
    assert drafts.recallable_summary("We talked about her new studio.") == "her new studio"
    assert drafts.recallable_summary("On a parlé de photo culinaire") == "photo culinaire"
    assert drafts.recallable_summary("the Etsy listings", topic="The Etsy listings.") == ""
    assert drafts.clip("one two three four five", 3) == "one two three…"
    assert drafts.clip("  spaced \n out.  ") == "spaced out"


RICH = "extraordinarily " * 40


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", drafts.KINDS)
@pytest.mark.parametrize(
    "value",
    [
        drafts.Value(drafts.VALUE_OFFER, text=RICH, need=RICH),
        drafts.Value(drafts.VALUE_INTRO, text=RICH, need=RICH, other="Bartholomew " * 10),
        drafts.Value(drafts.VALUE_NEED, need=RICH),
        drafts.Value(drafts.VALUE_PROJECT, text=RICH),
        None,
    ],
)
def test_every_draft_stays_within_120_words_on_rich_data(
    language: str, kind: str, value: drafts.Value | None
) -> None:
    meeting = drafts.Meeting(
        on=TODAY - dt.timedelta(days=200), channel="in_person", where=RICH, summary="long " * 9
    )
    data = make(
        kind,
        given_name="Maximiliana " * 5,
        my_name="Alexandra Konstantinopoulou-Vanderbilt",
        meeting=meeting,
        topic=RICH,
        value=value,
        milestone_kind="launch",
        milestone_note=RICH,
    )
    draft = drafts.compose(data, phrases_for(language))
    assert 0 < draft.word_count <= drafts.MAX_WORDS
    assert len(draft.subject.split()) <= drafts.SUBJECT_WORDS + 6
    assert draft.body.endswith("Alexandra Konstantinopoulou-Vanderbilt")


def test_when_too_long_the_least_needed_sentences_go_first() -> None:
    long_phrases = drafts.Phrases(
        **{
            **EN.__dict__,
            "summary": "We talked about %(summary)s. " + "Padding words here. " * 30,
        }
    )
    assert "We talked about pricing" in drafts.compose(make(topic=""), EN).body
    draft = drafts.compose(make(topic=""), long_phrases)
    assert "We talked about" not in draft.body  # the summary went, whole
    assert draft.word_count <= drafts.MAX_WORDS
    assert "Padding" not in draft.body
    assert "product photography" in draft.body  # the value stays
    assert "coffee" in draft.body  # and the next step


def test_the_mailto_link_encodes_subject_and_body() -> None:
    url = drafts.mailto_url("dana+shop@example.org", "Café & co?", "Hi Dana,\n\nLine 2 = 100%")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "dana+shop@example.org"
    assert " " not in url
    assert "\n" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == ["Café & co?"]
    assert query["body"] == ["Hi Dana,\r\n\r\nLine 2 = 100%"]
    assert "%0D%0A" in url


def test_the_eml_parses_back_with_its_headers_and_utf8_body() -> None:
    when = dt.datetime(2026, 11, 19, 9, 30, tzinfo=dt.UTC)
    raw = drafts.eml_bytes(
        to="dana@example.org",
        sender="alice@example.com",
        subject="Félicitations, Dana !",
        body="Bonjour Dana,\n\nÀ bientôt — Alice",
        date=when,
    )
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "dana@example.org"
    assert message["From"] == "alice@example.com"
    assert message["Subject"] == "Félicitations, Dana !"
    assert message["Date"].datetime == when
    assert message.get_content_charset() == "utf-8"
    assert b"\r\n" in raw  # RFC 5322 line ends
    content = message.get_content().replace("\r\n", "\n").strip()
    assert content == "Bonjour Dana,\n\nÀ bientôt — Alice"
    no_sender = drafts.eml_bytes(to="", sender="", subject="S", body="B", date=when)
    parsed = email.message_from_bytes(no_sender, policy=email.policy.default)
    assert parsed["From"] is None
    assert parsed["To"] is None
