"""vCard reader on messy files built here, byte by byte, for what the samples do not cover."""

from __future__ import annotations

import codecs
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entregent.exchange import vcard
from entregent.exchange.records import (
    ContactRecord,
    FormatError,
    KeptValue,
    Labelled,
    SkippedRecord,
)
from entregent.exchange.vcard import (
    MSG_EMPTY,
    MSG_NO_END,
    MSG_NO_NAME,
    MSG_NOT_PROPERTY,
    MSG_NOT_VCARD,
    MSG_STRAY,
    MSG_TRUNCATED,
    read_vcards,
)


def read(data: bytes) -> list[ContactRecord | SkippedRecord]:
    return list(read_vcards(io.BytesIO(data)))


def one(data: bytes) -> ContactRecord:
    (record,) = read(data)
    assert isinstance(record, ContactRecord), record
    return record


def card(*lines: str, version: str = "3.0", eol: str = "\r\n") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return (eol.join(body) + eol).encode("utf-8")


# --------------------------------------------------------------------------- folding


def test_a_fold_in_the_middle_of_a_utf8_sequence_is_joined_at_the_byte_level() -> None:
    name = "Zoë Ångström-Łukasiewicz".encode()
    cut = name.index("ë".encode()) + 1  # between the two bytes of ë
    data = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:"
        + name[:cut]
        + b"\r\n "
        + name[cut:]
        + b"\r\nEND:VCARD\r\n"
    )
    assert one(data).full_name == "Zoë Ångström-Łukasiewicz"


def test_a_fold_inside_a_quoted_parameter_and_tab_folds() -> None:
    data = (
        b'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nADR;LABEL="1 Main St\\nSpring;fi\r\n eld":;;1 Main St;Spring'
        b"\r\n\tfield;IL;;USA\r\nEND:VCARD\r\n"
    )
    record = one(data)
    assert (record.city, record.region, record.country) == ("Springfield", "IL", "USA")
    assert record.kept == [
        KeptValue("ADR", ";;1 Main St;Springfield;IL;;USA", 'LABEL="1 Main St\\nSpring;field"')
    ]


def test_21_unfolding_keeps_the_space_30_drops_it() -> None:
    lines = ("FN:A", "NOTE:The Mayor of the great city of", " Goerlitz")
    assert one(card(*lines, version="2.1")).notes == "The Mayor of the great city of Goerlitz"
    assert one(card(*lines, version="3.0")).notes == "The Mayor of the great city ofGoerlitz"


def test_lf_only_bare_cr_and_cr_cr_lf_line_ends() -> None:
    lines = ("FN:Ada Lovelace", "EMAIL:ada@example.org")
    for eol in ("\n", "\r", "\r\r\n"):
        record = one(card(*lines, eol=eol))
        assert record.full_name == "Ada Lovelace"
        assert record.emails == [Labelled("ada@example.org")]


# --------------------------------------------------------------------------- 2.1 and charsets


def test_21_quoted_printable_utf8_with_soft_line_breaks() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =\r\n"
        b"cr=C3=A8me=0D=0Aligne 2=\r\n"
        b"\r\n"
        b"TEL;CELL;PREF:+49 171 000000\r\nTEL;HOME:+49 30 000000\r\n"
        b"END:VCARD\r\n"
    )
    record = one(data)
    assert (record.family_name, record.given_name) == ("Müller", "Jürgen")
    assert record.full_name == "Jürgen Müller"  # no FN in 2.1: built from N
    assert record.notes == "Café crème\nligne 2"
    assert record.phones == [Labelled("+49 171 000000", "cell"), Labelled("+49 30 000000", "home")]


def test_21_bare_quoted_printable_parameter_with_windows_1252() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=WINDOWS-1252;QUOTED-PRINTABLE:Fran=E7ois;Ren=E9e\r\n"
        b"ORG;CHARSET=ISO-8859-2:Wroc\xb3aw Sp\xf3\xb3ka\r\nEND:VCARD\r\n"
    )
    record = one(data)
    assert (record.family_name, record.given_name) == ("François", "Renée")
    assert record.organization == "Wrocław Spółka"


