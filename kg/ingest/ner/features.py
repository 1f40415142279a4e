"""Token features for the CRF: Kazakh is agglutinative, so suffixes carry case
and possession (Шпекбаевтың, облысында) and prefixes carry the stem."""

from __future__ import annotations

import re

from kg.kazakh import is_ending

SHAPE = [(re.compile(r"[A-ZА-ЯӘҒҚҢӨҰҮҺІЁ]"), "X"), (re.compile(r"[a-zа-яәғқңөұүһіё]"), "x"), (re.compile(r"\d"), "d")]


def shape(word: str) -> str:
    out = word
    for pattern, symbol in SHAPE:
        out = pattern.sub(symbol, out)
    return re.sub(r"(.)\1+", r"\1\1", out)


def ending(word: str) -> str:
    """The longest Kazakh ending (plural, possessive, case) the word may carry, leaving a stem of three
    letters or more: «облысында» → «ында», «агенттігінің» → «інің»; "" for none."""
    lower = word.lower()
    for start in range(3, len(lower)):
        if lower[start:].isalpha() and is_ending(lower[start:]):
            return lower[start:]
    return ""


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
    }


def token_features(tokens: list[str], index: int) -> dict[str, object]:
    word = tokens[index]
    lower = word.lower()
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
        "length": min(len(word), 12),
        "first": index == 0,
        "in_quotes": tokens[:index].count("«") > tokens[:index].count("»"),
        "ending": ending(word),
    }
    for size in (1, 2, 3, 4, 5):
        features[f"suf{size}"] = lower[-size:]
    for size in (2, 3, 4, 5, 6):
        features[f"pre{size}"] = lower[:size]
    for offset in (-2, -1, 1, 2):
        position = index + offset
        if 0 <= position < len(tokens):
            features.update(_word(f"{offset}:", tokens[position]))
        else:
            features[f"{offset}:edge"] = True
    if index > 0:
        features["bigram-1"] = f"{tokens[index - 1].lower()}|{lower}"
    if index + 1 < len(tokens):
        features["bigram+1"] = f"{lower}|{tokens[index + 1].lower()}"
    return features


def sentence_features(tokens: list[str]) -> list[dict[str, object]]:
    return [token_features(tokens, i) for i in range(len(tokens))]
