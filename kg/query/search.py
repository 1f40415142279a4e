"""Find entities by any of their names, as a person types them.

A name is a label or other name in any language, the slug of the IRI, or a
form the article wrote (a mention). Kazakh adds case and possessive suffixes
to names (Көлгінов → Көлгіновтың, Агенттігі → Агенттігінің), so a typed word
matches a name's word when one begins with the other and what is left is a
Kazakh ending (kg.kazakh).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.kazakh import is_ending
from kg.namespaces import OA

WORD = re.compile(r"\w+")
SHORTEST_STEM = 3
FINAL_VOWELS = "аеыіоөұүу"
NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass(frozen=True)
class Match:
    score: float
    entity: URIRef
    name: str  # the name that matched best
    complete: bool  # every word typed is a word of that name


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold().replace("ё", "е"))


def _stem(word: str) -> str:
    """A final vowel dropped: possessive Агенттігі stems to агенттіг, as in агенттігінің."""
    return word[:-1] if len(word) > SHORTEST_STEM + 1 and word[-1] in FINAL_VOWELS else word


def same_word(typed: str, known: str) -> bool:
    if typed == known:
        return True
    shorter, longer = sorted((typed, known), key=len)
    for stem in {shorter, _stem(shorter)}:  # агенттігі + нің, or агенттіг + інің
        if len(stem) >= SHORTEST_STEM and longer.startswith(stem) and is_ending(longer[len(stem) :]):
            return True
    return False


def _score(typed: list[str], name: list[str]) -> tuple[float, bool]:
    """1 for the same words, less for some of them (in any order), 0 for none;
    and whether every word typed was matched."""
    if not typed or not name:
        return 0.0, False
    matched = sum(any(same_word(t, n) for n in name) for t in typed)
    if matched == 0:
        return 0.0, False
    covered = sum(any(same_word(t, n) for t in typed) for n in name) / len(name)
    return round(0.6 * matched / len(typed) + 0.4 * covered, 3), matched == len(typed)


def names(dataset: Dataset, base: str) -> dict[URIRef, set[str]]:
    """Every named entity under ``base`` with all its names."""
    found: dict[URIRef, set[str]] = {}
    for predicate in NAME_PREDICATES:
        for entity, name in dataset.subject_objects(predicate):
            if isinstance(entity, URIRef) and entity.startswith(base) and isinstance(name, Literal):
                found.setdefault(entity, set()).add(str(name))
    for entity in found:
        found[entity].add(entity[len(base) :].rsplit("/", 1)[-1].replace("-", " "))
    for mention, entity in dataset.subject_objects(OA.hasBody):
        if entity in found:
            for target in dataset.objects(mention, OA.hasTarget):
                for selector in dataset.objects(target, OA.hasSelector):
                    found[entity].update(str(q) for q in dataset.objects(selector, OA.exact))
    return found


def search(dataset: Dataset, text: str, base: str, limit: int = 10) -> list[Match]:
    """The entities best matching ``text``, best first; misspellings are
    matched loosely when nothing matches word by word."""
    typed = words(text)
    known = names(dataset, base)
    best: dict[URIRef, Match] = {}
    for entity, forms in known.items():
        # Shortest first: of equally good names, the base form is shown, not an inflected one.
        for form in sorted(forms, key=lambda f: (len(f), f)):
            score, complete = _score(typed, words(form))
            if score and (entity not in best or score > best[entity].score):
                best[entity] = Match(score, entity, form, complete)
    if not best:
        wanted = " ".join(typed)
        for entity, forms in known.items():
            for form in sorted(forms, key=lambda f: (len(f), f)):
                ratio = SequenceMatcher(None, wanted, " ".join(words(form))).ratio()
                if ratio >= 0.75 and (entity not in best or ratio / 2 > best[entity].score):
                    best[entity] = Match(round(ratio / 2, 3), entity, form, False)
    return sorted(best.values(), key=lambda m: (-m.score, str(m.entity)))[:limit]
