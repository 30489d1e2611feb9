#!/usr/bin/env python3
"""Generates a benchmark corpus of Arabic news articles as JSON Lines (not committed: made at bench time).

Each article is 3-12 paragraphs drawn (seeded, so the corpus is the same on every run) from samples/*.txt and
../shared/data/news-samples/*.txt, in shuffled order, with its own id and a publication date in 2016-2018. The
paragraphs are real news prose, so the extractor meets real names, quotes and dates; the mixing makes every
article different, so caches and cross-document merging see a realistic spread.

usage: corpus_gen.py N OUT.jsonl [--copies K]   (K > 1 repeats the corpus K times with new ids: memory tests)
"""
import datetime
import glob
import json
import os
import random
import sys


def paragraphs(root):
    sources = sorted(glob.glob(os.path.join(root, "samples", "*.txt")))
    sources += sorted(glob.glob(os.path.join(root, "..", "shared", "data", "news-samples", "[0-9]*.txt")))
    found = []
    for path in sources:
        with open(path, encoding="utf-8") as f:
            found += [p.strip() for p in f.read().split("\n") if len(p.strip()) > 40]
    if not found:
        sys.exit("corpus_gen.py: no sample text found")
    return found


def main():
    args = sys.argv[1:]
    copies = 1
    if "--copies" in args:
        i = args.index("--copies")
        copies = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    pool = paragraphs(root)
    rng = random.Random(20161103)
    first_day = datetime.date(2016, 1, 1)
    articles = []
    for k in range(n):
        body = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
        day = first_day + datetime.timedelta(days=rng.randrange(3 * 365))
        articles.append({"text": "\n".join(body), "date": day.isoformat(), "source": "bench"})
    with open(out, "w", encoding="utf-8") as f:
        for c in range(copies):
            for k, a in enumerate(articles):
                record = {"id": "bench-%d-%05d" % (c, k), **a}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
