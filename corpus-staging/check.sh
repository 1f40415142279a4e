#!/usr/bin/env bash
# Build a temporary project = a copy of data/ (and the checkout's ontology/)
# plus corpus-staging: its entities appended to entities.yaml, its articles
# copied into data/articles/, its reference tables copied into data/reference/
# and its outside facts and Wikidata links merged into outside-facts.yaml.
# Then `kg --project TMP build --quiet` (no --allow-unreviewed): exits non-zero
# when the build fails (malformed source, quote not in its text, unknown
# entity, SHACL violation, inconsistency). KEEP_BUILD=DIR writes the build there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/corpus-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Real copies (-L: through any symbolic link), so that nothing below can ever
# write into the checkout's data/ or ontology/.
cp -RL "$repo/data" "$tmp/data"
cp -RL "$repo/ontology" "$tmp/ontology"
if [ -L "$tmp/data" ] || [ -L "$tmp/ontology" ]; then
    echo "check.sh: the temporary copy is a link, refusing to write through it" >&2
    exit 3
fi
printf '# The project folder of a corpus-staging check.\n' > "$tmp/kg.toml"

# Entities: appended; a key given twice fails the build (duplicate key).
printf '\n# ---- appended from corpus-staging/entities.yaml ----\n' >> "$tmp/data/entities.yaml"
cat "$here/entities.yaml" >> "$tmp/data/entities.yaml"

# Articles: text and reviewed YAML, side by side, never over an existing file.
shopt -s nullglob
for f in "$here"/articles/*; do
    name="$(basename "$f")"
    if [ -e "$tmp/data/articles/$name" ]; then
        echo "check.sh: $name already exists in data/articles/" >&2
        exit 3
    fi
    cp "$f" "$tmp/data/articles/$name"
done

# Reference tables of the staged articles, beside data/reference/'s, never over one.
for f in "$here"/reference/*; do
    name="$(basename "$f")"
    if [ -e "$tmp/data/reference/$name" ]; then
        echo "check.sh: reference/$name already exists in data/reference/" >&2
        exit 3
    fi
    cp "$f" "$tmp/data/reference/$name"
done

# Each staged text is byte-identical to the benchmark text it was taken from
# (columns text and benchmark of reference/corpus-sources.csv), and every
# staged article has its row there.
"$repo/.venv/bin/python" - "$here" "$repo" <<'PY'
import csv, filecmp, sys
from pathlib import Path
here, repo = Path(sys.argv[1]), Path(sys.argv[2])
rows = list(csv.DictReader((here / "reference" / "corpus-sources.csv").open(encoding="utf-8")))
listed = {row["text"] for row in rows}
for row in rows:
    staged, bench = here / "articles" / row["text"], repo / row["benchmark"]
    if not staged.exists() or not filecmp.cmp(staged, bench, shallow=False):
        sys.exit(f"check.sh: {staged} is not byte-identical to {bench}")
for text in (here / "articles").glob("*.txt"):
    if text.name not in listed:
        sys.exit(f"check.sh: {text.name} has no row in reference/corpus-sources.csv")
PY

# Outside facts and Wikidata links: merged into the copy's outside-facts.yaml;
# the build checks each against its table row.
"$repo/.venv/bin/python" - "$tmp/data/reference/outside-facts.yaml" "$here/outside-facts.yaml" <<'PY'
import sys, yaml
target, extra = sys.argv[1], sys.argv[2]
with open(target, encoding="utf-8") as f:
    data = yaml.safe_load(f) or {}
with open(extra, encoding="utf-8") as f:
    staged = yaml.safe_load(f) or {}
wikidata = data.get("wikidata") or {}
for name, entity in (staged.get("wikidata") or {}).items():
    if name in wikidata and wikidata[name] != entity:
        sys.exit(f"check.sh: outside-facts.yaml maps {name!r} to {entity}, data/ to {wikidata[name]}")
    wikidata[name] = entity
data["wikidata"] = wikidata
data["facts"] = (data.get("facts") or []) + (staged.get("facts") or [])
with open(target, "w", encoding="utf-8") as f:
    yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False)
PY

if [ -n "${KEEP_BUILD:-}" ]; then
    "$repo/.venv/bin/kg" --project "$tmp" build --quiet --out "$KEEP_BUILD"
else
    "$repo/.venv/bin/kg" --project "$tmp" build --quiet
fi
staged=("$here"/articles/*.yaml)
echo "check.sh: corpus-staging builds and conforms (${#staged[@]} staged article(s))"
