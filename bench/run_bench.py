#!/usr/bin/env python3
"""`make bench`: build speed, memory and size, cold and in-process query latency and
`kbindex add` throughput, every figure beside the floor measured in the same run (the
machine is shared and noisy: read the ratios). One JSON object on stdout, progress on stderr.

Knobs (environment; bench/README.md): BENCH_SIZES ("2000 10000"), BUILD_REPS (2), LAT_REPS
(cold and in-process repetitions: 15 at the first size, 7 at the others), ADD_ARTICLES
(100000), WORK ($TMPDIR/kb-bench), BUILD_DIR (build), BIN_DIR (BUILD_DIR/bin: kbindex and
kbquery, and bench_query and bench_import when there).
Python 3 standard library only.
"""
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "bench"))
QUERIES = os.path.join(HERE, "bench_queries.tsv")


def env_path(name, default):
    p = os.environ.get(name) or default
    return p if os.path.isabs(p) else os.path.join(REPO, p)


SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "2000 10000").split()]
BUILD_REPS = int(os.environ.get("BUILD_REPS", "2"))
LAT_REPS = os.environ.get("LAT_REPS")
ADD_ARTICLES = int(os.environ.get("ADD_ARTICLES", "100000"))
WORK = os.environ.get("WORK") or os.path.join(os.environ.get("TMPDIR", "/tmp"), "kb-bench")
BUILD_DIR = env_path("BUILD_DIR", "build")
BIN_DIR = env_path("BIN_DIR", os.path.join(BUILD_DIR, "bin"))


def log(*words):
    print("bench:", *words, file=sys.stderr, flush=True)


def vs(ours, floor, digits=2):
    """A figure beside the floor's and their ratio."""
    r = (lambda x: round(x, digits)) if digits else round
    return {"ours": r(ours), "floor": r(floor),
            "over_floor": round(ours / floor, 2) if floor else None}


def pct(values, p):  # nearest rank
    v = sorted(values)
    return v[max(1, math.ceil(p / 100 * len(v))) - 1]


def load_queries():
    """(question, words) pairs and (refs query, floor MATCH) pairs of bench_queries.tsv."""
    questions, refs = [], []
    with open(QUERIES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, query, floor = line.rstrip("\n").split("\t")
            (questions if kind == "question" else refs).append((query, floor))
    return questions, refs


def copy_binaries(tmp):
    """Copies, so that a rebuild during the run can neither break nor change what is timed."""
    used = {}
    for name in ("kbindex", "kbquery", "bench_query", "bench_import"):
        src = os.path.join(BIN_DIR, name)
        if not os.path.exists(src) and name.startswith("bench_"):
            src = os.path.join(BUILD_DIR, "bin", name)
        if not os.path.exists(src):
            sys.exit("bench: no %s in %s" % (name, BIN_DIR))
        shutil.copy2(src, tmp)
        used[name] = src
    return used


def measure(cmd, log_path):
    """Wall time, CPU time (user + sys) and peak RSS of CMD, a child of its own. ru_maxrss
    from wait4 is the largest of the child and its waited-for descendants (the floor's
    sqlite3 under its shell script)."""
    start = time.perf_counter()
    with open(log_path, "wb") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.exit("bench: failed (%d): %s; see %s" % (p.returncode, " ".join(cmd), log_path))
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "peak_mib": ru.ru_maxrss / 1024}


