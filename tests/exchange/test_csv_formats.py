"""The CSV readers and writer: real exports read in place, and messy files built inline."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from pathlib import Path

import pytest

from entregent.exchange.csv_formats import (
    MSG_NO_IDENTITY,
    MSG_TRUNCATED,
    detect_encoding,
    detect_layout,
    parse_date,
    read_csv,
    read_header,
    suggest_mapping,
)
from entregent.exchange.records import (
    ContactRecord,
    FormatError,
    KeptValue,
    Labelled,
    SkippedRecord,
)

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "contacts" / "csv"


def sample(name: str) -> io.BufferedReader:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available beside the repository")
    return path.open("rb")


def read(data: bytes, **kwargs: object) -> list[ContactRecord | SkippedRecord]:
    return list(read_csv(io.BytesIO(data), **kwargs))  # type: ignore[arg-type]


def records(data: bytes, **kwargs: object) -> list[ContactRecord]:
    out = read(data, **kwargs)
    assert all(isinstance(r, ContactRecord) for r in out), out
    return [r for r in out if isinstance(r, ContactRecord)]


def kept(rec: ContactRecord) -> dict[str, str]:
    return {k.name: k.value for k in rec.kept}


# --- the real samples, read in place ------------------------------------------------------


def test_rolomind_linkedin_sample_reads_every_connection_with_excel_dates():
    with sample("rolomind_linkedin.csv") as f:
        assert detect_layout(f) == "linkedin"
        recs = list(read_csv(f))
    assert [r.display_name() for r in recs if isinstance(r, ContactRecord)] == [
        "John Doe",
        "Jane Smith",
        "Bob Wilson",
        "Alice Brown",
        "Charlie Davis",
    ]
    john, _jane, bob, alice, charlie = recs
    assert isinstance(john, ContactRecord)
    assert john.line == 2
    assert john.emails == [Labelled("john@example.com")]
    assert (john.organization, john.role) == ("Acme Corp", "CEO")
    assert john.connected_on == dt.date(2024, 1, 15)
    assert john.source_key == "https://linkedin.com/in/johndoe"
    assert john.links == [Labelled("https://linkedin.com/in/johndoe", "linkedin")]
    assert isinstance(bob, ContactRecord)
    assert bob.emails == []
    assert bob.connected_on == dt.date(2023, 3, 10)
    assert isinstance(alice, ContactRecord)
    assert alice.role == "Director of Engineering"
    assert isinstance(charlie, ContactRecord)
    assert charlie.connected_on == dt.date(2025, 5, 5)
    assert charlie.line == 6
    assert all(isinstance(r, ContactRecord) and r.kept == [] for r in recs)


def test_rolomind_google_sample_reads_the_current_google_layout():
    with sample("rolomind_google.csv") as f:
        assert detect_layout(f) == "google"
        recs = records(f.read())
    assert [r.display_name() for r in recs] == [
        "John Doe",
        "Jane Smith",
        "Bob Wilson",
        "Alice Brown",
    ]
    john, jane, bob, alice = recs
    assert (john.organization, john.role) == ("Acme Corp", "CEO")
    assert john.phones == [Labelled("+1-555-0123", "work")]
    assert john.emails == [Labelled("john@example.com")]
    assert john.links == [Labelled("https://acme.com", "Website")]
    assert kept(john) == {
        "Address 1 - Label": "Work",
        "Address 1 - Formatted": "123 Main St, San Francisco, CA",
    }
    assert jane.links == []
    assert bob.phones == []
    assert "Address 1 - Label" not in kept(bob)
    # The last row has no final newline.
    assert alice.phones == [Labelled("+1-555-0125", "mobile")]
    assert alice.line == 5


def test_roundcube_gmail_sample_reads_the_legacy_google_layout():
    with sample("roundcube_gmail.csv") as f:
        assert detect_layout(f) == "google_legacy"
        (rec,) = records(f.read())
    assert rec.full_name == "Prefix Firstname Middle Lastname Suffix"
    assert (rec.prefix, rec.given_name, rec.middle_name, rec.family_name, rec.suffix) == (
        "Prefix",
        "Firstname",
        "Middle",
        "Lastname",
        "Suffix",
    )
    assert rec.nickname == "nick"
    assert rec.birthday == dt.date(1975, 12, 12)
    assert rec.notes == 'note"note'
    # "* My Contacts" is Google's own group, not a tag of the user's.
    assert rec.tags == ["Test"]
    assert rec.emails == [
        Labelled("home@aaa.pl", "home"),
        Labelled("work@email.pl", "work"),
        Labelled("unknown@email.com", ""),
        Labelled("other@email.com", "other"),
    ]
    assert Labelled("mobile", "mobile") in rec.phones
    assert Labelled("workfax", "work fax") in rec.phones
    assert len(rec.phones) == 7
    assert (rec.organization, rec.role) == ("company", "jobtitle")
    assert (rec.city, rec.region, rec.country) == ("home_city", "home_state", "home_country")
    assert rec.links == [Labelled("test.com", "Profile"), Labelled("home.page.com", "Home Page")]
    k = kept(rec)
    # The multi-line quoted address is kept whole, and the second address too.
    assert (
        k["Address 1 - Formatted"]
        == "home_street\nhome_pobox\nhome_city, home_state home_zip\nhome_country"
    )
    assert k["Address 2 - City"] == "work_city"
    assert k["Relation 1 - Value"] == "spouse"


def test_horde_outlook_sample_reads_the_92_column_export_with_a_multiline_note():
    with sample("horde_Outlook.csv") as f:
        info = read_header(f)
        assert info.layout == "outlook"
        assert len(info.headers) == 92
        (rec,) = records(f.read())
    assert rec.line == 2
    assert rec.display_name() == "Firman Wandayandi"
    assert (rec.organization, rec.department, rec.role) == ("Foo", "Foo Net", "Web Developer")
    assert rec.emails == [Labelled("firman@php.net")]
    assert Labelled("999999999", "mobile") in rec.phones
    assert Labelled("99999999", "work") in rec.phones
    assert (rec.city, rec.region, rec.country) == ("Bandung", "West Java", "Indonesia")
    assert rec.notes == "It's\nmultiline\nmemo."
    assert rec.links == [Labelled("http://php.hm/~firman")]
    assert kept(rec)["E-mail Display Name"] == "Firman Wandayandi"
    assert kept(rec)["Business Street"] == "Foo Street"


# --- LinkedIn -------------------------------------------------------------------------------

LINKEDIN_WITH_PREAMBLE = (
    b"Notes:\r\n"
    b'"When exporting your connection data, you may notice that some of the email addresses are missing.\r\n'
    b'You can learn more here, https://www.linkedin.com/help"\r\n'
    b"\r\n"
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,Analytical Engines,Countess,12 Mar 2021\r\n"
    b",,https://www.linkedin.com/in/hidden,,,,01 Feb 2020\r\n"
    b"Grace,Hopper,https://www.linkedin.com/in/grace,,US Navy,Rear Admiral,2024-01-15\r\n"
    b"Alan,Turing,https://www.linkedin.com/in/alan,,,,someday\r\n"
)


def test_linkedin_preamble_is_skipped_and_lines_count_it():
    out = read(LINKEDIN_WITH_PREAMBLE)
    assert detect_layout(io.BytesIO(LINKEDIN_WITH_PREAMBLE)) == "linkedin"
    ada, hidden, grace, alan = out
    assert isinstance(ada, ContactRecord)
    assert ada.line == 6
    assert ada.connected_on == dt.date(2021, 3, 12)
    assert ada.source_key == "https://www.linkedin.com/in/ada"
    assert ada.links == [Labelled("https://www.linkedin.com/in/ada", "linkedin")]
    assert (ada.organization, ada.role) == ("Analytical Engines", "Countess")
    assert hidden == SkippedRecord(line=7, reason=MSG_NO_IDENTITY)
    assert isinstance(grace, ContactRecord)
    assert grace.connected_on == dt.date(2024, 1, 15)
    assert isinstance(alan, ContactRecord)
    # A date that is not one is kept as written, never lost or fatal.
    assert alan.connected_on is None
    assert alan.kept == [KeptValue(name="Connected On", value="someday")]


def test_a_notes_column_first_is_not_a_preamble():
    (rec,) = records(b"Notes:,Name,Email\nmet at PyCon,Ada,a@x.org\n")
    assert rec.full_name == "Ada"
    assert rec.notes == "met at PyCon"


def test_a_preamble_that_never_ends_is_a_format_error():
    data = b"Notes:\n" + b"".join(b"Ada %d,a%d@x.org\n" % (i, i) for i in range(100))
    with pytest.raises(FormatError) as err:
        read(data)
    assert err.value.line == 2


def test_a_long_note_is_read():
    note = "word " * 60_000
    (rec,) = records(f'Name,Notes\nAda,"{note}"\n'.encode())
    assert rec.notes == note.strip()


def test_first_and_last_name_with_a_url_alone_is_not_linkedin():
    data = b"First Name,Last Name,URL\nAda,Lovelace,https://ada.example\n"
    assert detect_layout(io.BytesIO(data)) == "generic"
    (rec,) = records(data)
    assert rec.links == [Labelled("https://ada.example")]
    assert rec.source_key == ""


def test_linkedin_columns_in_any_order_with_unknown_columns_kept():
    data = (
        b"Connected On,Position,URL,Company,Last Name,First Name,Email Address,Tags\n"
        b"15-Jan-24,CTO,https://linkedin.com/in/x,Xco,Xavier,Xena,x@x.io,vip\n"
    )
    (rec,) = records(data)
    assert (rec.given_name, rec.family_name, rec.role, rec.organization) == (
        "Xena",
        "Xavier",
        "CTO",
        "Xco",
    )
    assert rec.connected_on == dt.date(2024, 1, 15)
    assert rec.kept == [KeptValue(name="Tags", value="vip")]


# --- Google ---------------------------------------------------------------------------------


def test_google_multiple_values_in_one_cell_and_labels_to_tags():
    data = (
        "First Name,Middle Name,Last Name,Nickname,Birthday,Notes,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
        "Organization Name,Organization Title,Address 1 - City,Address 1 - Country\n"
        "Zoé,,Durand,Zozo,--04-23,Met at PyCon,* myContacts ::: Friends ::: Lyon,"
        "* Work,zoe@work.fr ::: zoe@perso.fr,Mobile,+33 6 12 34 56 78,"
        "Acme,Engineer,Lyon,France\n"
    ).encode()
    (rec,) = records(data)
    assert rec.given_name == "Zoé"
    assert rec.nickname == "Zozo"
    assert rec.birthday is None
    assert rec.birthday_month_day == (4, 23)
    assert rec.tags == ["Friends", "Lyon"]
    assert rec.emails == [Labelled("zoe@work.fr", "work"), Labelled("zoe@perso.fr", "work")]
    assert rec.phones == [Labelled("+33 6 12 34 56 78", "mobile")]
    assert (rec.city, rec.country) == ("Lyon", "France")
    assert rec.notes == "Met at PyCon"


def test_google_utf16_with_bom_as_google_writes_for_outlook():
    text = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\r\nRenée Ørsted,Renée,Ørsted,* My Contacts,* Home,r@o.dk\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert detect_encoding(data) == "utf-16"
    (rec,) = records(data)
    assert rec.full_name == "Renée Ørsted"
    assert rec.emails == [Labelled("r@o.dk", "home")]
    assert rec.tags == []


# --- Outlook --------------------------------------------------------------------------------


OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business City,Home City,Business Phone,Home Phone,Mobile Phone,Birthday,Categories,"
    "E-mail Address,E-mail Type,E-mail 2 Address,Notes,Web Page"
)


def test_outlook_classic_columns():
    data = (
        OUTLOOK_HEADER + "\r\n"
        "Dr.,Jean,,Martin,,Soc,R&D,Chef,Paris,Lyon,01 23,04 56,06 78,1/2/1980,Clients;VIP,"
        "j@m.fr,SMTP,jean@perso.fr,hello,http://jm.fr\r\n"
        ",Paul,,Durand,,,,,,,,,,0/0/00,,p@d.fr,,,,\r\n"
    ).encode()
    assert detect_layout(io.BytesIO(data)) == "outlook"
    jean, paul = records(data)
    assert jean.prefix == "Dr."
    assert jean.city == "Paris"
    # The home city does not fit in the one city field: kept, not lost.
    assert kept(jean)["Home City"] == "Lyon"
    assert kept(jean)["E-mail Type"] == "SMTP"
    assert jean.phones == [
        Labelled("01 23", "work"),
        Labelled("04 56", "home"),
        Labelled("06 78", "mobile"),
    ]
    assert jean.emails == [Labelled("j@m.fr"), Labelled("jean@perso.fr")]
    assert jean.birthday == dt.date(1980, 1, 2)
    assert jean.tags == ["Clients", "VIP"]
    assert jean.links == [Labelled("http://jm.fr")]
    # Outlook's 0/0/00 means no birthday: nothing set, nothing kept.
    assert paul.birthday is None
    assert paul.kept == []


def test_outlook_com_export_layout():
    header = (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,E-mail 2 Address,"
        "Home Phone,Mobile Phone,Business Phone,Job Title,Department,Company,Business City,"
        "Business Country/Region,Home City,Personal Web Page,Web Page,Birthday,Anniversary,Notes"
    )
    row = "Ann,,Lee,Ms.,,Annie,ann@lee.com,,1,2,3,CTO,R&D,Lee Ltd,Leeds,UK,,,https://lee.uk,1985-07-04,2010-06-01,hi"
    data = f"{header}\r\n{row}\r\n".encode()
    assert detect_layout(io.BytesIO(data)) == "outlook"
    (rec,) = records(data)
    assert (rec.prefix, rec.given_name, rec.family_name, rec.nickname) == (
        "Ms.",
        "Ann",
        "Lee",
        "Annie",
    )
    assert (rec.role, rec.department, rec.organization) == ("CTO", "R&D", "Lee Ltd")
    assert (rec.city, rec.country) == ("Leeds", "UK")
    assert rec.phones == [Labelled("1", "home"), Labelled("2", "mobile"), Labelled("3", "work")]
    assert rec.birthday == dt.date(1985, 7, 4)
    assert rec.links == [Labelled("https://lee.uk")]
    assert kept(rec) == {"Anniversary": "2010-06-01"}


def test_outlook_exchange_addresses_are_kept_not_taken_for_emails():
    data = (
        b"First Name,Last Name,E-mail Address,E-mail Type,E-mail 2 Address\r\n"
        b"Ann,Lee,/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=ann,EX,ann@lee.com\r\n"
    )
    (rec,) = records(data)
    assert rec.emails == [Labelled("ann@lee.com")]
    assert kept(rec)["E-mail Address"] == "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=ann"


def test_outlook_unicode_export_in_utf16_with_tabs():
    text = 'First Name\tLast Name\tE-mail Address\tJob Title\tNotes\r\nJosé\tNuñez\tj@n.es\tJefe\t"a\r\nb"\r\n'
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert detect_layout(io.BytesIO(data)) == "outlook"
    (rec,) = records(data)
    assert (rec.given_name, rec.family_name, rec.role) == ("José", "Nuñez", "Jefe")
    # Line breaks inside notes are stored as \n whatever the file used.
    assert rec.notes == "a\nb"


def test_french_outlook_headers_with_the_two_titre_columns_and_day_first_dates():
    header = "Titre;Prénom;Nom;Société;Titre;Ville (bureau);Tél. mobile;Adresse de messagerie;Anniversaire;Catégories"
    row = "M.;Hélène;Dupré;Crédit Agricole;Directrice;Lyon;06 11 22 33 44;helene@ca.fr;03/04/1975;Banque"
    data = (header + "\r\n" + row + "\r\n").encode("cp1252")
    assert detect_layout(io.BytesIO(data)) == "outlook"
    (rec,) = records(data)
    assert (rec.prefix, rec.given_name, rec.family_name) == ("M.", "Hélène", "Dupré")
    assert (rec.organization, rec.role, rec.city) == ("Crédit Agricole", "Directrice", "Lyon")
    assert rec.phones == [Labelled("06 11 22 33 44", "mobile")]
    assert rec.emails == [Labelled("helene@ca.fr")]
    assert rec.birthday == dt.date(1975, 4, 3)
    assert rec.tags == ["Banque"]


def test_outlook_express_layout():
    data = (
        b"Name,E-mail Address,Home Street,Home City,Home Country/Region,Home Phone,Mobile Phone,"
        b"Personal Web Page,Business Phone,Company,Job Title,Notes\r\n"
        b"Bill Gates,bill@ms.com,1 Way,Medina,USA,555,556,http://b.g,557,Microsoft,Chair,old\r\n"
    )
    assert detect_layout(io.BytesIO(data)) == "outlook_express"
    (rec,) = records(data)
    assert rec.full_name == "Bill Gates"
    assert (rec.city, rec.country) == ("Medina", "USA")
    assert rec.phones == [
        Labelled("555", "home"),
        Labelled("556", "mobile"),
        Labelled("557", "work"),
    ]
    assert rec.links == [Labelled("http://b.g", "home")]
    assert kept(rec) == {"Home Street": "1 Way"}


# --- generic --------------------------------------------------------------------------------


def test_suggest_mapping_reads_english_and_french_headers():
    assert suggest_mapping(
        [
            "Nom",
            "Prénom",
            "Courriel",
            "Téléphone portable",
            "Société",
            "Fonction",
            "Ville",
            "Remarques",
            "Couleur",
        ]
    ) == {
        "Nom": "family_name",
        "Prénom": "given_name",
        "Courriel": "emails",
        "Téléphone portable": "phones",
        "Société": "organization",
        "Fonction": "role",
        "Ville": "city",
        "Remarques": "notes",
        "Couleur": "ignore",
    }
    assert suggest_mapping(
        ["Full Name", "Work Email", "Mobile", "Company", "Birthday", "LinkedIn"]
    ) == {
        "Full Name": "full_name",
        "Work Email": "emails",
        "Mobile": "phones",
        "Company": "organization",
        "Birthday": "birthday",
        "LinkedIn": "links",
    }


def test_title_is_a_prefix_when_there_is_also_a_job_title():
    assert suggest_mapping(["Title", "Name", "Job Title"]) == {
        "Title": "prefix",
        "Name": "full_name",
        "Job Title": "role",
    }
    assert suggest_mapping(["Name", "Title"]) == {"Name": "full_name", "Title": "role"}


def test_generic_csv_uses_the_suggested_mapping_and_keeps_the_rest():
    data = b"Full Name,Work Email,Mobile,Shoe size\nAda Lovelace,ada@x.org,+44 20,38\n"
    assert detect_layout(io.BytesIO(data)) == "generic"
    (rec,) = records(data)
    assert rec.full_name == "Ada Lovelace"
    assert rec.emails == [Labelled("ada@x.org", "work")]
    assert rec.phones == [Labelled("+44 20", "mobile")]
    assert rec.kept == [KeptValue(name="Shoe size", value="38")]


def test_a_thunderbird_export_reads_through_the_suggested_mapping():
    header = (
        "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
        "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home City,Work City,"
        "Job Title,Department,Organization,Web Page 1,Birth Year,Birth Month,Birth Day,Notes"
    )
    row = "Ada,Lovelace,Ada L.,,ada@x.org,ada@y.org,adal,1,2,3,4,5,London,Cambridge,Countess,Maths,AE,http://a.l,1815,12,10,poet"
    assert detect_layout(io.BytesIO(f"{header}\n{row}\n".encode())) == "generic"
    (rec,) = records(f"{header}\n{row}\n".encode())
    assert (rec.given_name, rec.family_name, rec.full_name) == ("Ada", "Lovelace", "Ada L.")
    assert rec.emails == [Labelled("ada@x.org"), Labelled("ada@y.org")]
    assert rec.phones == [
        Labelled("1", "work"),
        Labelled("2", "home"),
        Labelled("3", "fax"),
        Labelled("5", "mobile"),
    ]
    assert (rec.role, rec.department, rec.organization, rec.city) == (
        "Countess",
        "Maths",
        "AE",
        "London",
    )
    assert rec.links == [Labelled("http://a.l")]
    assert rec.notes == "poet"
    assert kept(rec) == {
        "Screen Name": "adal",
        "Pager Number": "4",
        "Work City": "Cambridge",
        "Birth Year": "1815",
        "Birth Month": "12",
        "Birth Day": "10",
    }


def test_generic_csv_with_a_chosen_mapping():
    data = b"col1,col2,col3\nAda,ada@x.org,ignored but kept\n"
    (rec,) = records(data, mapping={"col1": "given_name", "col2": "emails", "col3": "ignore"})
    assert rec.given_name == "Ada"
    assert rec.emails == [Labelled("ada@x.org")]
    assert rec.kept == [KeptValue(name="col3", value="ignored but kept")]


def test_generic_tags_split_on_commas_and_semicolons():
    (rec,) = records(b'Name,Groups\nAda,"friends, work;Lyon"\n')
    assert rec.tags == ["friends", "work", "Lyon"]


def test_a_mapping_to_an_unknown_field_is_refused():
    with pytest.raises(ValueError, match="col1"):
        read(b"col1\nx\n", mapping={"col1": "shoe_size"})


def test_semicolons_and_tabs_are_sniffed():
    for delimiter in (b";", b"\t"):
        data = (
            delimiter.join([b"Name", b"Email", b"Notes"])
            + b"\n"
            + delimiter.join([b"Ada", b"a@x", b"a, b"])
            + b"\n"
        )
        (rec,) = records(data)
        assert rec.full_name == "Ada"
        assert rec.notes == "a, b"


def test_rows_without_name_email_or_phone_are_skipped_with_their_line():
    data = b'Name,Email,Notes\nAda,,\n,,"just a\nnote"\n,,\n,b@x.org,\n'
    out = read(data)
    assert [type(r).__name__ for r in out] == ["ContactRecord", "SkippedRecord", "ContactRecord"]
    assert out[1] == SkippedRecord(line=3, reason=MSG_NO_IDENTITY)
    # Line 5 (",,") is empty: no record at all; the e-mail-only row starts on line 6.
    assert out[2].line == 6
    assert isinstance(out[2], ContactRecord)
    assert out[2].display_name() == "b@x.org"


def test_extra_cells_beyond_the_header_are_kept():
    (rec,) = records(b"Name,Email\nAda,a@x,surplus\n")
    assert rec.kept == [KeptValue(name="column 3", value="surplus")]


# --- encodings and messy files --------------------------------------------------------------


def test_utf8_with_bom():
    (rec,) = records(codecs.BOM_UTF8 + "Prénom,Nom\nÉlodie,Zoë\n".encode())
    assert (rec.given_name, rec.family_name) == ("Élodie", "Zoë")


def test_windows_1252_accents_are_decoded():
    data = "Prénom;Nom;Société;Notes\nHélène;Müller;Crédit Lyonnais;« très » cher \u2013 10 €\n".encode(
        "cp1252"
    )
    assert detect_encoding(data) == "cp1252"
    (rec,) = records(data)
    assert (rec.given_name, rec.family_name, rec.organization) == (
        "Hélène",
        "Müller",
        "Crédit Lyonnais",
    )
    assert rec.notes == "« très » cher \u2013 10 €"


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Имя;Фамилия;Компания\nАлексей;Смирнов;Газпром\nОльга;Иванова;Сбербанк\n"),  # noqa: RUF001
        ("cp1250", "Imię;Nazwisko;Firma\nŁukasz;Żółć;Święty\nZdeněk;Čapek;Škoda\n"),
        ("shift_jis", "名前,メール\n山田太郎,taro@example.jp\n鈴木花子,hana@example.jp\n"),
    ],
)
def test_other_code_pages_are_detected(codec, text):
    data = text.encode(codec)
    assert data.decode(detect_encoding(data)) == text
    lines = [line.replace(";", ",").split(",") for line in text.splitlines()]
    header, first = lines[0], lines[1]
    recs = records(data, mapping={header[0]: "full_name"})
    assert recs[0].full_name == first[0]
    assert recs[0].kept[0] == KeptValue(name=header[1], value=first[1])


def test_utf16_without_bom():
    data = "Name,Email\r\nÅsa,a@x\r\n".encode("utf-16-le")
    assert detect_encoding(data) == "utf-16-le"
    (rec,) = records(data)
    assert rec.full_name == "Åsa"


def test_a_stray_windows_1252_byte_after_the_sample_does_not_fail():
    rows = b"".join(b"Person %d,p%d@x.org\n" % (i, i) for i in range(5000))
    data = b"Name,Email\n" + rows + b"Ren\xe9e,r@x.org\n"
    recs = records(data)
    assert recs[-1].full_name == "Renée"
    assert recs[-1].line == 5002


def test_embedded_newlines_count_as_physical_lines():
    data = b'Name,Notes\r\nAda,"one\r\ntwo\r\nthree"\r\nBob,x\r\n'
    ada, bob = records(data)
    assert ada.notes == "one\ntwo\nthree"
    assert (ada.line, bob.line) == (2, 5)


def test_old_mac_line_endings():
    ada, bob = records(b"Name,Email\rAda,a@x\rBob,b@x\r")
    assert (ada.line, bob.line) == (2, 3)


# --- broken files ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", codecs.BOM_UTF8])
def test_an_empty_file_is_a_format_error(data):
    with pytest.raises(FormatError, match="empty"):
        read(data)


def test_a_vcard_is_not_a_csv():
    with pytest.raises(FormatError) as err:
        read(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n")
    assert err.value.line == 1


def test_a_file_without_a_header_row_names_its_line():
    with pytest.raises(FormatError) as err:
        read(b"\nada@example.org,+33 6 12 34 56 78\n")
    assert err.value.line == 2


def test_a_first_row_of_numbers_is_not_a_header():
    with pytest.raises(FormatError) as err:
        read(b"Ada,+33 6 12 34 56 78,1815-12-10\nBob,+33 6 00,1990-01-01\n")
    assert err.value.line == 1


def test_binary_content_is_a_format_error():
    with pytest.raises(FormatError, match="binary"):
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_an_unclosed_quote_names_the_line_where_the_row_starts():
    with pytest.raises(FormatError) as err:
        read(b'Name,Notes\nAda,fine\nBob,"never closed\nmore\n')
    assert err.value.line == 3
    assert "quoted" in err.value.message


def test_a_file_cut_in_its_last_row_skips_that_row_with_its_line():
    out = read(b"Name,Email,Company\nAda,ada@x.org,AE\nBob,bob@exa")
    assert isinstance(out[0], ContactRecord)
    assert out[1] == SkippedRecord(line=3, reason=MSG_TRUNCATED)


def test_a_whole_last_row_without_a_final_newline_is_read():
    (_ada, bob) = records(b"Name,Email,Company\nAda,ada@x.org,AE\nBob,bob@x.org,")
    assert bob.emails == [Labelled("bob@x.org")]


def test_broken_quotes_name_their_line():
    with pytest.raises(FormatError) as err:
        read(b'Name,Notes\nAda,fine\nBob,"closed"early\n')
    assert err.value.line == 3


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2021", dt.date(2021, 3, 12)),
        ("15-Jan-24", dt.date(2024, 1, 15)),
        ("5-May-25", dt.date(2025, 5, 5)),
        ("2021-03-12", dt.date(2021, 3, 12)),
        ("2021-03-12 10:11:12", dt.date(2021, 3, 12)),
        ("1/2/1980", dt.date(1980, 1, 2)),
        ("25/12/1999", dt.date(1999, 12, 25)),
        ("Mar 12, 2021", dt.date(2021, 3, 12)),
        ("3 févr. 2020", dt.date(2020, 2, 3)),
        ("1/2/80", dt.date(1980, 1, 2)),
    ],
)
def test_dates_as_exporters_write_them(text, expected):
    parsed = parse_date(text, today=dt.date(2026, 1, 1))
    assert parsed is not None
    assert parsed.date == expected


@pytest.mark.parametrize("text", ["someday", "31/31/2020", "2021-02-30", "12 Foo 2021"])
def test_not_a_date(text):
    assert parse_date(text) is None
