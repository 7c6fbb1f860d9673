"""Chunking that follows the structure of Russian legal texts.

A статья that fits the token budget is one chunk. A longer one is cut at its части, then
пункты, then подпункты, then sentences (then words, for a monster sentence); neighbouring
pieces that fit together are packed back into one chunk. Every chunk starts with a context
line naming the act, the article and the place inside it («Жилищный кодекс РФ, статья 161.
Выбор способа управления многоквартирным домом, часть 2:») so that both retrieval and the
drafter see where a piece comes from. The budget counts that line too.

Texts without «Статья N» headings (guides, notes, «Правила» made of numbered пункты) are cut at
markdown headings, then paragraphs, under the same budget.

Sources converted from official pages often lose superscripts: часть 1.1 becomes «11.», статья
157.2 becomes «Статья 1572». ``decode_numbers`` restores the dot from the numbering around it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from razdel import sentenize

from knowledge.errors import ConfigError
from knowledge.tokens import count_tokens
from knowledge.types import Chunk, Kind

DEFAULT_MAX_TOKENS = 350

_HEAD = r"^(?:#{1,6}\s*)?"
_ARTICLE = re.compile(_HEAD + r"Статья\s+(\d+(?:[.\-]\d+)*)(?:\.|[ \t]*$)[ \t]*(.*)", re.MULTILINE)
_CHAPTER = re.compile(_HEAD + r"Глава\s+(\d+(?:\.\d+)*)\.?\s*(.*)", re.DOTALL)
_SECTION = re.compile(_HEAD + r"(?:РАЗДЕЛ|Раздел)\s+([IVXLCDM]+)(\d*)\.?\s*(.*)", re.DOTALL)
_PART = re.compile(r"^(\d+(?:\.\d+)*)\.\s+")
_POINT = re.compile(r"^(\d+(?:\.\d+)*)\)\s+")
_SUBPOINT = re.compile(r"^([а-яё](?:\.?\d+)?)\)\s+")
_NOTE = re.compile(r"^\(.*\)$", re.DOTALL)  # «(В редакции Федерального закона от …)» and the like
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)")
_HAS_ARTICLES = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t]*)?Статья[ \t]+\d+(?:[.\-]\d+)*(?:\.|[ \t]*$)"
)
# A line starting with one of these begins a new paragraph even without a blank line before it
# (PDF and DOCX text often has none).
_MARKER = re.compile(
    _HEAD + r"(?:Статья\s+\d|Глава\s+\d|РАЗДЕЛ\s|Раздел\s+[IVXLC]|\d+(?:\.\d+)*[.)]\s|[а-яё]\)\s)"
)
# The longest place we expect in a context line; reserved when the place is not yet known.
_LOC_RESERVE = "части 10.1, пункт 12, подпункт а — часть 11.1, пункт 14, подпункт б"
_PLURAL = {"часть": "части", "пункт": "пункты", "подпункт": "подпункты"}

Path_ = tuple[tuple[str, str], ...]  # (("часть", "2"), ("пункт", "1")): a place in an article


@dataclass
class _Node:
    kind: str  # "статья", "часть", "пункт", "подпункт"
    label: str
    items: list[str | _Node] = field(default_factory=list)  # paragraphs and sub-units, in order

    def render(self) -> str:
        return "\n\n".join(i if isinstance(i, str) else i.render() for i in self.items)


@dataclass
class _Seg:
    text: str
    locs: list[Path_]


def has_articles(text: str) -> bool:
    """True when the text is organised in «Статья N» articles."""
    return _HAS_ARTICLES.search(text) is not None


def paragraphs(text: str) -> list[str]:
    """Blank-line paragraphs, further cut at lines that start a structural unit."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        cur: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if cur and (_MARKER.match(line) or _MD_HEADING.match(line)):
                out.append("\n".join(cur))
                cur = []
            cur.append(line)
        if cur:
            out.append("\n".join(cur))
    return out


def short_title(title: str) -> str:
    """The act's name as it is said in a context line: «Жилищный кодекс РФ»."""
    t = re.sub(r"Российской Федерации", "РФ", title.strip().lstrip("#").strip())
    if len(t) > 90:
        t = t[:90].rsplit(" ", 1)[0] + "…"
    return t


