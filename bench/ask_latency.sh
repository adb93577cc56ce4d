#!/bin/bash
# Cold latency of `kbquery ask` and `kbquery search --limit 10` against the floor: a bare FTS5
# query of the same words (../shared/bench/fts5_floor.sh's schema and its query form), measured
# in the same run on the same generated corpus. Prints one JSON object on stdout.
#
#   bench/ask_latency.sh            TOPICS=2000 REPS=15 BUILD_DIR=build WORK=$TMPDIR/kb-ask-latency
#   FRESH=1 bench/ask_latency.sh    regenerate the corpus and rebuild the KB and the floor DB
#
# "Cold" means a new process per query (exec, open the DB, plan, answer, exit), NOT a dropped
# page cache: after one untimed warm-up pass every file is in the page cache. Each repetition
# runs ask, search and the floor (a new sqlite3 process running the floor's
#   SELECT topic || ':' || n FROM passages|refs WHERE ... MATCH '<words>' ORDER BY rank LIMIT 10
# on both of its tables) one after the other for every question, so machine noise hits the
# three alike. The words are the question's content words, ANDed (FTS5's implicit AND, as the
# floor's own "liver metastases" query does). Read ask_over_floor_p50 as "ask costs x times a
# bare FTS5 lookup of its words": ~1 would mean nothing but that lookup is paid. The excess is
# ask's own work: its wider query (every synonym of every concept ORed, best 200 of each index),
# then recommendations, evidence and JSON. search_over_floor_p50 is the same for search, whose
# query is these very words (ANDed; ORed only when the AND finds nothing).
# The corpus, KB and floor DB are kept in WORK/topicsN and reused by later runs with the same
# TOPICS (a KB built by an older kbindex is reused too: FRESH=1 after a schema change).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$REPO/../shared/bench
BUILD_DIR=${BUILD_DIR:-build}; [[ $BUILD_DIR = /* ]] || BUILD_DIR=$REPO/$BUILD_DIR
TOPICS=${TOPICS:-2000}
REPS=${REPS:-15}
WORK=${WORK:-${TMPDIR:-/tmp}/kb-ask-latency}
D=$WORK/topics$TOPICS

# Copies of the binaries: a rebuild of build/ during the run cannot break or change what we time.
BIN=$(mktemp -d "${TMPDIR:-/tmp}/kb-ask-latency-bin.XXXXXX")
trap 'rm -rf "$BIN"' EXIT
cp "$BUILD_DIR/bin/kbindex" "$BUILD_DIR/bin/kbquery" "$BIN/"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
[ "${FRESH:-0}" = 1 ] && rm -rf "$D"
mkdir -p "$D"
if [ ! -f "$D/corpus.done" ]; then
  echo "generating $TOPICS topics in $D" >&2
  rm -rf "$D/corpus" && python3 "$SHARED/gen_corpus.py" --topics "$TOPICS" --seed 1 --out "$D/corpus"
  python3 "$SHARED/gen_corpus.py" --topics "$TOPICS" --seed 1 --jsonl --out "$D/corpus.jsonl"
  touch "$D/corpus.done"
fi
if [ ! -f "$D/build_ms" ]; then  # kbindex writes a temporary file and renames it when complete
  echo "building the KB" >&2
  t=$(now_ms); "$BIN/kbindex" build "$D/corpus" --db "$D/kb.sqlite" > "$D/kbindex.log"
  echo $(( $(now_ms) - t )) > "$D/build_ms"
fi
if [ ! -f "$D/floor_build_ms" ]; then
  echo "building the floor DB" >&2
  t=$(now_ms); "$SHARED/fts5_floor.sh" build "$D/corpus.jsonl" "$D/floor.db.tmp"
  mv "$D/floor.db.tmp" "$D/floor.db"
  echo $(( $(now_ms) - t )) > "$D/floor_build_ms"
fi

echo "timing $REPS cold repetitions" >&2
python3 - "$BIN/kbquery" "$D" "$TOPICS" "$REPS" "$REPO/bench/bench_queries.tsv" <<'EOF'
import json, math, os, subprocess, sys, time

kbquery, d, topics, reps, queries = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
kb, floor = os.path.join(d, "kb.sqlite"), os.path.join(d, "floor.db")
# (question, its content words): bench_queries.tsv's questions, the set make bench times too.
QUESTIONS = [tuple(line.rstrip("\n").split("\t")[1:3]) for line in open(queries, encoding="utf-8")
             if line.startswith("question\t")]

def floor_sql(words):
    return " ".join("SELECT topic || ':' || n FROM %s WHERE %s MATCH '%s' ORDER BY rank LIMIT 10;"
                    % (t, t, words.replace("'", "''")) for t in ("passages", "refs"))

def commands(q, words):
    return {"ask": [kbquery, "ask", q, "--db", kb, "--json"],
            "search": [kbquery, "search", words, "--db", kb, "--limit", "10"],
            "floor": ["sqlite3", "-bail", "-readonly", floor, floor_sql(words)]}

def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - t) * 1e3
    if p.returncode:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()))
    return ms

def pct(v, p):  # nearest rank
    v = sorted(v)
    return v[max(1, math.ceil(p / 100 * len(v))) - 1]

kinds = ("ask", "search", "floor")
cmds = [commands(q, w) for q, w in QUESTIONS]
for c in cmds:  # warm-up, untimed: page cache, and every command must succeed
    for k in kinds:
        run(c[k])
t = {(i, k): [] for i in range(len(QUESTIONS)) for k in kinds}
for r in range(reps):
    order = kinds[r % 3:] + kinds[:r % 3]  # rotate so no kind always follows the same one
    for i, c in enumerate(cmds):
        for k in order:
            t[i, k].append(run(c[k]))

def summary(k):
    v = [x for i in range(len(QUESTIONS)) for x in t[i, k]]
    return {"p50": round(pct(v, 50), 1), "p90": round(pct(v, 90), 1), "max": round(max(v), 1)}

s = {k: summary(k) for k in kinds}
build_s = int(open(os.path.join(d, "build_ms")).read()) / 1e3
floor_build_s = int(open(os.path.join(d, "floor_build_ms")).read()) / 1e3
print(json.dumps({
    "topics": topics,
    "cold": "a new process per query, page cache warm (not dropped)",
    "kb_bytes": os.path.getsize(kb), "floor_bytes": os.path.getsize(floor), "reps": reps,
    "cold_ask_ms": s["ask"], "cold_search_ms": s["search"], "cold_floor_ms": s["floor"],
    "ask_over_floor_p50": round(s["ask"]["p50"] / s["floor"]["p50"], 2),
    "search_over_floor_p50": round(s["search"]["p50"] / s["floor"]["p50"], 2),
    "build_s": build_s, "floor_build_s": floor_build_s,
    "build_over_floor": round(build_s / floor_build_s, 2),
    "per_question": [{"question": q, "words": w,
                      "ask_p50_ms": round(pct(t[i, "ask"], 50), 1),
                      "search_p50_ms": round(pct(t[i, "search"], 50), 1),
                      "floor_p50_ms": round(pct(t[i, "floor"], 50), 1)}
                     for i, (q, w) in enumerate(QUESTIONS)],
}, indent=1))
EOF
