"""The one Russian text layer: normalisation, tokens, Snowball stems, stop words, lemmas, the
morphological analyser, named entities and month names.

Shared by the lexical retriever, the embedders, the topic judge, drafter's understanding, the
checker (drafter.quality) and routing, so that one process holds one pymorphy3 analyser
(``morph``) and one natasha NER model (``ner_spans``), each loaded on first use. Everything
else here is pure and cheap to call many times.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from razdel import tokenize as _razdel_tokenize

# Moderators mask personal data as runs of X; they carry no meaning for retrieval.
_MASK = re.compile(r"\b[XХ]{2,}\b")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[0-9a-zа-я]", re.IGNORECASE)

# bm25s' Russian list plus words that appear in nearly every appeal and reply of a public
# portal (greetings, "please", the portal's boilerplate) and so only add noise to matching.
STOP_WORDS: frozenset[str] = frozenset(
    """
    а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот впрочем
    все всегда всего всех всю вы где да даже два для до другой его ее ей ему если есть еще ж же за
    зачем здесь и из или им иногда их к как какая какой когда конечно кто куда ли лучше между меня
    мне много может можно мой моя мы на над надо наконец нас не него нее ней нельзя нет ни нибудь
    никогда ним них ничего но ну о об один он она они опять от перед по под после потом потому
    почти при про раз разве с сам свою себе себя сейчас со совсем так такой там тебя тем теперь то
    тогда того тоже только том тот три тут ты у уж уже хорошо хоть чего чем через что чтоб чтобы
    чуть эти этого этой этом этот эту я это эта который которая которые которых также весь вся
    свой своих ваш ваше вашего вашей ваши наш наша наше нашего нашей наши наших
    пожалуйста просьба прошу просим спасибо заранее здравствуйте добрый день уважаемый уважаемые
    уважаемая г гр ул д кв т е др пр им
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def normalize(text: str) -> str:
    """Lower case, ё→е, masks and runs of whitespace removed."""
    text = _MASK.sub(" ", text)
    text = text.lower().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


def tokens(text: str, *, drop_stop: bool = False) -> list[str]:
    """Word tokens of normalised text (razdel), punctuation dropped."""
    out = [t.text for t in _razdel_tokenize(normalize(text)) if _WORD.search(t.text)]
    if drop_stop:
        out = [t for t in out if t not in STOP_WORDS]
    return out


_stemmer_local = threading.local()  # PyStemmer objects are not thread-safe


def _stemmer() -> Any:
    st = getattr(_stemmer_local, "stemmer", None)
    if st is None:
        import Stemmer

        st = _stemmer_local.stemmer = Stemmer.Stemmer("russian")
    return st


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems(text: str, *, drop_stop: bool = True) -> list[str]:
    """Snowball stems of the content words of ``text`` (stop words dropped by default)."""
    return [stem(t) for t in tokens(text, drop_stop=drop_stop)]


@lru_cache(maxsize=1)
def morph() -> Any:
    """The process's one pymorphy3 analyser (its dictionaries take a while and memory to
    load: once per process, not once per user)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form (pymorphy3's most probable parse); the word itself if unknown."""
    parses = morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


def lemmas(text: str, *, drop_stop: bool = True) -> list[str]:
    return [lemma(t) for t in tokens(text, drop_stop=drop_stop)]


class _Ner:
    """natasha's segmenter and news NER tagger (slovnet; the models ship in the package)."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())
        # slovnet's taggers keep state while tagging: one text at a time
        self.lock = threading.Lock()


_ner_model: _Ner | None = None
_ner_loading = threading.Lock()


def _ner() -> _Ner:
    global _ner_model
    if _ner_model is None:
        with _ner_loading:  # two drafts starting together load it once
            if _ner_model is None:
                _ner_model = _Ner()
    return _ner_model


def ner_spans(text: str) -> list[tuple[str, int, int]]:
    """Named entities of ``text`` as (type, start, stop): type PER, LOC or ORG."""
    from natasha import Doc

    ner = _ner()
    with ner.lock:
        doc = Doc(text)
        doc.segment(ner.segmenter)
        doc.tag_ner(ner.tagger)
    return [(s.type, s.start, s.stop) for s in doc.spans]


# the months, January first: as a dictionary names them and as a date writes them («14 января»)
MONTHS: tuple[str, ...] = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_GENITIVE: tuple[str, ...] = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
