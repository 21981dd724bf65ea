"""Swedish-aware text normalisation, so that two wordings of the same work meet.

Scanned documents lose å/ä/ö ("fritidsgardar" for "fritidsgårdar") or read
them as other glyphs ("Socialférvaltningarna", "6ka" for "öka", "&r" for
"är", "1" for "i"). Folding every text to lower-case ASCII letters makes the
clean and the damaged spelling the same string; the character n-grams of the
vectoriser absorb the rest (é for ö, d for ö).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer

from styrgraf.knowledge.labels import fold

from . import stopwords_sv

_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script
_DIGIT_IN_WORD = re.compile(r"[a-z]+[0-9][a-z0-9]*|[0-9]+[a-z][a-z0-9]*")
_AMPERSAND_FOR_A = re.compile(r"&(?=[a-z])")
_ANY_DIGIT = re.compile(r"[0-9]")
#: Digits the OCR printed for letters inside a word: "6ka" (öka), "ing8" (ingå), "5ppen" (öppen).
_OCR_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "o", "4": "a", "5": "o", "6": "o",
                             "8": "a"})
#: A lone "1" is the OCR's "i" ("komma ut 1 fritidsaktivitet"); "i" is a stop word anyway.
_LONE_OCR = {"1": "i"}


def _repair(match: re.Match[str]) -> str:
    """Undo the OCR's digit-for-letter swaps inside a word that mixes letters and digits."""
    return match.group().translate(_OCR_DIGITS)


def raw_tokens(text: str) -> list[str]:
    """Folded, OCR-repaired word tokens, punctuation dropped, stop words kept."""
    folded = fold(text)
    if "&" in folded:
        folded = _AMPERSAND_FOR_A.sub("a", folded)
    tokens = _TOKEN.findall(folded)
    if not _ANY_DIGIT.search(folded):
        return tokens
    # A digit-for-letter swap lies inside one token (its pattern spans letters and digits
    # only), so repairing token by token is the same as over the text, and only the few
    # tokens that mix letters and digits need the pattern.
    return [_LONE_OCR.get(t, t) if t.isalpha() or t.isdigit() else
            _DIGIT_IN_WORD.sub(_repair, t) for t in tokens]


def _fold_all(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


FUNCTION_WORDS = _fold_all(stopwords_sv.words(stopwords_sv.FUNCTION_WORDS))
DOMAIN_WORDS = _fold_all(stopwords_sv.words(stopwords_sv.DOMAIN_WORDS))
DOMAIN_PATTERN = re.compile(stopwords_sv.DOMAIN_PATTERN)


@dataclass
class Normaliser:
    """Turns a text into content tokens (and their stems), with a stem cache for speed."""

    stem: bool = True
    stop_words: frozenset[str] = FUNCTION_WORDS | DOMAIN_WORDS
    stop_pattern: re.Pattern[str] | None = DOMAIN_PATTERN
    min_length: int = 2
    _stems: dict[str, str] = field(default_factory=dict, repr=False)
    _stemmer: snowballstemmer.stemmer | None = field(default=None, repr=False)
    #: each word seen → whether it is a content word (a city's texts repeat their words)
    _content: dict[str, bool] = field(default_factory=dict, repr=False)

    def tokens(self, text: str) -> list[str]:
        """Content words: folded, repaired; no stop words, numbers or one-letter debris.

        Numbers are dates, paragraph and decision numbers ("2024-04-23 § 127"):
        they identify a decision, not the work.
        """
        known = self._content
        out = []
        for t in raw_tokens(text):
            keep = known.get(t)
            if keep is None:
                keep = known[t] = self._is_content(t)
            if keep:
                out.append(t)
        return out

    def _is_content(self, token: str) -> bool:
        pattern = self.stop_pattern
        return (len(token) >= self.min_length and not token.isdigit()
                and token not in self.stop_words and not (pattern and pattern.fullmatch(token)))

    def stems(self, tokens: Iterable[str]) -> list[str]:
        """The Swedish Snowball stem of each token (the token itself if stemming is off)."""
        if not self.stem:
            return list(tokens)
        cache = self._stems
        out = []
        for t in tokens:
            s = cache.get(t)
            if s is None:
                s = cache[t] = self._stem_one(t)
            out.append(s)
        return out

    def stem_cache(self) -> dict[str, str]:
        """Every word stemmed so far → its stem (a copy)."""
        return dict(self._stems)

    def _stem_one(self, token: str) -> str:
        if self._stemmer is None:
            self._stemmer = snowballstemmer.stemmer("swedish")
        return self._stemmer.stemWord(token)


def same_text(a: str, b: str, normaliser: Normaliser | None = None) -> bool:
    """Whether two texts normalise to the same stems (for tests and quick checks)."""
    n = normaliser or Normaliser()
    return n.stems(n.tokens(a)) == n.stems(n.tokens(b))