def chunk_text(
    text: str,
    *,
    doc_id: str,
    doc_title: str,
    kind: Kind = "regulation",
    max_tokens: int = DEFAULT_MAX_TOKENS,
    metadata: dict[str, Any] | None = None,
) -> list[Chunk]:
    """Chunks of one document: by articles when it has any, else by headings and paragraphs.

    ``metadata`` (document-level: number, date, agency, source_path...) is copied into every
    chunk. Chunk ids are ``{doc_id}#{index}``, stable for the same text and budget.
    """
    if max_tokens < 64:  # the budget comes from settings (chunk_tokens)
        raise ConfigError(f"chunk budget {max_tokens} is too small: at least 64 tokens")
    name = short_title(doc_title)
    if has_articles(text):
        raw = _article_pieces(text, name, max_tokens)
    else:
        raw = _plain_pieces(paragraphs(text), name, doc_title, max_tokens)
    base = {k: v for k, v in (metadata or {}).items() if v not in (None, "")}
    base.setdefault("doc_title", doc_title)
    chunks = []
    for i, (context, body, meta) in enumerate(raw):
        title = context.rstrip(":")
        chunks.append(
            Chunk(
                id=f"{doc_id}#{i:04d}",
                doc_id=doc_id,
                kind=kind,
                text=f"{context}\n{body}",
                title=title,
                metadata={**base, **meta, "context": context, "chunk_index": i},
            )
        )
    return chunks


def body_of(chunk: Chunk) -> str:
    """The chunk's own text without its context line."""
    context = chunk.metadata.get("context", "")
    if context and chunk.text.startswith(context + "\n"):
        return chunk.text[len(context) + 1 :]
    return chunk.text


# --- articles -----------------------------------------------------------------------------


def _article_pieces(text: str, name: str, max_tokens: int) -> list[tuple[str, str, dict[str, str]]]:
    out: list[tuple[str, str, dict[str, str]]] = []
    section = chapter = ""
    loose: list[str] = []  # text outside articles (preamble, notes between chapters)

    def flush_loose() -> None:
        if loose:
            extra = {k: v for k, v in (("section", section), ("chapter", chapter)) if v}
            out.extend(_pack_plain(loose, name, max_tokens, extra))
            loose.clear()

    paras = paragraphs(text)
    # Numbers are decoded over the whole sequence: «1572» after 157 is 157.2 only if 158 follows.
    labels: dict[int, str] = {}
    for rx in (_ARTICLE, _CHAPTER):
        idx = [k for k, p in enumerate(paras) if rx.match(p)]
        raw = [m[1] for k in idx if (m := rx.match(paras[k]))]  # each of idx matches
        labels.update(zip(idx, decode_numbers(raw)))
    i = 0
    while i < len(paras):
        p = paras[i]
        if m := _SECTION.match(p):
            flush_loose()
            section = _one_line(f"Раздел {m[1]}{'.' + m[2] if m[2] else ''}. {m[3]}".strip(" ."))
            chapter = ""  # a раздел may hold articles outside any глава
            i += 1
        elif m := _CHAPTER.match(p):
            flush_loose()
            num = labels[i]
            chapter = _one_line(f"Глава {num}. {m[2]}".strip(" ."))
            i += 1
        elif m := _ARTICLE.match(p):
            flush_loose()
            num = labels[i]
            title, rest = m[2], p.partition("\n")[2]
            j = i + 1
            while j < len(paras) and not _is_heading(paras[j]):
                j += 1
            body = ([rest.strip()] if rest.strip() else []) + paras[i + 1 : j]
            meta = {"article": num, "article_title": title.strip()}
            meta.update({k: v for k, v in (("section", section), ("chapter", chapter)) if v})
            out.extend(_article_chunks(num, title.strip(), body, name, max_tokens, meta))
            i = j
        else:
            # Outside articles an editorial note is the act's amendment history (a page of
            # «от … № …-ФЗ»): noise for retrieval, so it is left out.
            if not _NOTE.match(p):
                loose.append(p)
            i += 1
    flush_loose()
    return out


def _is_heading(p: str) -> bool:
    return bool(_ARTICLE.match(p) or _CHAPTER.match(p) or _SECTION.match(p))


def _article_chunks(
    num: str, title: str, body: list[str], name: str, max_tokens: int, meta: dict[str, str]
) -> list[tuple[str, str, dict[str, str]]]:
    base = f"{name}, статья {num}" + (f". {title.rstrip('.')}" if title else "")
    if count_tokens(base) > max_tokens // 3:  # an absurdly long title: keep it in metadata only
        base = f"{name}, статья {num}"
    budget = max_tokens - count_tokens(f"{base}, {_LOC_RESERVE}:\n")
    tree = _article_tree(num, body)
    whole = tree.render()
    if count_tokens(f"{base}:\n{whole}") <= max_tokens:
        return [(f"{base}:", whole, {**meta, "locator": f"статья {num}"})]
    out = []
    for seg in _segments(tree, (), budget):
        locs = _narrow(seg.locs)
        loc = _locator(locs)
        context = f"{base}, {loc}:" if loc else f"{base}:"
        m = dict(meta, locator=f"статья {num}, {loc}" if loc else f"статья {num}")
        m.update(_loc_meta(locs))
        out.append((context, seg.text, m))
    return out


