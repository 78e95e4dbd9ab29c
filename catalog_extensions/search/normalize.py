"""One normalisation for indexing and querying, shared by every backend.

Arabic: diacritics, tatweel and hamza carriers are dropped (NFKD splits
أ إ آ ؤ ئ into a base letter and a combining hamza or madda), ta marbuta
becomes ha and alef maqsura ya, and the article ال and the conjunction و
(with the prepositions بـ كـ فـ لـ before the article) are cut from the
front of words. Latin: lower case without accents, so "Crème" and "creme"
meet. Documents and queries go through the same function, so whatever it
cuts, it cuts on both sides.
"""

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 8

_TATWEEL = "\u0640"
_LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", _TATWEEL: None})
_ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال")
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")

STOPWORDS = frozenset(
    "de du des d l la le les au aux et a à en un une sur pour avec par the of and in"
    " with for from في من مع على الى عن".split()
)


def _arabic_word(word):
    if len(word) > 4 and word.startswith(_ARTICLE_PREFIXES):
        return word[3:]
    if len(word) > 3 and word.startswith("لل"):
        return word[2:]
    if len(word) > 3 and word.startswith("ال"):
        return word[2:]
    if len(word) > 3 and word.startswith("و"):
        return _arabic_word(word[1:]) if word[1:3] == "ال" else word[1:]
    return word


def normalize(text):
    """Lower case, accents and Arabic variants folded, words joined by single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.translate(_LETTERS).casefold()
    words = _WORD.findall(folded)
    return " ".join(_arabic_word(word) if _ARABIC.search(word) else word for word in words)


def query_tokens(text):
    """The words of a shopper's query worth matching, at most MAX_QUERY_TOKENS."""
    tokens = normalize((text or "")[:MAX_QUERY_CHARS]).split()
    meaningful = [token for token in tokens if token not in STOPWORDS and len(token) > 1]
    return (meaningful or tokens)[:MAX_QUERY_TOKENS]
