"""HTTP content negotiation with q-values (RFC 9110 §12.5.1)."""

from __future__ import annotations


def _parse(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, index))
    return ranges


def _specificity(media_range: str, offered: str) -> int | None:
    if media_range == offered:
        return 2
    kind, _, sub = media_range.partition("/")
    if sub == "*" and offered.startswith(kind + "/"):
        return 1
    if media_range in ("*/*", "*"):
        return 0
    return None


def choose(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers, the first offered one for no
    Accept header, or None when nothing offered is acceptable (406)."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for position, media in enumerate(offered):
        matches = [(spec, q) for r, q, _ in ranges if (spec := _specificity(r, media)) is not None]
        if not matches:
            continue
        # The most specific matching range decides the quality of this type.
        _, quality = max(matches, key=lambda m: m[0])
        if quality <= 0:
            continue
        rank = (quality, -position, 0)
        if best is None or rank > best:
            best, chosen = rank, media
    return chosen