def test_unlabelled_shift_jis_file_is_detected() -> None:
    lines = [
        "FN:山田 太郎",
        "N:山田;太郎;;;",
        "ORG:株式会社テスト;営業部",
        "NOTE:東京都千代田区の本社で会いました。来週また連絡します。",
    ]
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n").encode(
        "shift_jis"
    )
    record = one(data)
    assert record.full_name == "山田 太郎"
    assert (record.organization, record.department) == ("株式会社テスト", "営業部")
    assert record.notes.startswith("東京都千代田区")


def test_unlabelled_windows_1251_file_is_detected() -> None:
    people = [("Иванов", "Пётр"), ("Смирнова", "Мария"), ("Кузнецов", "Алексей")]
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{given} {family}\r\nN:{family};{given};;;\r\n"
        f"ORG:Компания Ромашка\r\nNOTE:Познакомились на конференции в Москве\r\nEND:VCARD\r\n"
        for family, given in people
    )
    records = read(text.encode("cp1251"))
    assert [r.full_name for r in records if isinstance(r, ContactRecord)] == [
        "Пётр Иванов",
        "Мария Смирнова",
        "Алексей Кузнецов",
    ]


def test_a_charset_label_that_lies_falls_back_to_utf8() -> None:
    data = card("FN;CHARSET=us-ascii:Søren Kierkegaard")
    assert one(data).full_name == "Søren Kierkegaard"


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_utf16_with_or_without_bom(codec: str, bom: bytes) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łucja Żółć\r\nEMAIL:lucja@example.pl\r\nEND:VCARD\r\n"
    records = read(bom + text.encode(codec) * 2)
    assert [r.line for r in records] == [1, 6]
    assert all(isinstance(r, ContactRecord) and r.full_name == "Łucja Żółć" for r in records)


def test_utf8_bom_is_ignored() -> None:
    assert one(codecs.BOM_UTF8 + card("FN:Bom")).full_name == "Bom"


# --------------------------------------------------------------------------- structure


def test_grouped_label_mixed_case_keywords_and_several_cards_with_their_lines() -> None:
    data = (
        b"begin:vcard\r\nversion:3.0\r\nfn:First\r\nItem1.Email;Type=internet:first@example.org\r\n"
        b"item1.x-ablabel:Conference badge\r\nend:vcard\r\n\r\n"
        b"Begin:VCard\r\nVersion:3.0\r\nFn:Second\r\nEnd:VCard\r\n"
    )
    first, second = read(data)
    assert isinstance(first, ContactRecord)
    assert isinstance(second, ContactRecord)
    assert (first.line, second.line) == (1, 8)
    assert first.emails == [Labelled("first@example.org", "Conference badge")]
    assert first.kept == []  # the label was used up by its e-mail
    assert second.full_name == "Second"


def test_a_label_group_whose_property_is_not_mapped_is_kept_whole() -> None:
    record = one(card("FN:A", "item7.X-ABDATE:2001-02-03", "item7.X-ABLabel:_$!<Anniversary>!$_"))
    assert record.kept == [
        KeptValue("item7.X-ABDATE", "2001-02-03"),
        KeptValue("item7.X-ABLabel", "_$!<Anniversary>!$_"),
    ]


def test_a_21_agent_card_nested_inside_a_card_is_kept_as_text() -> None:
    data = card(
        "FN:Boss",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Assistant",
        "TEL:+1 555 0100",
        "END:VCARD",
        "EMAIL:boss@example.com",
        version="2.1",
    )
    record = one(data)
    assert record.full_name == "Boss"
    assert record.emails == [Labelled("boss@example.com")]
    (agent,) = record.kept
    assert agent.name == "AGENT"
    assert agent.value.startswith("BEGIN:VCARD\\nVERSION:2.1\\nFN:Assistant")


def test_whole_card_in_a_group() -> None:
    data = b"work.BEGIN:VCARD\r\nwork.VERSION:3.0\r\nwork.FN:Grouped\r\nwork.TEL;TYPE=work:1\r\nwork.END:VCARD\r\n"
    record = one(data)
    assert record.full_name == "Grouped"
    assert record.phones == [Labelled("1", "work")]


