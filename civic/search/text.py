"""French text normalization shared by every search engine.

Both engines index and query the same normalized words, so they agree: accents folded,
lower case, French stop words dropped, a light plural stemming (a final "s" or "x" is
removed from words longer than three letters: "stationnements" -> "stationnement").
"""
from __future__ import annotations

import re
import unicodedata

# PostgreSQL's French stop words (snowball list), accents folded, plus a few articles.
STOP_WORDS = frozenset("""
au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu
un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes
suis es est sommes serai seras sera serons serez seront serais serait serions seriez
seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez
soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez
aient eusse eusses eut eussions eussiez eussent
""".split())

MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 40
_WORD_RE = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents ("Vélo" -> "velo", "œuvre" -> "oeuvre")."""
    text = (text or "").lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """Strip a French plural mark from words longer than three letters."""
    if len(word) > 3 and word[-1] in "sx" and not word.isdigit():
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The searchable words of `text`, in order (duplicates kept)."""
    result = []
    for word in _WORD_RE.findall(fold(text)):
        if word in STOP_WORDS:
            continue
        result.append(stem(word[:MAX_TERM_LENGTH]))
    return result


def normalize(text: str) -> str:
    """The text an engine indexes: normalized words separated by spaces."""
    return " ".join(words(text))


def query_terms(query: str | None) -> list[str]:
    """Distinct normalized words of a user's query (all must match), bounded in number."""
    seen: list[str] = []
    for word in words(query or ""):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]
