"""load_regulation / load_regulation_bytes for every supported format, encodings and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import InvalidEncoding, InvalidInput, UnsupportedDocument
from knowledge.legal_chunking import body_of
from knowledge.loaders import (
    SUPPORTED_SUFFIXES,
    load_regulation,
    load_regulation_bytes,
    number_and_date,
)

ACT = """ФЕДЕРАЛЬНЫЙ ЗАКОН
О порядке рассмотрения обращений граждан
от 02.05.2006 N 59-ФЗ

Статья 8. Направление и регистрация письменного обращения

2. Письменное обращение регистрируют в течение трёх дней.

Статья 12. Сроки рассмотрения

1. Обращение рассматривают в течение 30 дней.
"""


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Cyrillic via a ToUnicode map).

    Written by hand so the tests need no PDF library: every distinct character gets a
    one-byte code in a Type1 font, and /ToUnicode tells readers what the codes mean.
    """
    chars = sorted(set("".join(lines)))
    assert len(chars) < 200
    code = {ch: 0x20 + i for i, ch in enumerate(chars)}
    show = []
    for i, line in enumerate(lines):
        hexed = "".join(f"{code[ch]:02X}" for ch in line)
        move = "72 760 Td" if i == 0 else "0 -18 Td"
        show.append(f"{move} <{hexed}> Tj")
    content = ("BT /F1 12 Tf " + " ".join(show) + " ET").encode()
    bfchar = "\n".join(f"<{code[ch]:02X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Custom def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Правила уборки дворов", level=0)
    d.add_paragraph("Постановление администрации от 15.03.2024 № 210")
    d.add_heading("Статья 1. Уборка снега", level=1)
    d.add_paragraph("1. Снег во дворах убирают до 8 часов утра.")
    d.add_paragraph("2. Наледь посыпают песком в день образования.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Тротуар"
    table.rows[0].cells[1].text = "до 7:00"
    d.save(str(path))


def articles(doc) -> list[str]:
    return [c.metadata["article"] for c in doc.chunks if "article" in c.metadata]


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".html", ".pdf", ".docx"}


def test_txt_utf8_act_with_number_date_title_and_agency(tmp_path) -> None:
    path = tmp_path / "59fz.txt"
    path.write_text(ACT, encoding="utf-8")
    doc = load_regulation(path, agency="Администрация города")
    assert doc.title == "Федеральный закон «О порядке рассмотрения обращений граждан»"
    assert doc.metadata["number"] == "59-ФЗ" and doc.metadata["date"] == "02.05.2006"
    assert doc.metadata["encoding"] == "utf-8" and doc.metadata["structure"] == "articles"
    assert articles(doc) == ["8", "12"]
    c = doc.chunks[-1]
    assert c.metadata["agency"] == "Администрация города"
    assert c.metadata["number"] == "59-ФЗ" and c.metadata["source_path"] == str(path)
    assert body_of(c) == "1. Обращение рассматривают в течение 30 дней."