# --------------------------------------------------------------------------- names


def test_name_from_org_then_email_else_skipped_with_its_line() -> None:
    data = (
        card("ORG:Acme Corp;Sales")
        + card("EMAIL:solo@example.com")
        + card("TEL:+33 1 23 45 67 89", "NOTE:who is this?")
    )
    org, email, nameless = read(data)
    assert isinstance(org, ContactRecord)
    assert isinstance(email, ContactRecord)
    assert (org.full_name, org.organization, org.department) == ("Acme Corp", "Acme Corp", "Sales")
    assert email.full_name == "solo@example.com"
    assert nameless == SkippedRecord(9, MSG_NO_NAME)


# --------------------------------------------------------------------------- values


def test_photos_base64_21_folded_30_b_and_40_data_uri_are_kept() -> None:
    v21 = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:P\r\nPHOTO;JPEG;ENCODING=BASE64:\r\n"
        b"    /9j/4AAQSkZJRgABAQ\r\n    EAYABgAAD/2wBDAAYE\r\n\r\nEND:VCARD\r\n"
    )
    (photo,) = one(v21).kept
    assert photo == KeptValue(
        "PHOTO", "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYE", "JPEG;ENCODING=BASE64"
    )
    # Some phones write 2.1 base64 continuation lines without the leading space.
    unindented = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:P\r\nPHOTO;ENCODING=BASE64;TYPE=GIF:R0lGOD\r\nlhAQABAAAAACw=\r\n\r\nEND:VCARD\r\n"
    assert one(unindented).kept == [
        KeptValue("PHOTO", "R0lGODlhAQABAAAAACw=", "ENCODING=BASE64;TYPE=GIF")
    ]
    v30 = card("FN:P", "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo", " AAAANSUhEUg==")
    assert one(v30).kept == [KeptValue("PHOTO", "iVBORw0KGgoAAAANSUhEUg==", "ENCODING=b;TYPE=PNG")]
    v40 = card("FN:P", "PHOTO:data:image/png;base64,iVBORw0KGgo", " AAAANSUhEUg==", version="4.0")
    assert one(v40).kept == [KeptValue("PHOTO", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==")]


def test_dates_full_compact_yearless_apple_and_invalid() -> None:
    assert one(card("FN:A", "BDAY:1980-03-22")).birthday == dt.date(1980, 3, 22)
    assert one(card("FN:A", "BDAY:19800322T000000Z")).birthday == dt.date(1980, 3, 22)
    assert one(card("FN:A", "BDAY:--0415", version="4.0")).birthday_month_day == (4, 15)
    assert one(card("FN:A", "BDAY:--04-15")).birthday_month_day == (4, 15)
    apple = one(card("FN:A", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"))
    assert (apple.birthday, apple.birthday_month_day) == (None, (2, 29))
    for bad in ("1980-02-30", "next tuesday", "0000-00-00"):
        record = one(card("FN:A", f"BDAY:{bad}"))
        assert record.birthday is None
        assert record.kept == [KeptValue("BDAY", bad)]


def test_escapes_and_multiple_values() -> None:
    record = one(
        card(
            "FN:Smith\\, Jr.\\; the second",
            "N:Smith;Anna,Maria;;Dr.;",
            "NICKNAME:Annie,AM",
            "CATEGORIES:friends,climbing\\, bouldering,work",
            "CATEGORIES:work,lyon",
            "NOTE:line one\\nline two\\\\not a break",
        )
    )
    assert record.full_name == "Smith, Jr.; the second"
    assert record.given_name == "Anna Maria"
    assert record.prefix == "Dr."
    assert record.nickname == "Annie, AM"
    assert record.tags == ["friends", "climbing, bouldering", "work", "lyon"]
    assert record.notes == "line one\nline two\\not a break"


def test_type_and_pref_parameters_become_labels_preferred_first() -> None:
    record = one(
        card(
            "FN:A",
            "EMAIL;TYPE=INTERNET,WORK:w@example.com",
            "EMAIL;TYPE=home;PREF=1:h@example.com",
            "TEL;TYPE=voice:+1",
            'TEL;TYPE="cell,text";VALUE=uri:tel:+2',
            version="4.0",
        )
    )
    assert record.emails == [Labelled("h@example.com", "home"), Labelled("w@example.com", "work")]
    assert record.phones == [Labelled("+1", ""), Labelled("+2", "cell,text")]


def test_address_role_org_uid_urls_and_vendor_properties() -> None:
    record = one(
        card(
            "FN:Camille Martin",
            "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
            "TITLE:CTO",
            "ROLE:Engineering lead",
            "ORG:Acme;R&D;Paris lab",
            "ADR;TYPE=work:;;12 rue de la Paix;Paris;Île-de-France;75002;France",
            "URL:https://www.linkedin.com/in/camille-martin",
            "URL;TYPE=work:https://acme.example",
            "X-SOCIALPROFILE;TYPE=twitter:https://twitter.com/camille",
            "X-CUSTOM;X-PARAM=1:anything\\, really",
        )
    )
    assert record.source_key == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert record.role == "CTO"
    assert (record.organization, record.department) == ("Acme", "R&D; Paris lab")
    assert (record.city, record.region, record.country) == ("Paris", "Île-de-France", "France")
    assert record.links == [
        Labelled("https://www.linkedin.com/in/camille-martin", "linkedin"),
        Labelled("https://acme.example", "work"),
    ]
    assert record.kept == [
        KeptValue("ROLE", "Engineering lead"),
        KeptValue("ADR", ";;12 rue de la Paix;Paris;Île-de-France;75002;France", "TYPE=work"),
        KeptValue("X-SOCIALPROFILE", "https://twitter.com/camille", "TYPE=twitter"),
        KeptValue("X-CUSTOM", "anything\\, really", "X-PARAM=1"),
    ]


# --------------------------------------------------------------------------- broken files


def test_not_a_vcard_names_the_first_line() -> None:
    with pytest.raises(FormatError) as error:
        read(b"\r\nName,Email\r\nAda,ada@example.org\r\n")
    assert error.value.line == 2
    assert error.value.message == MSG_NOT_VCARD
    with pytest.raises(FormatError) as binary:
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert binary.value.line == 1


def test_empty_file() -> None:
    with pytest.raises(FormatError) as error:
        read(b"")
    assert error.value.message == MSG_EMPTY
    assert error.value.line is None
    with pytest.raises(FormatError) as blank:
        read(b"\r\n\r\n   \r\n")
    assert blank.value.message == MSG_EMPTY


def test_truncated_file_names_the_line_of_the_unfinished_card() -> None:
    data = card("FN:Complete") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut sh"
    stream = read_vcards(io.BytesIO(data))
    first = next(stream)
    assert isinstance(first, ContactRecord)
    with pytest.raises(FormatError) as error:
        next(stream)
    assert error.value.line == 5
    assert error.value.message == MSG_TRUNCATED


def test_a_card_with_a_garbage_line_is_skipped_and_the_others_read() -> None:
    data = (
        card("FN:Good one")
        + card("FN:Bad one", "this line is not a property", "EMAIL:b@x")
        + card("FN:Good two")
    )
    good, bad, good_two = read(data)
    assert isinstance(good, ContactRecord)
    assert isinstance(good_two, ContactRecord)
    assert bad == SkippedRecord(8, MSG_NOT_PROPERTY)  # the line at fault
    assert (good.full_name, good_two.full_name) == ("Good one", "Good two")


def test_a_card_without_end_before_the_next_begin_is_skipped() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No end\r\n" + card("FN:Next")
    skipped, following = read(data)
    assert skipped == SkippedRecord(1, MSG_NO_END)
    assert isinstance(following, ContactRecord)
    assert following.line == 4


def test_text_between_cards_is_reported_not_silently_dropped() -> None:
    data = card("FN:One") + b"-- page 2 --\r\n" + card("FN:Two")
    one_, stray, two = read(data)
    assert stray == SkippedRecord(5, MSG_STRAY)
    assert isinstance(one_, ContactRecord)
    assert isinstance(two, ContactRecord)


def test_reading_is_lazy_one_card_at_a_time() -> None:
    data = card("FN:First") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never finished\r\n"
    stream = read_vcards(io.BytesIO(data))
    first = next(stream)
    assert isinstance(first, ContactRecord)
    assert first.full_name == "First"


def test_a_card_over_the_size_limit_is_skipped_without_holding_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vcard, "MAX_CARD", 1000)
    photo = "\r\n ".join(["QUJD" * 18] * 40)  # 40 folded lines, about 2.9 KB unfolded
    data = card("FN:Big", f"PHOTO;ENCODING=b:{photo}") + card("FN:Small")
    big, small = read(data)
    assert big == SkippedRecord(1, vcard.MSG_TOO_LARGE)
    assert isinstance(small, ContactRecord)
    assert small.full_name == "Small"


def test_a_physical_line_over_the_limit_is_a_format_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vcard, "MAX_CARD", 1000)
    monkeypatch.setattr(vcard, "CHUNK", 256)
    monkeypatch.setattr(vcard, "SAMPLE", 256)
    data = card("FN:Fine") + b"BEGIN:VCARD\r\nNOTE:" + b"x" * 5000 + b"\r\nEND:VCARD\r\n"
    with pytest.raises(FormatError) as error:
        read(data)
    assert error.value.message == vcard.MSG_LINE_TOO_LONG
    assert error.value.line == 6


_VALID = card(
    "FN:Zoë Ångström",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85ngstr=C3=B6m;Zo=C3=AB;;;",
    "item1.EMAIL;TYPE=INTERNET:zoe@example.se",
    "item1.X-ABLabel:_$!<Other>!$_",
    'ADR;LABEL="a\\nb":;;Gatan 1;Uppsala;;75220;Sweden',
    "BDAY:--0229",
    "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo",
    " AAAANSUhEUg==",
)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.tuples(st.integers(0, len(_VALID)), st.integers(0, 40), st.binary(max_size=12)).map(
            lambda t: _VALID[: t[0]] + t[2] + _VALID[t[0] + t[1] :]
        ),
    )
)
def test_any_bytes_give_records_or_a_format_error_naming_a_line(data: bytes) -> None:
    problem: FormatError | None = None
    records: list[ContactRecord | SkippedRecord] = []
    try:
        records = read(data)
    except FormatError as error:
        problem = error
    if problem is not None:
        assert problem.message
        assert problem.line is None or problem.line >= 1
    for record in records:
        assert isinstance(record, ContactRecord | SkippedRecord)
        assert record.line >= 1
        if isinstance(record, ContactRecord):
            assert record.display_name()