def corpus(n, d):
    """The corpus of N topics as files and as JSON lines, generated once into D."""
    meta = os.path.join(d, "corpus.json")
    if not os.path.exists(meta):  # written last: its presence means the corpus is whole
        log("generating %d topics in %s" % (n, d))
        shutil.rmtree(os.path.join(d, "corpus"), ignore_errors=True)
        os.makedirs(d, exist_ok=True)
        gen = [sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--topics", str(n), "--seed", "1"]
        subprocess.run(gen + ["--out", os.path.join(d, "corpus")], check=True)
        p = subprocess.run(gen + ["--jsonl", "--stats", "--out", os.path.join(d, "corpus.jsonl")],
                           check=True, stderr=subprocess.PIPE, text=True)
        stats = json.loads(p.stderr.strip().splitlines()[-1])
        folder = os.path.join(d, "corpus")
        stats["input_bytes"] = sum(e.stat().st_size for e in os.scandir(folder) if e.is_file())
        with open(meta, "w") as f:
            json.dump(stats, f)
    with open(meta) as f:
        return json.load(f)


def bench_build(n, d, stats, bins):
    """Floor and our build alternately, BUILD_REPS times each; the median of each figure."""
    kb, floor = os.path.join(d, "kb.sqlite"), os.path.join(d, "floor.db")
    runs = {"ours": [], "floor": []}
    for r in range(BUILD_REPS):
        order = ("floor", "ours") if r % 2 == 0 else ("ours", "floor")
        for who in order:
            log("size %d: build %d/%d, %s" % (n, r + 1, BUILD_REPS, who))
            if who == "floor":
                cmd = [os.path.join(SHARED, "fts5_floor.sh"), "build", os.path.join(d, "corpus.jsonl"), floor]
            else:
                for f in (kb, kb + "-journal", kb + "-wal"):  # a new KB each time, never an update
                    if os.path.exists(f):
                        os.remove(f)
                cmd = [os.path.join(bins, "kbindex"), "build", os.path.join(d, "corpus"), "--db", kb, "--fresh"]
            runs[who].append(measure(cmd, os.path.join(d, who + "_build.log")))
    med = {who: {k: statistics.median(m[k] for m in runs[who]) for k in runs[who][0]} for who in runs}
    o, f = med["ours"], med["floor"]
    mb = stats["input_bytes"] / 1e6
    return {
        "reps": BUILD_REPS,
        "wall_s": vs(o["wall_s"], f["wall_s"]),
        "cpu_s": vs(o["cpu_s"], f["cpu_s"]),
        "throughput": {  # over the median wall time; the floor's ratio is the inverse of wall_s'
            "topics_per_s": vs(n / o["wall_s"], n / f["wall_s"], 1),
            "references_per_s": vs(stats["references"] / o["wall_s"], stats["references"] / f["wall_s"], 0),
            "input_mb_per_s": vs(mb / o["wall_s"], mb / f["wall_s"]),
        },
        "kb_bytes": vs(os.path.getsize(kb), os.path.getsize(floor), 0),
        "peak_mib": vs(o["peak_mib"], f["peak_mib"], 1),
    }


def floor_sql(table, match):
    return "SELECT topic || ':' || n FROM %s WHERE %s MATCH '%s' ORDER BY rank LIMIT 10;" % (
        table, table, match.replace("'", "''"))


def floor_words_sqls(words):  # the floor of search and ask: the words over both tables
    return [floor_sql("passages", words), floor_sql("refs", words)]


def run_timed(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1e3
    if p.returncode:
        sys.exit("bench: failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()))
    return ms


def bench_cold(n, d, bins, reps, questions, refs):
    """A new process per query, page cache warm. Each repetition runs every kind of a query
    one after the other, the order rotated, so that machine noise hits ours and the floor alike."""
    kb, floor, kbquery = os.path.join(d, "kb.sqlite"), os.path.join(d, "floor.db"), os.path.join(bins, "kbquery")
    sqlite = ["sqlite3", "-bail", "-readonly", floor]
    groups = [  # (kinds, one {kind: command} per query)
        (("search", "ask", "floor_words"),
         [{"ask": [kbquery, "ask", q, "--db", kb, "--json"],
           "search": [kbquery, "search", w, "--db", kb, "--limit", "10"],
           "floor_words": sqlite + [" ".join(floor_words_sqls(w))]} for q, w in questions]),
        (("refs", "floor_refs"),
         [{"refs": [kbquery, "refs", q, "--db", kb, "--limit", "10"],
           "floor_refs": sqlite + [floor_sql("refs", m)]} for q, m in refs]),
    ]
    log("size %d: cold latency, warm-up and %d repetitions" % (n, reps))
    for _, cmds in groups:  # warm-up, untimed: page cache; and every command must work
        for c in cmds:
            for cmd in c.values():
                run_timed(cmd)
    ms = {k: [] for kinds, _ in groups for k in kinds}
    for r in range(reps):
        for kinds, cmds in groups:
            order = kinds[r % len(kinds):] + kinds[:r % len(kinds)]
            for c in cmds:
                for k in order:
                    ms[k].append(run_timed(c[k]))
    out = {"reps": reps, "floor": "a new sqlite3 -readonly process: the same words as bm25 MATCH ... LIMIT 10 "
                                  "over passages and refs (search, ask); the refs query's MATCH over refs (refs)"}
    for kind, floor_kind in (("search", "floor_words"), ("refs", "floor_refs"), ("ask", "floor_words")):
        out[kind] = {"p50_ms": vs(pct(ms[kind], 50), pct(ms[floor_kind], 50), 1),
                     "p99_ms": vs(pct(ms[kind], 99), pct(ms[floor_kind], 99), 1)}
    return out


def floor_in_process(floor, reps, questions, refs):
    """The floor of bench_query: the same queries through Python's sqlite3 in one process."""
    db = sqlite3.connect("file:%s?mode=ro" % floor, uri=True)
    jobs = [("words", floor_words_sqls(w)) for _, w in questions] + [("refs", [floor_sql("refs", m)]) for _, m in refs]
    def run(sqls):
        for s in sqls:
            db.execute(s).fetchall()
    for _, sqls in jobs:
        run(sqls)
    us = {"words": [], "refs": []}
    for _ in range(reps):
        for kind, sqls in jobs:
            start = time.perf_counter_ns()
            run(sqls)
            us[kind].append((time.perf_counter_ns() - start) / 1e3)
    db.close()
    return {k: {"p50": pct(v, 50), "p99": pct(v, 99)} for k, v in us.items()}


def bench_in_process(n, d, bins, reps, questions, refs):
    log("size %d: in-process latency, %d repetitions" % (n, reps))
    kb = os.path.join(d, "kb.sqlite")
    p = subprocess.run([os.path.join(bins, "bench_query"), "--db", kb, "--queries", QUERIES,
                        "--reps", str(reps)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode:  # e.g. a BIN_DIR KB of a schema this bench_query does not read
        return {"error": p.stderr.strip()}
    ours = json.loads(p.stdout)
    floor = floor_in_process(os.path.join(d, "floor.db"), reps, questions, refs)
    out = {"reps": reps,
           "floor": "python3 sqlite3 (sqlite %s) in one process: the same words and MATCH expressions as "
                    "the cold floor, top 10 by bm25, after one warm-up pass" % sqlite3.sqlite_version}
    for kind, floor_kind in (("search", "words"), ("refs", "refs"), ("ask", "words")):
        out[kind] = {"p50_us": vs(ours[kind]["p50_us"], floor[floor_kind]["p50"], 1),
                     "p99_us": vs(ours[kind]["p99_us"], floor[floor_kind]["p99"], 1)}
    return out


def bench_import(bins):
    log("kbindex add: bench_import --articles %d" % ADD_ARTICLES)
    p = subprocess.run([os.path.join(bins, "bench_import"), "--articles", str(ADD_ARTICLES), "--json"],
                       stdout=subprocess.PIPE, text=True)
    if p.returncode:
        sys.exit("bench: bench_import failed (%d)" % p.returncode)
    return json.loads(p.stdout)


def git_commit():
    def git(*args):
        return subprocess.run(["git", "-C", REPO] + list(args), capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain") else "")


def main():
    questions, refs = load_queries()
    tmp = tempfile.mkdtemp(prefix="kb-bench-bin.")
    try:
        used = copy_binaries(tmp)
        version = subprocess.run([os.path.join(tmp, "kbindex"), "--version"], capture_output=True, text=True).stdout
        doc = {
            "machine": {"nproc": os.cpu_count(), "kernel": platform.release(),
                        "sqlite": subprocess.run(["sqlite3", "--version"], capture_output=True,
                                                 text=True).stdout.split()[0]},
            "commit": git_commit(),
            "binaries": used,
            "version": version.strip(),
            "sizes": {},
        }
        for i, n in enumerate(SIZES):
            d = os.path.join(WORK, "topics%d" % n)
            stats = corpus(n, d)
            reps = int(LAT_REPS) if LAT_REPS else (15 if i == 0 else 7)
            doc["sizes"][str(n)] = {
                "corpus": {k: stats[k] for k in ("topics", "passages", "references", "input_bytes")},
                "build": bench_build(n, d, stats, tmp),
                "cold_latency": bench_cold(n, d, tmp, reps, questions, refs),
                "in_process_latency": bench_in_process(n, d, tmp, reps, questions, refs),
            }
        # Flat memory: the peak at N over the peak at the smallest size, ours beside the floor's.
        base = doc["sizes"][str(min(SIZES))]["build"]["peak_mib"]
        for s in doc["sizes"].values():
            peak = s["build"]["peak_mib"]
            s["build"]["peak_over_smallest_size"] = vs(peak["ours"] / base["ours"], peak["floor"] / base["floor"])
        doc["kbindex_add"] = bench_import(tmp)
        print(json.dumps(doc, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
