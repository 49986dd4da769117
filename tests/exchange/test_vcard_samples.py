"""vCard reader on real exports written by other programs (read in place, never copied)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from entregent.exchange.records import ContactRecord, KeptValue, Labelled, SkippedRecord
from entregent.exchange.vcard import read_vcards, write_vcards

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "contacts" / "vcard"
ALL_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.vcf"))


def read(name: str) -> list[ContactRecord | SkippedRecord]:
    with (SAMPLES / name).open("rb") as stream:
        return list(read_vcards(stream))


def contacts(name: str) -> list[ContactRecord]:
    records = read(name)
    assert all(isinstance(r, ContactRecord) for r in records), records
    return [r for r in records if isinstance(r, ContactRecord)]


def without_line(record: ContactRecord | SkippedRecord) -> ContactRecord | SkippedRecord:
    """The record as written elsewhere in another file: its line number is not part of it."""
    return dataclasses.replace(record, line=0)


def kept(record: ContactRecord, name: str) -> list[KeptValue]:
    return [k for k in record.kept if k.name == name]


def test_the_samples_are_there() -> None:
    assert len(ALL_SAMPLES) >= 10


def test_gmail_export_names_escapes_and_apple_groups_kept() -> None:
    (john,) = contacts("John_Doe_GMAIL.vcf")
    assert john.line == 1
    assert john.full_name == "Mr. John Richter, James Doe Sr."
    assert (john.prefix, john.given_name, john.middle_name, john.family_name, john.suffix) == (
        "Mr.",
        "John",
        "Richter, James",
        "Doe",
        "Sr.",
    )
    assert john.emails == [Labelled("john.doe@ibm.com", "home")]
    assert john.phones == [Labelled("905-555-1234", "cell"), Labelled("905-666-1234", "home")]
    assert john.links == [Labelled("http://www.ibm.com", "work")]
    assert (john.organization, john.role) == ("IBM", "Money Counter")
    assert john.birthday == dt.date(1980, 3, 22)
    # The folded NOTE is unfolded, its \" \, \; escapes undone, \n a real line break.
    assert john.notes.startswith(
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"'
    )
    assert "LIMITED TO, THE IMPLIED" in john.notes
    assert "SERVICES; LOSS OF USE" in john.notes
    assert john.notes.endswith("SUCH DAMAGE.\nFavotire Color: Blue")
    # Not modelled: kept with group, label and parameters, to be written back.
    assert kept(john, "item1.X-ABDATE") == [KeptValue("item1.X-ABDATE", "1975-03-01")]
    assert kept(john, "item1.X-ABLabel") == [KeptValue("item1.X-ABLabel", "_$!<Anniversary>!$_")]
    assert kept(john, "item2.X-ABRELATEDNAMES") == [KeptValue("item2.X-ABRELATEDNAMES", "Jenny")]
    assert kept(john, "X-PHONETIC-FIRST-NAME") == [KeptValue("X-PHONETIC-FIRST-NAME", "Jon")]
    (adr,) = kept(john, "ADR")
    assert adr.params == "TYPE=HOME"
    assert adr.value.startswith(
        ";Crescent moon drive\\n555-asd\\nNice Area\\, Albaney\\, New York 12345\\n"
    )


def test_iphone_export_groups_labels_and_folded_photo() -> None:
    (john,) = contacts("John_Doe_IPHONE.vcf")  # lines end in CR CR LF
    assert john.full_name == "Mr. John Richter James Doe Sr."
    assert john.middle_name == "Richter James"
    assert john.nickname == "Johny"
    assert (john.organization, john.department) == ("IBM", "Accounting")
    assert john.emails == [Labelled("john.doe@ibm.com", "")]
    assert john.phones[0] == Labelled("905-555-1234", "cell")  # type=pref first
    assert Labelled("905-888-1234", "home,fax") in john.phones
    # item2.TEL + item2.X-ABLabel:_$!<AssistantPhone>!$_
    assert Labelled("905-222-1234", "assistant phone") in john.phones
    assert john.links == [Labelled("http://www.ibm.com", "home page")]
    assert (john.city, john.region, john.country) == (
        "New York",
        "New York",
        "United States of America",
    )
    assert john.birthday == dt.date(2012, 6, 6)
    (photo,) = kept(john, "PHOTO")
    assert photo.params == "ENCODING=b;TYPE=JPEG"
    assert photo.value.startswith("/9j/4AAQSkZJRgABAQAAAQABAAD/")
    assert " " not in photo.value
    assert len(photo.value) > 40_000
    assert [k.params for k in kept(john, "item3.ADR")] == ["type=HOME;type=pref"]
    assert (
        kept(john, "item4.X-ABADR")[0].value == "Street 4, Building 6,\\n Floor 8\\nNew York\\nUSA"
    )


def test_outlook_2007_quoted_printable_and_base64() -> None:
    (mike,) = contacts("outlook-2007.vcf")
    assert mike.full_name == "Mr. Michael Angstadt Jr."
    assert (mike.given_name, mike.family_name, mike.prefix, mike.suffix) == (
        "Michael",
        "Angstadt",
        "Mr.",
        "Jr.",
    )
    assert mike.nickname == "Mike"
    assert (mike.organization, mike.department, mike.role) == (
        "TheCompany",
        "TheDepartment",
        "TheJobTitle",
    )
    # Quoted-printable with soft line breaks not followed by a space, a TAB, CRLF inside.
    assert mike.notes == (
        "This is the NOTE field\t\n"
        "I assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    assert mike.emails == [Labelled("mike.angstadt@gmail.com", "")]
    assert mike.phones == [
        Labelled("(111) 555-1111", "work"),
        Labelled("(111) 555-2222", "home"),
        Labelled("(111) 555-4444", "cell"),
        Labelled("(111) 555-3333", "work,fax"),
    ]
    assert mike.birthday == dt.date(1922, 3, 10)
    assert (mike.city, mike.region, mike.country) == ("New York", "NY", "USA")
    assert kept(mike, "LABEL") == [
        KeptValue("LABEL", "222 Broadway\\nNew York, NY 99999\\nUSA", "WORK;PREF")
    ]
    assert kept(mike, "ROLE") == [KeptValue("ROLE", "TheProfession")]  # TITLE is the role
    assert kept(mike, "X-MS-TEL") == [KeptValue("X-MS-TEL", "(111) 555-4444", "VOICE;CALLBACK")]
    (key,) = kept(mike, "KEY")
    assert key.params == "X509;ENCODING=BASE64"
    assert key.value.startswith("MIIB/jCCAWugAwIBAgIQ")
    assert key.value.endswith("CYnwmfBEg==")
    (photo,) = kept(mike, "PHOTO")
    assert photo.value.startswith("/9j/4AAQSkZJRg")
    assert kept(mike, "X-MS-OL-DESIGN")[0].value.startswith("<card xmlns=")


def test_android_21_shift_jis_three_cards() -> None:
    cards = contacts("aosp_v21_multiple_entry.vcf")
    assert [c.line for c in cards] == [1, 12, 23]
    assert [c.full_name for c in cards] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert cards[0].phones == [
        Labelled("9", "x-nec-secret"),
        Labelled("10", "x-nec-hotel"),
        Labelled("11", "x-nec-school"),
        Labelled("12", "home,fax"),
    ]
    assert [p.label for p in cards[1].phones] == ["modem", "pager", "x-nec-family", "x-nec-girl"]
    assert kept(cards[2], "SOUND") == [KeptValue("SOUND", "ｱﾝﾄﾞｳﾛｲﾄﾞ5;;;;", "X-IRMC-N")]


def test_shift_jis_in_a_30_card_whose_trail_bytes_are_backslashes() -> None:
    (card,) = contacts("aosp_v30_japanese.vcf")
    assert card.full_name == "伊能 圭一 伊予"
    assert (card.family_name, card.given_name, card.middle_name) == ("伊能", "圭一", "伊予")


def test_kde_mixed_case_begin_folded_adr_and_type_lists() -> None:
    (frank,) = contacts("kcontacts_vcard1.vcf")
    assert frank.full_name == "Frank Dawson"
    assert frank.source_key == "gDVbA6LY3t"
    assert frank.organization == "Lotus Development Corporation"
    assert frank.emails[0] == Labelled("Frank_Dawson@Lotus.com", "")  # PREF first
    assert frank.phones == [
        Labelled("+1-919-676-9515", "msg,work"),
        Labelled("+1-919-676-9564", "fax,work"),
    ]
    assert (frank.city, frank.region, frank.country) == ("Raleigh", "NC", "U.S.A.")
    assert kept(frank, "ADR") == [
        KeptValue(
            "ADR", ";;6544 Battleford Drive;Raleigh;NC;27613-3502;U.S.A.", "TYPE=WORK,POSTAL,PARCEL"
        )
    ]


def test_vcard_40_tel_uris_and_a_quoted_parameter_folded_mid_value() -> None:
    (forrest,) = contacts("node-vcf_vcard-4.0.vcf")
    assert forrest.full_name == "Forrest Gump"
    assert forrest.phones == [
        Labelled("+11115551212", "work"),
        Labelled("+14045551212", "home"),
        Labelled("+14045551213", "home"),
    ]
    assert forrest.emails == [Labelled("forrestgump@example.com", "")]
    assert (forrest.organization, forrest.role) == ("Bubba Gump Shrimp Co.", "Shrimp Man")
    adrs = kept(forrest, "ADR")
    assert (
        adrs[0].params
        == 'TYPE=work;LABEL="100 Waters Edge\\nBaytown, LA 30314\\nUnited States of America"'
    )
    assert (
        adrs[1].params
        == 'TYPE=home;LABEL="42 Plantation St.\\nBaytown, LA 30314\\nUnited States of America"'
    )
    assert (forrest.city, forrest.region, forrest.country) == (
        "Baytown",
        "LA",
        "United States of America",
    )
    assert kept(forrest, "REV") == [KeptValue("REV", "20080424T195243Z")]


def test_whole_card_in_a_group_with_lowercase_names() -> None:
    (berger,) = contacts("vobject_vcard_with_groups.vcf")
    assert berger.full_name == "Meister Berger"
    assert (berger.given_name, berger.family_name) == ("Meister", "Berger")
    assert berger.birthday == dt.date(1963, 9, 21)
    assert berger.role == "Mayor"
    assert berger.emails == [Labelled("mb@goerlitz.de", "")]
    assert berger.phones == [Labelled("+49 3581 123456", "fax,msg")]
    assert (
        berger.notes
        == "The Mayor of the great city of Goerlitz in the great country of Germany.\nNext line."
    )
    assert kept(berger, "title") == [KeptValue("title", "Burgermeister", "language=de;value=text")]
    assert kept(berger, "o") == [KeptValue("o", "Universitæt Görlitz")]
    assert kept(berger, "home.label") == [
        KeptValue("home.label", "Hufenshlagel 1234\\n02828 Goerlitz\\nDeutschland")
    ]


def test_windows_1252_bytes_in_an_unlabelled_30_file() -> None:
    folker, kms = contacts("FolkerKinzel_v3Ansi.vcf")
    assert (folker.line, kms.line) == (1, 19)
    assert folker.full_name == "Folker Kinzel"
    assert folker.emails == [
        Labelled("email1@wumms.de", ""),
        Labelled("email2@folker-kinzel.de", ""),
    ]
    assert folker.birthday == dt.date(1978, 3, 11)
    assert (folker.city, folker.country) == ("Halle", "DE")
    assert kept(folker, "PHOTO")[0].value.endswith(
        "AAAAAAAAAAA/n3yseZjiGHcH1S5pjm8TULwkceJJtHykQCOQCEAE/photo.jpg"
    )
    assert kms.full_name == "KMS Außenstelle"
    assert kms.organization == "KMS Außenstelle"
    assert kms.emails == [Labelled("blablö@blub.com", "")]  # leading space dropped
    assert kms.phones == [Labelled("03443-303776", "home"), Labelled("03443-333440", "homeFax")]


def test_radicale_card_without_n_or_fn_is_named_from_its_email() -> None:
    (card,) = read("radicale_broken-vcard.vcf")
    assert isinstance(card, ContactRecord)
    assert card.full_name == "test-misses-N-or-FN@example.com"
    assert (card.given_name, card.family_name) == ("", "")
    assert card.emails == [Labelled("test-misses-N-or-FN@example.com", "work")]
    assert card.source_key == "C68582D2-2E60-0001-C2C0-000000000000.vcf"
    assert kept(card, "X-MOZILLA-HTML") == [KeptValue("X-MOZILLA-HTML", "FALSE")]


@pytest.mark.parametrize("name", ALL_SAMPLES)
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_every_sample_survives_read_write_read(name: str, version: str) -> None:
    first = read(name)
    records = [r for r in first if isinstance(r, ContactRecord)]
    assert records
    text = "".join(write_vcards(records, version=version))
    second = list(read_vcards(io.BytesIO(text.encode("utf-8"))))
    assert [without_line(r) for r in second] == [without_line(r) for r in records]
