#!/bin/bash
# Do two builds of kbindex/kbquery give the same KB and the same answers? The check that speed
# work changed nothing else. Each pair builds a KB from the demo corpus and the shared guideline
# files (HTML, JATS and their text forms), imports the shared PubMed XML, MEDLINE and RIS files,
# and then runs every kbquery command on it: recs, audit, logic, topics, studies, refs, search,
# match, every ref and impact of every topic, the question set and the exports, text and JSON.
#
#   bench/same_results.sh OLD_BIN_DIR NEW_BIN_DIR [WORK]
#
# Compares the two KBs' rows table by table (a dump; the planner's statistics, the build's date
# and versions, and the full-text indexes' segment layout aside, each index checked by FTS5's
# integrity check instead) and every command's stdout, stderr and exit status; prints how the
# schemas differ, if they do.
# Prints the count of commands and of differing ones; exits 1 on any difference.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TESTDATA=$REPO/../shared/testdata
[ $# -ge 2 ] || { echo "usage: bench/same_results.sh OLD_BIN_DIR NEW_BIN_DIR [WORK]" >&2; exit 2; }
OLD=$(cd "$1" && pwd); NEW=$(cd "$2" && pwd)
WORK=${3:-${TMPDIR:-/tmp}/kb-same-results}
[ -d "$TESTDATA/guidelines" ] || { echo "same_results: $TESTDATA/guidelines is missing" >&2; exit 2; }
# Two KBs per build: the guidelines as published (HTML, JATS) and in their text forms.
rm -rf "$WORK" && mkdir -p "$WORK/published" "$WORK/text"
cp "$REPO"/corpus/* "$WORK/published/" && cp "$REPO"/corpus/* "$WORK/text/"
cp "$TESTDATA"/guidelines/*.{html,xml} "$WORK/published/"
cp "$TESTDATA"/guidelines/*.txt "$WORK/text/"

mapfile -t QUESTIONS < <(python3 -c 'import json,sys; [print(q["question"]) for q in json.load(open(sys.argv[1]))]' \
  "$REPO/tests/data/questions/questions.json")

# build_and_ask BIN INPUT OUT: the KB of WORK/INPUT in OUT/kb.sqlite, each command's output in OUT/NNNN.*
build_and_ask() {
  local bin=$1 input=$2 out=$3 n=0
  mkdir -p "$out"
  (cd "$WORK" && "$bin/kbindex" build "$input" --db "$out/kb.sqlite" > "$out/build.out" 2>&1) || true
  for f in "$TESTDATA"/pubmed_xml/*.xml "$TESTDATA"/medline/*.txt "$TESTDATA"/ris/*.ris; do
    [ -f "$f" ] && { "$bin/kbindex" add "$f" --db "$out/kb.sqlite" >> "$out/add.out" 2>&1 || true; }
  done
  run() {
    n=$((n + 1))
    local f; f=$out/$(printf %04d $n)
    echo "$*" > "$f.cmd"
    (cd "$out" && "$bin/kbquery" --db kb.sqlite "$@" > "$f.out" 2> "$f.err"; echo $? > "$f.rc") || true
  }
  local db=$out/kb.sqlite
  for json in "" --json; do
    local J=(); [ -n "$json" ] && J=(--json)
    for cmd in recs audit logic topics studies refs; do run "${J[@]}" $cmd; done
    run "${J[@]}" search surgery
    run "${J[@]}" search '"primary tumor" resection'
    run "${J[@]}" refs 'Soran[au] AND 2016[dp]'
    run "${J[@]}" refs '"breast cancer"[ti] NOT review[pt]'
    run "${J[@]}" refs 'surgery[ti] OR resection[ti] OR vaccine[ti]' --limit 3
    run "${J[@]}" refs --year 2000-2016 --limit 5 --sort year
    run "${J[@]}" refs --design case_series --limit 4 --sort author
    run "${J[@]}" search metasta* --limit 3
    run "${J[@]}" match "Badwe R 2015 Lancet Oncol"
    for t in $(sqlite3 "$db" "SELECT slug FROM topics ORDER BY slug"); do
      run "${J[@]}" recs --topic "$t"
      run "${J[@]}" audit --topic "$t"
      for r in $(sqlite3 "$db" "SELECT number FROM refs r JOIN topics t ON t.id = r.topic_id WHERE t.slug = '$t' ORDER BY number"); do
        run "${J[@]}" ref "$r" --topic "$t"
        run "${J[@]}" impact "$r" --topic "$t"
      done
    done
    for q in "${QUESTIONS[@]}"; do run "${J[@]}" ask "$q"; done
  done
  for format in ris bibtex csl-json medline csv; do run export --format "$format"; done
  # The rows: the build's version, the planner's statistics and the times of writing aside,
  # and the full-text indexes' b-trees of segments (how FTS5 happened to flush them: the same
  # index may be laid out in different segments), which FTS5's integrity check reads instead.
  sqlite3 "$db" .dump | grep "^INSERT INTO " | grep -v -e "^INSERT INTO sqlite_stat1" -e "^INSERT INTO [a-z]*_fts_\(data\|idx\) " \
    -e "^INSERT INTO inference_\(terms\|profiles\|vocabulary\) " \
    -e "^INSERT INTO kb_meta VALUES('\(built_at\|tool_version\|sqlite_version\|schema_version\)'" |
    sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'/'(time)'/g" > "$out/rows.sql"
  # The inference profiles as rows of (recommendation, concept, weight, core, discriminating),
  # however they are stored: a row per concept (schema 6 and older) or packed (7).
  python3 - "$db" >> "$out/rows.sql" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
rows = []
if "inference_terms" in tables:
    rows = list(db.execute("SELECT recommendation_id, term, weight, core, discriminating FROM inference_terms"))
else:
    vocabulary = dict(db.execute("SELECT id, term FROM inference_vocabulary"))
    for rec, blob in db.execute("SELECT recommendation_id, concepts FROM inference_profiles"):
        i = 0
        while i < len(blob):
            term, shift = 0, 0
            while True:
                b = blob[i]; i += 1
                term |= (b & 0x7F) << shift; shift += 7
                if not b & 0x80: break
            flags = blob[i]; weight = struct.unpack("<d", blob[i + 1:i + 9])[0]; i += 9
            rows.append((rec, vocabulary[term], weight, flags & 1, (flags >> 1) & 1))
for r in sorted(rows):
    print("profile %d %s %r %d %d" % r)
PY
  for fts in sentences_fts refs_fts studies_fts recommendations_fts; do
    sqlite3 "$db" "INSERT INTO $fts($fts) VALUES ('integrity-check')" || echo "$fts: integrity check failed" >> "$out/rows.sql"
  done
  # The schema apart, in name order: a schema change is shown, not counted as a difference.
  sqlite3 "$db" "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name" > "$out/schema.sql"
  echo "$n" > "$out/count"
}

for form in published text; do
  build_and_ask "$OLD" $form "$WORK/old/$form" &
  build_and_ask "$NEW" $form "$WORK/new/$form"
  wait
done
n=0; differ=0; rows=same
for form in published text; do
  n=$((n + $(cat "$WORK/new/$form/count")))
  for f in "$WORK"/new/$form/[0-9]*.cmd; do
    b=${f%.cmd}; o=$WORK/old/$form/$(basename "$b")
    for ext in out err rc; do
      if ! cmp -s "$b.$ext" "$o.$ext"; then differ=$((differ + 1)); echo "differs ($form, $ext): $(cat "$f")"; break; fi
    done
  done
  cmp -s "$WORK/old/$form/rows.sql" "$WORK/new/$form/rows.sql" || rows=different
done
diff "$WORK/old/published/schema.sql" "$WORK/new/published/schema.sql" | sed -n 's/^[<>] /schema: &/p' || true
echo "{\"commands\": $n, \"differing\": $differ, \"rows\": \"$rows\", \"row_lines\": $(cat "$WORK"/new/*/rows.sql | wc -l)}"
[ "$differ" = 0 ] && [ "$rows" = same ]