_SCRIPTS = {
    "windows-1252": "abcdéèêëàâçîïôöùûüÿæœßñÁÉÍÓÚ",
    "windows-1251": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГД",
    "shift_jis": "あいうえおかきくけこアイウエオ山田太郎花子東京都",
    "iso-8859-2": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
}


@settings(max_examples=200, deadline=None)
@given(
    charset=st.sampled_from(sorted(_SCRIPTS)),
    picks=st.lists(st.integers(0, 40), min_size=1, max_size=30),
    cut=st.integers(1, 200),
    quoted_printable=st.booleans(),
)
def test_labelled_charsets_folded_anywhere(
    charset: str, picks: list[int], cut: int, quoted_printable: bool
) -> None:
    letters = _SCRIPTS[charset]
    name = "".join(letters[i % len(letters)] for i in picks)
    value = name.encode(charset)
    if quoted_printable:
        value = b"".join(b"=%02X" % byte for byte in value)
        header = b"FN;CHARSET=" + charset.encode() + b";ENCODING=QUOTED-PRINTABLE:"
        where = min(cut, len(value)) // 3 * 3  # soft breaks go between encoded bytes
        line = header + value[:where] + b"=\r\n" + value[where:]
    else:
        header = b"FN;CHARSET=" + charset.encode() + b":"
        raw = header + value
        where = min(cut, len(raw) - 1)
        line = raw[:where] + b"\r\n " + raw[where:]  # even inside a two-byte character
    version = b"2.1" if quoted_printable else b"3.0"  # 2.1 unfolding keeps the space
    data = b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\n" + line + b"\r\nEND:VCARD\r\n"
    assert one(data).full_name == name
