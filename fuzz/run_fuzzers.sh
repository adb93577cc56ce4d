#!/usr/bin/env bash
# Runs every libFuzzer target of the fuzz build for a set time, each on a working corpus of its
# own (BUILD_DIR/corpus/<target>, kept between runs: new inputs never land in tests/), and
# prints per target the seeds, the executions, the seconds and the crashes. Crash, leak,
# timeout and out-of-memory inputs are written to BUILD_DIR/artifacts/. Exits 1 when any target
# crashed.
#
# The seeds, copied into the working corpus before each run:
#   - the project's own, tests/fuzz_corpus/<target>_fuzzer/ (a target may have none yet);
#   - real third-party files from ../shared/testdata/ beside the checkout, where that folder
#     exists (they are never copied into the project): pubmed_xml/, medline/, ris/ and bibtex/
#     for the import readers, guidelines/*.html, *.xml and *.txt for the HTML, JATS and text
#     topic readers.
#
#   fuzz/run_fuzzers.sh BUILD_DIR SECONDS [TARGET ...]
#
# The targets are every fuzz/*_fuzzer.cc (named without "_fuzzer"), or those given.
set -u

build_dir=${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET ...]}
seconds=${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET ...]}
shift 2
source_dir=$(cd "$(dirname "$0")/.." && pwd)
seeds=$source_dir/tests/fuzz_corpus
shared=$source_dir/../shared/testdata

targets=()
for t in "$@"; do targets+=("${t%_fuzzer}"); done
if [ ${#targets[@]} -eq 0 ]; then
  for src in "$source_dir"/fuzz/*_fuzzer.cc; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .cc)
    targets+=("${name%_fuzzer}")
  done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz/*_fuzzer.cc in $source_dir" >&2
  exit 2
fi

# Longest input per target: a topic or an import file is a few kilobytes (a JATS article, with
# its markup, up to a few hundred), a reference a line, a marker or a query a few words.
max_len() {
  case $1 in
    topic_jats) echo 262144 ;;
    topic_html) echo 65536 ;;
    topic_text|pubmed_xml) echo 16384 ;;
    medline|ris|bibtex) echo 8192 ;;
    reference_parser) echo 2048 ;;
    query) echo 1024 ;;
    citation_markers) echo 512 ;;
    *) echo 4096 ;;
  esac
}

# The shared test data files that seed a target, as a folder and a name pattern; none for the
# targets whose inputs are not files (references, markers, queries).
shared_seeds() {
  case $1 in
    pubmed_xml|medline|ris|bibtex) echo "$1 *" ;;
    topic_html) echo "guidelines *.html" ;;
    topic_jats) echo "guidelines *.xml" ;;
    topic_text) echo "guidelines *.txt" ;;
  esac
}

mkdir -p "$build_dir/artifacts" "$build_dir/logs" "$build_dir/corpus"
rows=()
failed=0
for t in "${targets[@]}"; do
  bin=$build_dir/fuzz/${t}_fuzzer
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is missing; build the kb_fuzzers target first" >&2
    exit 2
  fi
  # The working corpus is kept between runs, so that each run goes on from what the last one
  # found; the seeds are copied in (again) each time.
  corpus=$build_dir/corpus/$t
  mkdir -p "$corpus"
  n_seeds=0
  if [ -d "$seeds/${t}_fuzzer" ]; then
    cp -r "$seeds/${t}_fuzzer/." "$corpus/"
    n_seeds=$(find "$seeds/${t}_fuzzer" -type f | wc -l)
  else
    echo "fuzz: $t has no seed corpus of the project's (tests/fuzz_corpus/${t}_fuzzer/)"
  fi
  read -r shared_folder shared_glob <<< "$(shared_seeds "$t")"
  if [ -n "${shared_folder:-}" ]; then
    if [ -d "$shared/$shared_folder" ]; then
      n_shared=0
      for f in "$shared/$shared_folder"/$shared_glob; do
        [ -f "$f" ] || continue
        case $(basename "$f") in README*) continue ;; esac
        cp -f --no-preserve=mode "$f" "$corpus/"
        n_shared=$((n_shared + 1))
      done
      n_seeds=$((n_seeds + n_shared))
      echo "fuzz: $t: $n_shared seeds from ../shared/testdata/$shared_folder/$shared_glob"
    else
      echo "fuzz: $t: ../shared/testdata/$shared_folder/ is not beside this checkout; fuzzing without its real files"
    fi
  fi
  rm -f "$build_dir/artifacts/$t"-*
  dict=()
  [ -f "$seeds/${t}_fuzzer.dict" ] && dict=(-dict="$seeds/${t}_fuzzer.dict")
  log=$build_dir/logs/$t.log
  echo "fuzz: $t for ${seconds}s (log $log)"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$t-" "${dict[@]}" "$corpus" > "$log" 2>&1
  rc=$?
  # libFuzzer's last line on a clean run: "Done 123456 runs in 60 second(s)". On a crash there
  # is none: the final stats still give the executions and the time.
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  if [ -n "$done_line" ]; then
    runs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/' <<< "$done_line")
    secs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/' <<< "$done_line")
  else
    runs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}')
    secs=$(grep -E '^stat::average_exec_per_sec:' "$log" | tail -1 | awk '{print $2}')
    if [ -n "$runs" ] && [ -n "$secs" ] && [ "$secs" -gt 0 ]; then secs=$(( runs / secs )); else secs="?"; fi
    runs=${runs:-?}
  fi
  crashes=$(find "$build_dir/artifacts" -maxdepth 1 -name "$t-*" -type f | wc -l)
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  if [ "$crashes" -gt 0 ]; then
    failed=1
    echo "fuzz: $t CRASHED (exit $rc); see $log and $build_dir/artifacts/$t-*"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*invariant failed)' "$log" | head -5
  fi
  rows+=("$(printf '%-18s %6s %12s %8s %8s' "$t" "$n_seeds" "$runs" "$secs" "$crashes")")
done

echo
printf '%-18s %6s %12s %8s %8s\n' target seeds executions seconds crashes
for r in "${rows[@]}"; do echo "$r"; done
if [ "$failed" -ne 0 ]; then
  # Repeated last, as base64, so that a CI log showing only its tail still carries each input.
  for f in "$build_dir"/artifacts/*; do
    [ -f "$f" ] || continue
    echo "fuzz: $(basename "$f") ($(wc -c < "$f") bytes): $(head -c 4096 "$f" | base64 -w0)"
  done
  echo "fuzz: crashes found; each becomes a regression test in tests/unit/fuzz_regressions_test.cc"
  exit 1
fi
echo "fuzz: no crash"
