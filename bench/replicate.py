#!/usr/bin/env python3
"""Replicate a JSONL corpus of {id, text, ...} objects to N documents.

Copy k of an article gets the id "<id>~r<k>" (copy 0 keeps the original id), so
every document is new to the store; the text is left as it is. Used by
bench/run.sh to make the 10k and 100k corpora from ../shared/bench/ecbplus.jsonl
(the output goes to bench/out/, which is not committed).

    python3 bench/replicate.py IN.jsonl OUT.jsonl N
"""
import json
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    if not docs:
        print(f"{src}: no documents", file=sys.stderr)
        return 1
    written = 0
    with open(dst, "w", encoding="utf-8") as out:
        copy = 0
        while written < n:
            for d in docs:
                if written >= n:
                    break
                r = dict(d)
                if copy:
                    r["id"] = f"{d['id']}~r{copy}"
                out.write(json.dumps(r, ensure_ascii=False))
                out.write("\n")
                written += 1
            copy += 1
    print(f"{dst}: {written} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
