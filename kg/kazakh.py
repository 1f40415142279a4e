"""Kazakh endings, in one place: what may follow a name or a numeral.

Kazakh glues plural, possessive and case endings to a word («-нан», «-ге»,
«-і», «-сынан», «-лардың», «-мен»), their vowels in harmony with the word's
last vowel. ``ENDING`` accepts any such chain without checking harmony (for
numerals, whose digits show no vowel); ``suffix_chain`` builds the regex of
the chains in harmony with a given word (for names).
"""

from __future__ import annotations

import re

# A plural, possessive and case ending as Kazakh glues them to a noun or numeral:
# «-нан», «-ге», «-і», «-сынан», «-лардың», «-мен». Vowel harmony is not checked.
ENDING = re.compile(
    r"(?:[лдт][ае]р)?(?:[ыі]?м[ыі]з|[ыі]?ң[ыі]з|с?[ыі]|[ыі]?[мң])?(?:н?[дт][ае]н|н[ае]н|н?[дт][ае]|[ғгқкн]?[ае]"
    r"|[дтн][ыі]ң|[дтн]?[ыі]|н|[мбп]ен|н?[дт][ае][гғ][ыі]|[гғкқ][ыі]|ш[ае])?"
)


def is_ending(letters: str) -> bool:
    return ENDING.fullmatch(letters.lower()) is not None


def is_singular_ending(letters: str) -> bool:
    """An ending without the plural: «әкімі», «Үкіметке»; not «әкімдері», «Үкіметтер» (a group, no one body)."""
    return is_ending(letters) and re.match(r"[лдт][ае]р", letters.lower()) is None


BACK_VOWELS, FRONT_VOWELS = "аоұыя", "әөүіеэю"
# Suffix chains of nouns: plural, possessive, case, and the attributive -ғы/-гі.
BACK_SUFFIXES = tuple(
    "лар дар тар ым ың ы сы мыз ымыз ңыз ыңыз ның дың тың ға қа на а ны ды ты н ын да та нда дан тан нан "  # noqa: SIM905
    "мен бен пен ымен нымен дағы тағы ндағы дай тай".split()
)
FRONT_SUFFIXES = tuple(
    "лер дер тер ім ің і сі міз іміз ңіз іңіз нің дің тің ге ке не е ні ді ті н ін де те нде ден тен нен "  # noqa: SIM905
    "мен бен пен імен німен дегі тегі ндегі дей тей".split()
)


RUSSIAN_FORM = re.compile(r"(?:ев|ёв|ов|ин|ий|ева|ова|ина)$")  # surnames of Russian form


def suffix_chain(word: str) -> str:
    """A regex for up to three suffixes in harmony with the word's last vowel.

    After е or и either series may follow in names of Russian form, which take
    back endings after a front-looking е (Шпекбаевтың, Жүндібаевтың); a Kazakh
    word with a front vowel besides takes front ones (Өскеменнің, not *Өскеменда)."""
    low = word.lower()
    vowels = [c for c in low if c in BACK_VOWELS + FRONT_VOWELS + "и"]
    last = vowels[-1] if vowels else "а"
    kazakh_front = any(c in "әөүі" for c in low) and not RUSSIAN_FORM.search(low)
    if last in "еи" and kazakh_front:
        series = FRONT_SUFFIXES
    elif last in "еи":
        series = BACK_SUFFIXES + FRONT_SUFFIXES
    else:
        series = FRONT_SUFFIXES if last in FRONT_VOWELS else BACK_SUFFIXES
    chain = "|".join(sorted(set(series), key=len, reverse=True))
    return rf"(?:{chain}){{0,3}}"
