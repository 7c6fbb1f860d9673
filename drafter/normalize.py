"""Clean an appeal's text before anything reads it.

Appeals arrive as HTML from ПОС («<p>…</p>», «&nbsp;»), with VK mention masks
(«[id123|Иван]», «[club45|Администрация]», «@id123»), emoji and ragged whitespace. The model
and the retrievers should see plain sentences; the original stays stored with the appeal.
"""

from __future__ import annotations

import html
import re
import unicodedata

_BLOCK_TAGS = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h\d|/tr)\s*/?\s*>")
_TAGS = re.compile(r"<[^>]{0,500}>")
_VK_MENTION = re.compile(r"\[(?:id|club|public|event)\d+\|([^\]]{0,100})\]")
_VK_BARE = re.compile(r"(?<!\w)@(?:id|club|public)\d+\b")
_URL = re.compile(r"https?://\S+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
_NEWLINES = re.compile(r"\n{3,}")
_MASK = re.compile(r"X{4,}")  # moderators of the city portal mask personal data as XXXX


_KEEP_SYMBOLS = "№°"  # category So, but addresses («школа № 5») and norms («+16 °С») need them


def _is_emoji_or_symbol(ch: str) -> bool:
    if ch in _KEEP_SYMBOLS:
        return False
    cat = unicodedata.category(ch)
    # So: emoji, pictographs; Cs/Co: surrogates and private use; Mn after emoji: variation selectors
    return cat in ("So", "Cs", "Co") or ch in "\ufe0f\u200d"


def normalize_appeal_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _BLOCK_TAGS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    text = html.unescape(text)
    text = _VK_MENTION.sub(r"\1", text)
    text = _VK_BARE.sub("", text)
    text = _URL.sub("", text)
    text = _MASK.sub("…", text)
    text = "".join(" " if _is_emoji_or_symbol(ch) else ch for ch in text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _NEWLINES.sub("\n\n", text)
    return text.strip()
