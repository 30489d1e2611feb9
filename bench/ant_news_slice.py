#!/usr/bin/env python3
"""A slice of ANT news (../shared/data/unlabelled/ant-news.jsonl.xz) as isnad JSON Lines, for the workbench benchmark.

isnad's corpus reader takes the records' id, title and text as they are, and ISO and RFC 2822 dates (corpus/source.cpp,
metadata_date). Two fields are mapped: "date" written dd/mm/yyyy (some Jawhara FM records: "17/05/2015") becomes
yyyy-mm-dd, which the reader would otherwise ignore with a warning; and "source", from the corpus's "corpus:folder" to
the outlet's name, so that report.html's outlet filter offers outlets ("antcorpus.data:economy" is a Jawhara FM
section).

  xz -dc ant-news.jsonl.xz | bench/ant_news_slice.py 1000 > first1000.jsonl           # the first 1,000 records
  xz -dc ant-news.jsonl.xz | bench/ant_news_slice.py 1000 --mixed > mixed1000.jsonl   # 1,000 taken in turn from
                                                                                       # each outlet
"""
import json
import re
import sys

# The outlet behind each corpus folder (SOURCE.md of ../shared/data/unlabelled).
OUTLETS = {
    "antcorpus.data": "Jawhara FM",
    "multisource:Alarabia": "Al Arabiya",
    "multisource:BBC": "BBC Arabic",
    "multisource:CNN": "CNN Arabic",
    "multisource:France24": "France 24",
    "multisource:SkyNews": "Sky News Arabia",
}


def outlet(source):
    if source in OUTLETS:
        return OUTLETS[source]
    return OUTLETS.get(source.split(":")[0], source)


def iso_date(value):
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", value.strip())
    return "%s-%s-%s" % (m.group(3), m.group(2), m.group(1)) if m else value


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 1000
    mixed = "--mixed" in sys.argv
    queues, order, out = {}, [], []
    for line in sys.stdin:
        record = json.loads(line)
        record["source"] = outlet(record.get("source", ""))
        if "date" in record:
            record["date"] = iso_date(record["date"])
        if not mixed:
            out.append(record)
            if len(out) == count:
                break
            continue
        name = record["source"]
        if name not in queues:
            queues[name] = []
            order.append(name)
        queues[name].append(record)
    if mixed:  # round robin over the outlets, each in corpus order
        while len(out) < count and any(queues.values()):
            for name in order:
                if queues[name] and len(out) < count:
                    out.append(queues[name].pop(0))
    for record in out:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
