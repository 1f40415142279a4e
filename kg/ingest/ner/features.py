"""Token features for the CRF: Kazakh is agglutinative, so suffixes carry case
and possession (Шпекбаевтың, облысында) and prefixes carry the stem."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.kazakh import is_ending

SHAPE = [(re.compile(r"[A-ZА-ЯӘҒҚҢӨҰҮҺІЁ]"), "X"), (re.compile(r"[a-zа-яәғқңөұүһіё]"), "x"), (re.compile(r"\d"), "d")]
LATIN, CYRILLIC = re.compile(r"[A-Za-z]"), re.compile(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё]")
OPENING, CLOSING = "«“", "»”"
# A word ending in a third-person possessive, maybe with a case after it (министрлігінің, әкімі, басқармасына):
# the head of a noun phrase, which says what the words before it name (Білім және ғылым министрлігі).
HEAD = re.compile(r"\w{3,}(?:[ыі]|с[ыі])(?:н[ыі]ң|н[ае]|н|н[дт][ае]|н[ае]н|мен|н[дт][ае][ғг][ыі])?")
HEAD_REACH = 6  # words looked ahead for a head, never past punctuation


def shape(word: str) -> str:
    out = word
    for pattern, symbol in SHAPE:
        out = pattern.sub(symbol, out)
    return re.sub(r"(.)\1+", r"\1\1", out)


@lru_cache(maxsize=1 << 16)  # each word is looked at as itself and as up to four neighbours
def ending(word: str) -> str:
    """The longest Kazakh ending (plural, possessive, case) the word may carry, leaving a stem of three
    letters or more: «облысында» → «ында», «агенттігінің» → «інің»; "" for none."""
    lower = word.lower()
    for start in range(3, len(lower)):
        if lower[start:].isalpha() and is_ending(lower[start:]):
            return lower[start:]
    return ""


def stem(word: str) -> str:
    """The word without its ending, lowercased: «Астанада» and «Астананың» both give «астана»."""
    lower = word.lower()
    return lower[: len(lower) - len(ending(word))]


def script(word: str) -> str:
    """Latin names (Sukhoi Superjet) and mixed spellings are products and bodies more often than people."""
    latin, cyrillic = LATIN.search(word) is not None, CYRILLIC.search(word) is not None
    return "mixed" if latin and cyrillic else "latin" if latin else "cyrillic" if cyrillic else "none"


def _word(prefix: str, word: str) -> dict[str, object]:
    lower = word.lower()
    return {
        f"{prefix}lower": lower,
        f"{prefix}title": word[:1].isupper(),
        f"{prefix}upper": word.isupper() and len(word) > 1,
        f"{prefix}digit": any(c.isdigit() for c in word),
        f"{prefix}shape": shape(word),
        f"{prefix}suf3": lower[-3:],
        # A neighbour's stem and ending, whatever its case: облысында and облысының both say «облыс».
        f"{prefix}pre5": lower[:5],
        f"{prefix}ending": ending(word),
        f"{prefix}stem": stem(word),
    }


def _place(index: int, first: int, last: int) -> str:
    """Single, beginning, inside or end of the stretch first..last."""
    return "S" if first == last else "B" if index == first else "E" if index == last else "I"


def _capitalised_runs(tokens: list[str]) -> list[dict[str, object]]:
    """For each word of a run of capitalised words, its place in the run and the words around the run:
    the noun after a name (партиясы, облысы, мырза) says what it names, however long the name."""
    found: list[dict[str, object]] = [{} for _ in tokens]
    start = 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and tokens[end][:1].isupper():
            end += 1
        for index in range(start, end):
            found[index] = {"run": _place(index, start, end - 1), "run_length": min(end - start, 5)}
            if end < len(tokens):
                found[index]["run_next"] = stem(tokens[end])
            if start > 0:
                found[index]["run_previous"] = stem(tokens[start - 1])
        start = max(end, start + 1)
    return found


def _quoted(tokens: list[str]) -> list[dict[str, object]]:
    """For each word inside «…», the quote's length and the word after it, which names its kind:
    «Нұр Отан» партиясы, «Болашақ» бағдарламасы."""
    found: list[dict[str, object]] = [{} for _ in tokens]
    opened: list[int] = []
    for index, token in enumerate(tokens):
        if token in OPENING:
            opened.append(index)
        elif token in CLOSING and opened:
            start = opened.pop()
            after = {"quote_next": stem(tokens[index + 1])} if index + 1 < len(tokens) else {}
            for inside in range(start + 1, index):
                found[inside] = {
                    "quote_length": min(index - start - 1, 6),
                    "quote_place": _place(inside, start + 1, index - 1),
                    **after,
                }
    return found


def _heads_ahead(tokens: list[str]) -> list[dict[str, object]]:
    """For each word, the stem of the next head noun (HEAD) within reach and how far it is: every word of a
    lowercase name sees the noun that ends it, however many words lie between."""
    found: list[dict[str, object]] = [{} for _ in tokens]
    for index in range(len(tokens)):
        for ahead in range(index + 1, min(index + 1 + HEAD_REACH, len(tokens))):
            if not tokens[ahead][:1].isalnum():
                break
            if HEAD.fullmatch(tokens[ahead].lower()):
                found[index] = {"head_ahead": stem(tokens[ahead]), "head_distance": ahead - index}
                break
    return found


def _capital_place(tokens: list[str], index: int) -> str:
    """A capital says more in mid-sentence than first or after a quote or a dash, where any word takes one."""
    title = tokens[index][:1].isupper()
    place = "first" if index == 0 else "punct" if not tokens[index - 1][:1].isalnum() else "mid"
    return f"{title}|{place}"


def _stem_trigrams(word: str) -> dict[str, object]:
    """Letter trigrams of the stem, its edges marked: a new name shares pieces with known ones (-стан, -бай)."""
    padded = f"<{stem(word)}>"
    return {f"sg3:{padded[i : i + 3]}": 1.0 for i in range(len(padded) - 2)}


def token_features(tokens: list[str], index: int) -> dict[str, object]:
    word = tokens[index]
    lower = word.lower()
    stem_length = len(word) - len(ending(word))
    features: dict[str, object] = {
        "bias": 1.0,
        "lower": lower,
        "title": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1,
        "alpha": word.isalpha(),
        "digit": word.isdigit(),
        "has_digit": any(c.isdigit() for c in word),
        "hyphen": "-" in word,
        "shape": shape(word),
        "script": script(word),
        "length": min(len(word), 12),
        "first": index == 0,
        "in_quotes": tokens[:index].count("«") > tokens[:index].count("»"),
        "ending": ending(word),
        "stem": stem(word),
        "stem_shape": shape(word[:stem_length]),
        "has_ending": stem_length < len(word),
        "cap_place": _capital_place(tokens, index),
    } | _stem_trigrams(word)
    for size in (1, 2, 3, 4, 5):
        features[f"suf{size}"] = lower[-size:]
    for size in (2, 3, 4, 5, 6):
        features[f"pre{size}"] = lower[:size]
    # The end of the stem, not of the word, marks a surname or a body whatever the case:
    # Назарбаевтың → «аев», министрлігінде → «ліг» (its ending «інде» aside).
    for size in (2, 3, 4):
        features[f"stem_suf{size}"] = features["stem"][-size:]
    for offset in (-2, -1, 1, 2):
        position = index + offset
        if 0 <= position < len(tokens):
            features.update(_word(f"{offset}:", tokens[position]))
        else:
            features[f"{offset}:edge"] = True
    # Three words off, only the stem and the capital: long names (Қазақстан Республикасы Білім … министрлігі).
    for offset in (-3, 3):
        position = index + offset
        if 0 <= position < len(tokens):
            features[f"{offset}:stem"] = stem(tokens[position])
            features[f"{offset}:title"] = tokens[position][:1].isupper()
    if index > 0:
        features["bigram-1"] = f"{tokens[index - 1].lower()}|{lower}"
        features["stems-1"] = f"{stem(tokens[index - 1])}|{stem(word)}"
    if index + 1 < len(tokens):
        features["bigram+1"] = f"{lower}|{tokens[index + 1].lower()}"
        features["stems+1"] = f"{stem(word)}|{stem(tokens[index + 1])}"
    return features


def _headline_case(tokens: list[str]) -> list[str]:
    """Three or more words in capitals in a row are a headline's (ЖЕМҚОРЛЫҚТЫҢ АЛДЫН АЛУ ШАРАЛАРЫ), not a name:
    KazNERD has no such run, so the model never learned what capitals say there. They are read in lowercase,
    the sentence's first word capitalised as usual; two in a row (ҚР ҰҚК) stay abbreviations."""
    capitals = [token.isalpha() and len(token) > 1 and token.isupper() for token in tokens]
    cased = list(tokens)
    start = 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and capitals[end]:
            end += 1
        if end - start >= 3:
            cased[start:end] = [token.lower() for token in tokens[start:end]]
            cased[0] = cased[0].capitalize() if start == 0 else cased[0]
        start = max(end, start + 1)
    return cased


def sentence_features(tokens: list[str]) -> list[dict[str, object]]:
    tokens = _headline_case(tokens)
    runs, quoted, heads = _capitalised_runs(tokens), _quoted(tokens), _heads_ahead(tokens)
    return [token_features(tokens, i) | runs[i] | quoted[i] | heads[i] for i in range(len(tokens))]