def test_cp1251_text_is_accepted_and_marked(tmp_path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(ACT.encode("cp1251"))
    doc = load_regulation(path)
    assert doc.metadata["encoding"] == "cp1251"
    assert articles(doc) == ["8", "12"]
    assert "регистрируют в течение трёх дней" in doc.chunks[1].text


def test_binary_garbage_is_invalid_encoding(tmp_path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InvalidEncoding, match="not UTF-8"):
        load_regulation(path)


def test_title_argument_wins_and_markdown_title_is_used(tmp_path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("# Памятка\n\n## Раздел\n\nТекст памятки.\n", encoding="utf-8")
    assert load_regulation(path).title == "Памятка"
    doc = load_regulation(path, title="Своё название")
    assert doc.title == "Своё название" and doc.metadata["structure"] == "plain"
    assert doc.chunks[-1].metadata["section"] == "Раздел"


def test_html_keeps_blocks_and_headings_and_drops_scripts(tmp_path) -> None:
    html = """<html><head><title>Правила — сайт</title><script>var x = 'Статья 99.';</script>
    <style>p {color: red}</style></head><body><nav>Меню сайта</nav>
    <h1>Правила благоустройства</h1><p>Решение думы от <b>12.04.2023</b> № 45</p>
    <h2>Статья 3. Содержание дворов</h2>
    <p>1. Дворы убирают <i>ежедневно</i>.</p><p>2. Урны очищают<br>по мере наполнения.</p>
    </body></html>"""
    path = tmp_path / "rules.html"
    path.write_text(html, encoding="utf-8")
    doc = load_regulation(path)
    assert doc.title == "Правила благоустройства"
    assert doc.metadata["format"] == "html"
    assert doc.metadata["number"] == "45" and doc.metadata["date"] == "12.04.2023"
    assert articles(doc) == ["3"]
    text = "\n".join(c.text for c in doc.chunks)
    assert "Дворы убирают ежедневно." in text  # inline tags do not break a sentence
    assert "Меню сайта" not in text and "var x" not in text and "color" not in text
    assert "Урны очищают\nпо мере наполнения." in text


def test_pdf_text_layer(tmp_path) -> None:
    path = tmp_path / "act.pdf"
    path.write_bytes(
        make_pdf(
            [
                "Порядок вывоза отходов",
                "Статья 4. Сроки вывоза",
                "1. Летом мусор вывозят ежедневно.",
                "2. Зимой не реже раза в три дня.",
            ]
        )
    )
    doc = load_regulation(path)
    assert doc.metadata["format"] == "pdf" and doc.metadata["pages"] == 1
    assert doc.title == "Порядок вывоза отходов"
    assert articles(doc) == ["4"]
    assert body_of(doc.chunks[-1]).split() == (
        [
            "1.",
            "Летом",
            "мусор",
            "вывозят",
            "ежедневно.",
            "2.",
            "Зимой",
            "не",
            "реже",
            "раза",
            "в",
            "три",
            "дня.",
        ]
    )


def test_broken_pdf_is_invalid_input(tmp_path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(InvalidInput):
        load_regulation(path)


def test_docx_paragraphs_headings_and_tables(tmp_path) -> None:
    path = tmp_path / "rules.docx"
    make_docx(path)
    doc = load_regulation(path)
    assert doc.metadata["format"] == "docx"
    assert doc.title == "Правила уборки дворов"
    assert doc.metadata["number"] == "210" and doc.metadata["date"] == "15.03.2024"
    assert articles(doc) == ["1"]
    text = body_of(doc.chunks[-1])
    assert "1. Снег во дворах убирают до 8 часов утра." in text
    assert "Тротуар | до 7:00" in text


def test_broken_docx_is_invalid_input(tmp_path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="DOCX"):
        load_regulation(path)


def test_unsupported_missing_and_empty_files(tmp_path) -> None:
    with pytest.raises(UnsupportedDocument, match=r"\.xlsx"):
        load_regulation(tmp_path / "table.xlsx")
    with pytest.raises(InvalidInput, match="does not exist"):
        load_regulation(tmp_path / "absent.md")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no text"):
        load_regulation(empty)


def test_ids_are_stable_per_file_and_differ_between_files(tmp_path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for p in (a, b):
        p.write_text("# Заметка\n\nТекст.", encoding="utf-8")
    first, again, other = load_regulation(a), load_regulation(a), load_regulation(b)
    assert first.id == again.id and first.id.startswith("reg:") and len(first.id) == 20
    assert [c.id for c in first.chunks] == [c.id for c in again.chunks]
    assert other.id != first.id
    assert load_regulation(a, doc_id="reg:custom").chunks[0].doc_id == "reg:custom"


def test_bytes_upload_uses_the_file_name_only(tmp_path) -> None:
    data = ACT.encode("utf-8")
    doc = load_regulation_bytes("../../etc/59fz.txt", data, agency="ЦУР")
    same = load_regulation_bytes("59fz.txt", data)
    assert doc.id == same.id and doc.source_path == "59fz.txt"
    assert doc.chunks[0].metadata["agency"] == "ЦУР"
    assert load_regulation_bytes("other.txt", data).id != doc.id
    with pytest.raises(UnsupportedDocument):
        load_regulation_bytes("scan.jpg", b"\xff\xd8")
    with pytest.raises(InvalidEncoding):
        load_regulation_bytes("bad.md", bytes(range(256)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Федеральный закон от 02.05.2006 N 59-ФЗ", {"number": "59-ФЗ", "date": "02.05.2006"}),
        ("ПОСТАНОВЛЕНИЕ от 10 ноября 2020 г. № 1802", {"number": "1802", "date": "10.11.2020"}),
        ("Приказ № 12/3 от 1.02.2022.", {"number": "12/3", "date": "01.02.2022"}),
        ("Дороги (ГОСТ Р 50597-2017)", {"number": "ГОСТ Р 50597-2017"}),
        ("Просто заметка без номера", {}),
    ],
)
def test_number_and_date(text, expected) -> None:
    assert number_and_date([text]) == expected


def test_amendment_notes_are_not_taken_for_the_acts_number(tmp_path) -> None:
    path = tmp_path / "code.txt"
    path.write_text(
        "Образцовый кодекс\n\n(В редакции Федерального закона от 01.01.2020 № 1-ФЗ)\n\n"
        "Статья 1. Начало\n\nТекст.\n",
        encoding="utf-8",
    )
    doc = load_regulation(path)
    assert "number" not in doc.metadata and doc.title == "Образцовый кодекс"