def _article_tree(num: str, body: list[str]) -> _Node:
    art = _Node("статья", num)
    part = point = sub = None
    current: _Node = art
    lead: list[str] = []  # notes on the article's title, kept with its first paragraph
    for p in body:
        if _NOTE.match(p):  # a note travels with the text it amends
            if isinstance(last := current.items[-1] if current.items else None, str):
                current.items[-1] = last + "\n\n" + p
            elif not art.items:
                lead.append(p)
            else:
                current.items.append(p)
            continue
        text = "\n\n".join([*lead, p])
        lead.clear()
        if m := _PART.match(p):
            part, point, sub = _Node("часть", m[1], [text]), None, None
            art.items.append(part)
            current = part
        elif m := _POINT.match(p):
            point, sub = _Node("пункт", m[1], [text]), None
            (part or art).items.append(point)
            current = point
        elif m := _SUBPOINT.match(p):
            sub = _Node("подпункт", m[1], [text])
            (point or part or art).items.append(sub)
            current = sub
        else:  # an абзац: continues the пункт over its подпункты, else the часть
            target = point if sub is not None and point is not None else (part or art)
            target.items.append(text)
            if target is not point:
                point = None
            sub = None
            current = target
    art.items.extend(lead)  # an article that is only notes («Утратила силу»)
    _relabel(art)
    return art


def _relabel(node: _Node) -> None:
    """Decode the numbers of each run of sibling части / пункты (they restart per parent)."""
    for kind in ("часть", "пункт"):
        kids = [i for i in node.items if isinstance(i, _Node) and i.kind == kind]
        for kid, label in zip(kids, decode_numbers([k.label for k in kids])):
            kid.label = label
    for item in node.items:
        if isinstance(item, _Node):
            _relabel(item)


def decode_numbers(raw: list[str]) -> list[str]:
    """Restore lost superscripts in a sequence of sibling numbers.

    «11» after «1» is 1.1 when the sequence then goes back to the main run (2, or 1.2 then 2),
    and 11 when it goes on above it (an extract: статьи 1, 11, 15). At the end of the sequence
    nothing follows to tell, and the sub-number is assumed: full texts are far more common
    than extracts that skip ten articles. Labels that already have dots are kept.
    """
    out: list[str] = []
    main: int | None = None
    for k, label in enumerate(raw):
        if not label.isdigit():
            out.append(label)
            head = re.match(r"\d+", label)
            main = int(head[0]) if head else main
            continue
        n = int(label)
        if main is not None and n != main + 1 and _is_sub(label, main, raw[k + 1 :]):
            out.append(f"{main}.{label[len(str(main)) :]}")
            continue
        out.append(label)
        main = n
    return out


def _is_sub(label: str, main: int, rest: list[str]) -> bool:
    s = str(main)
    if not (label.startswith(s) and len(label) > len(s) and label[len(s)] != "0"):
        return False
    for nxt in rest:  # the first number outside main's sub-range tells
        if nxt.isdigit() and not (nxt.startswith(s) and len(nxt) > len(s)):
            return int(nxt) < int(label)
    return True


def _segments(node: _Node, path: Path_, budget: int) -> list[_Seg]:
    text = node.render()
    if count_tokens(text) <= budget:
        return [_Seg(text, [path])]
    segs: list[_Seg] = []
    for item in node.items:
        if isinstance(item, str):
            segs.extend(_Seg(t, [path]) for t in split_long(item, budget))
        else:
            segs.extend(_segments(item, path + ((item.kind, item.label),), budget))
    return _merge(segs, budget)


def _merge(segs: list[_Seg], budget: int) -> list[_Seg]:
    groups = _pack([s.text for s in segs], budget, "\n\n")
    return [
        _Seg("\n\n".join(segs[i].text for i in g), [p for i in g for p in segs[i].locs])
        for g in groups
    ]


def _pack(texts: list[str], budget: int, sep: str) -> list[list[int]]:
    """Consecutive texts grouped greedily within ``budget`` (indices).

    A group made only of editorial notes («(В редакции …)») would be a chunk with nothing to
    find in it, so it takes over the previous group's last text when both fit.
    """
    groups: list[list[int]] = []
    for i in range(len(texts)):
        if groups and count_tokens(sep.join(texts[j] for j in [*groups[-1], i])) <= budget:
            groups[-1].append(i)
        else:
            groups.append([i])
    for prev, cur in itertools.pairwise(groups):
        if (
            len(prev) > 1
            and all(_NOTE.match(texts[j]) for j in cur)
            and count_tokens(sep.join(texts[j] for j in [prev[-1], *cur])) <= budget
        ):
            cur.insert(0, prev.pop())
    return groups


def _narrow(locs: list[Path_]) -> list[Path_]:
    """Distinct places, dropping a unit's lead-in when its sub-units are listed too."""
    uniq = list(dict.fromkeys(locs))
    return [p for p in uniq if p and not any(q != p and q[: len(p)] == p for q in uniq)]


