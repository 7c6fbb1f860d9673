"""Russian text normalisation, tokens, Snowball stems and stop words.

Shared by the lexical retriever, the navec embedder and anyone else who needs to compare
Russian words (e.g. the checker). Everything here is pure and cheap to call many times.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

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


def _stemmer():
    st = getattr(_stemmer_local, "stemmer", None)
    if st is None:
        import Stemmer

        st = _stemmer_local.stemmer = Stemmer.Stemmer("russian")
    return st


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stems(text: str, *, drop_stop: bool = True) -> list[str]:
    """Snowball stems of the content words of ``text`` (stop words dropped by default)."""
    return [stem(t) for t in tokens(text, drop_stop=drop_stop)]


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form (pymorphy3's most probable parse); the word itself if unknown."""
    parses = _morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


def lemmas(text: str, *, drop_stop: bool = True) -> list[str]:
    return [lemma(t) for t in tokens(text, drop_stop=drop_stop)]
