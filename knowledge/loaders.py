"""Regulation files (.txt, .md, .html, .pdf, .docx) as chunked Documents.

A loader turns bytes into plain text with its paragraph structure kept (HTML and DOCX headings
become markdown ``#`` lines so the chunker can use them), guesses the act's title, number and
date from its header, and hands the text to ``knowledge.legal_chunking``.

Ids are stable: ``reg:`` + sha1 of the resolved path (or of the upload's file name), so loading
the same file again yields the same document and chunk ids and replaces it in the index.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from knowledge.errors import InvalidEncoding, InvalidInput, UnsupportedDocument
from knowledge.legal_chunking import DEFAULT_MAX_TOKENS, chunk_text, has_articles, paragraphs
from knowledge.text import MONTHS_GENITIVE
from knowledge.types import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".pdf", ".docx")

_MONTHS = {m: i for i, m in enumerate(MONTHS_GENITIVE, 1)}
_DATE = r"(\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\s+\d{4})"
_NUM = r"([0-9][0-9A-Za-zА-Яа-яЁё/.\-]*)"
_NUMBER_DATE = [
    (re.compile(rf"от\s+{_DATE}\s*(?:г\.|года)?\s*(?:№|N)\s*{_NUM}"), 2, 1),
    (re.compile(rf"(?:№|N)\s*{_NUM}\s+от\s+{_DATE}"), 1, 2),
]
# Header lines that say where an act comes from, not what it is.
_NOT_TITLE = re.compile(
    r"^(РОССИЙСКАЯ ФЕДЕРАЦИЯ|ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ|МОСКВА|Москва|"
    r"от\s+\d.*|\d{1,2}[. ].*\d{4}.*|№.*|N\s*\d.*)$"
)
_ACT_KIND = re.compile(r"^(ФЕДЕРАЛЬНЫЙ ЗАКОН|ПОСТАНОВЛЕНИЕ|ПРИКАЗ|РАСПОРЯЖЕНИЕ|УКАЗ)$")
_CODE = re.compile(r"\b(?:ГОСТ(?: Р)?|СанПиН|СП|СНиП)\s+\d[\d.\-]*\d")
_CP1251_ODD = re.compile(r"[^\sА-Яа-яЁё\x20-\x7e«»—–№…“”„’‘•°±×·]")


def regulation_id(key: str | Path) -> str:
    return "reg:" + hashlib.sha1(str(key).encode("utf-8")).hexdigest()[:16]


def load_regulation(
    path: Path,
    agency: str | None = None,
    title: str | None = None,
    *,
    doc_id: str | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> Document:
    """One regulation file as a Document of kind "regulation" with its chunks.

    Raises UnsupportedDocument for other suffixes, InvalidEncoding for a text file that is
    neither UTF-8 nor clean cp1251, InvalidInput for a missing, unreadable or empty file.
    """
    path = Path(path)
    _check_suffix(path.name)
    if not path.is_file():
        raise InvalidInput(f"regulation file {path} does not exist", path=str(path))
    return _document(
        path.name,
        path.read_bytes(),
        source_path=str(path),
        doc_id=doc_id or regulation_id(path.resolve()),
        agency=agency,
        title=title,
        max_tokens=max_tokens,
    )


def load_regulation_bytes(
    name: str,
    data: bytes,
    agency: str | None = None,
    title: str | None = None,
    *,
    doc_id: str | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> Document:
    """An uploaded regulation (API): same as ``load_regulation``, id from the file name."""
    name = Path(name).name  # never trust a client's directories
    _check_suffix(name)
    return _document(
        name,
        data,
        source_path=name,
        doc_id=doc_id or regulation_id(name),
        agency=agency,
        title=title,
        max_tokens=max_tokens,
    )


def extract_text(name: str, data: bytes) -> tuple[str, dict[str, Any]]:
    """Plain text of a file by its suffix, and what was learnt on the way (format, encoding,
    a title stored in the file)."""
    suffix = _check_suffix(name)
    if suffix in TEXT_SUFFIXES:
        text, enc = decode_text(data, name)
        return text, {"format": suffix.lstrip("."), "encoding": enc}
    if suffix in (".html", ".htm"):
        return _html_text(data)
    if suffix == ".pdf":
        return _pdf_text(data, name)
    return _docx_text(data, name)


def decode_text(data: bytes, name: str = "text") -> tuple[str, str]:
    """UTF-8 (BOM allowed), UTF-16 with a BOM, or cp1251 when every character it yields is
    one a Russian text would contain (older Russian documents are often saved in it)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = ""
    if text and not _CP1251_ODD.search(text):
        return text, "cp1251"
    raise InvalidEncoding(
        f"{name} is not UTF-8 text (byte {utf8_error.start}) and does not look like cp1251 "
        "either; save it as UTF-8 and upload it again",
        name=name,
    ) from utf8_error


def _check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocument(
            f"{name}: unsupported document type {suffix or '(no suffix)'}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
            name=name,
        )
    return suffix