def _loc(path: Path_) -> str:
    return ", ".join(f"{k} {v}" for k, v in path)


def _locator(locs: list[Path_]) -> str:
    if not locs:
        return ""
    first, last = locs[0], locs[-1]
    if first == last:
        return _loc(first)
    k = len(first) - 1
    if all(len(p) == k + 1 and p[:k] == first[:k] for p in locs):  # siblings: «пункты 1–3»
        kind = first[k][0]
        prefix = _loc(first[:k])
        return (
            f"{prefix + ', ' if prefix else ''}{_PLURAL.get(kind, kind)} {first[k][1]}–{last[k][1]}"
        )
    return f"{_loc(first)} — {_loc(last)}"


def _loc_meta(locs: list[Path_]) -> dict[str, str]:
    """Scalar metadata (vector stores take no lists): the parts and points a chunk covers."""
    parts = list(dict.fromkeys(v for p in locs for k, v in p if k == "часть"))
    meta: dict[str, str] = {}
    if parts:
        meta["part"] = parts[0]
        meta["parts"] = ", ".join(parts)
    if len(parts) <= 1:
        points = list(dict.fromkeys(v for p in locs for k, v in p if k == "пункт"))
        if points:
            meta["point"] = points[0]
            meta["points"] = ", ".join(points)
    return meta


# --- plain text ---------------------------------------------------------------------------


def _plain_pieces(
    paras: list[str], name: str, doc_title: str, max_tokens: int
) -> list[tuple[str, str, dict[str, str]]]:
    """Sections under markdown headings, each packed by paragraphs."""
    out: list[tuple[str, str, dict[str, str]]] = []
    heads: list[tuple[int, str]] = []
    buf: list[str] = []
    # The document's own name is not a section: the given title, or a «# …» opening the text.
    titles = {doc_title.strip()}
    if paras and (m := _MD_HEADING.match(paras[0])):
        titles.add(m[2].split("\n")[0].strip())

    def flush() -> None:
        names = [h for _, h in heads if h.strip() not in titles]
        extra = {"section": " / ".join(names)} if names else {}
        if buf:
            out.extend(_pack_plain(buf, name, max_tokens, extra))
            buf.clear()

    for p in paras:
        if m := _MD_HEADING.match(p):
            flush()
            level = len(m[1])
            first, _, rest = p.partition("\n")
            first_heading = _MD_HEADING.match(first)
            assert first_heading is not None, "a heading's text starts on its first line"
            heads = [h for h in heads if h[0] < level] + [(level, first_heading[2])]
            if rest.strip():
                buf.append(rest.strip())
        else:
            buf.append(p)
    flush()
    return out


def _pack_plain(
    paras: list[str], name: str, max_tokens: int, extra: dict[str, str]
) -> list[tuple[str, str, dict[str, str]]]:
    base = name + (f" — {extra['section']}" if extra.get("section") else "")
    if count_tokens(base) > max_tokens // 3:
        base = name
    budget = max_tokens - count_tokens(f"{base}, {_LOC_RESERVE}:\n")
    segs: list[_Seg] = []
    for p in paras:
        m = _PART.match(p) or _POINT.match(p)
        path: Path_ = (("пункт", m[1]),) if m else ()
        segs.extend(_Seg(t, [path]) for t in split_long(p, budget))
    out = []
    for seg in _merge(segs, budget):
        locs = _narrow(seg.locs)
        loc = _locator(locs)
        meta = dict(extra, **({"locator": loc} if loc else {}))
        meta.update(_loc_meta(locs))
        out.append((f"{base}, {loc}:" if loc else f"{base}:", seg.text, meta))
    return out


def split_long(text: str, budget: int) -> list[str]:
    """``text`` as pieces of at most ``budget`` tokens: whole sentences, else runs of words."""
    if count_tokens(text) <= budget:
        return [text]
    units: list[str] = []
    for block in text.split("\n\n"):  # a glued note is a block of its own
        for sent in (s.text for s in sentenize(block)):
            units.extend([sent] if count_tokens(sent) <= budget else _split_words(sent, budget))
    return [" ".join(units[i] for i in g) for g in _pack(units, budget, " ")]


def _split_words(text: str, budget: int) -> list[str]:
    pieces: list[str] = []
    for word in text.split():
        if pieces and count_tokens(joined := pieces[-1] + " " + word) <= budget:
            pieces[-1] = joined
        else:
            pieces.append(word)  # a single word longer than the budget is left as it is
    return pieces


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


__all__ = [
    "DEFAULT_MAX_TOKENS",
    "body_of",
    "chunk_text",
    "has_articles",
    "paragraphs",
    "short_title",
    "split_long",
]