def _document(
    name: str,
    data: bytes,
    *,
    source_path: str,
    doc_id: str,
    agency: str | None,
    title: str | None,
    max_tokens: int,
) -> Document:
    text, info = extract_text(name, data)
    if not text.strip():
        raise InvalidInput(f"{name} contains no text", name=name)
    paras = paragraphs(text)
    title = (title or "").strip() or guess_title(paras, info.get("title"), Path(name).stem)
    meta: dict[str, Any] = {
        **number_and_date([title, *_header(paras)]),
        "agency": agency,
        "source_path": source_path,
    }
    chunks = chunk_text(text, doc_id=doc_id, doc_title=title, max_tokens=max_tokens, metadata=meta)
    doc_meta = {
        **{k: v for k, v in meta.items() if v},
        **{k: v for k, v in info.items() if k != "title"},
        "structure": "articles" if has_articles(text) else "plain",
    }
    return Document(
        id=doc_id,
        kind="regulation",
        title=title,
        chunks=chunks,
        source_path=source_path,
        metadata=doc_meta,
    )


def _header(paras: list[str], limit: int = 10) -> list[str]:
    """The paragraphs before the body, where an act states its number and date."""
    out = []
    for p in paras[:limit]:
        if re.match(r"^(?:#{2,6}\s|Статья\s+\d|Глава\s+\d|РАЗДЕЛ\s|1\.\s)", p):
            break
        if not p.startswith("("):  # «(В редакции … от … № …)» names amendments, not the act
            out.append(p)
    return out


def guess_title(paras: list[str], stored: str | None, fallback: str) -> str:
    """A markdown «# title», else the title stored in the file, else the first header line
    that names the act («ФЕДЕРАЛЬНЫЙ ЗАКОН» + «О …» are joined), else the file name."""
    for p in paras[:5]:
        if m := re.match(r"^#\s+(.+)", p):
            return m[1].strip()
    if stored and stored.strip():
        return stored.strip()
    lines = [ln.strip() for p in paras[:8] for ln in p.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        if _NOT_TITLE.match(line) or len(line) < 4:
            continue
        if _ACT_KIND.match(line):
            rest = next((x for x in lines[i + 1 :] if re.match(r"^(О|Об)\s", x)), "")
            return f"{line.capitalize()} «{rest}»" if rest else line.capitalize()
        return line.lstrip("#").strip()
    return fallback


def number_and_date(texts: list[str]) -> dict[str, str]:
    """«от 10.11.2020 № 1802», «№ 59-ФЗ от 02.05.2006», «от 10 ноября 2020 г. N 1802»."""
    for text in texts:
        for rx, ni, di in _NUMBER_DATE:
            if m := rx.search(text):
                return {"number": m[ni].rstrip(".,;-"), "date": _norm_date(m[di])}
        if m := _CODE.search(text):  # standards and sanitary rules are known by their code
            return {"number": m[0]}
    return {}


def _norm_date(s: str) -> str:
    if m := re.match(r"(\d{1,2})\s+(\w+)\s+(\d{4})", s):
        return f"{int(m[1]):02d}.{_MONTHS[m[2]]:02d}.{m[3]}"
    d, mth, y = s.split(".")
    return f"{int(d):02d}.{int(mth):02d}.{y}"


# --- formats ------------------------------------------------------------------------------

_BLOCKS = [
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
    "li", "dt", "dd", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "caption",
    "figure",
]  # fmt: skip


def _html_text(data: bytes) -> tuple[str, dict[str, Any]]:
    from bs4 import BeautifulSoup, FeatureNotFound

    try:
        soup = BeautifulSoup(data, "lxml")
    except FeatureNotFound:  # lxml missing: the slower pure-Python parser does the same job
        soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" | ")
    for tag in soup.find_all(_BLOCKS):
        if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            tag.insert_before("\n\n" + "#" * int(tag.name[1]) + " ")
        else:
            tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    body = soup.body or soup
    raw = body.get_text()
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip(" |") for ln in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, {"format": "html", "title": title}


def _pdf_text(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InvalidInput(f"{name}: cannot read the PDF ({exc})", name=name) from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InvalidInput(f"{name}: the PDF has no text layer (a scan?); OCR it first")
    return text, {"format": "pdf", "pages": len(pages), "title": str(title)}


def _docx_text(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError variants
        raise InvalidInput(f"{name}: cannot read the DOCX ({exc})", name=name) from exc
    out: list[str] = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_docx_paragraph(Paragraph(el, doc)))
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                out.append(" | ".join(c.text.strip() for c in row.cells))
    text = "\n\n".join(p for p in out if p.strip())
    return text, {"format": "docx", "title": doc.core_properties.title or ""}


def _docx_paragraph(p: Any) -> str:
    text: str = p.text.strip()
    style: str = (p.style.name if p.style is not None else "") or ""
    if text and style == "Title":
        return "# " + text
    if text and (m := re.match(r"Heading (\d)", style)):
        return "#" * int(m[1]) + " " + text
    return text


__all__ = [
    "SUPPORTED_SUFFIXES",
    "decode_text",
    "extract_text",
    "guess_title",
    "load_regulation",
    "load_regulation_bytes",
    "number_and_date",
    "regulation_id",
]
