#!/usr/bin/env python3
"""Writes a corpus of broken and hostile input files for `isnad build` (issue 9), deterministically.

usage: scripts/make-hostile-corpus.py OUT_DIR

Every file is named after what is wrong with it. Built from samples/aleppo.txt so the text around the damage is
real Arabic news. `expected.json` in OUT_DIR says, for every file and JSON line, whether isnad should accept the
article (maybe with a warning) or reject it, and the reason it must give: the test reads it to check that every
article is accounted for (count in = count out + failed). expected.json itself is not an article (hidden files are
skipped, so it is written as .expected.json). Files a directory walk does not read (not .txt/.json/.jsonl, or HTML
without --html) have the verdict "skip" with the reason isnad gives, and under "named" the verdict they get when
named on the command line.
"""
import json
import os
import random
import sys
import unicodedata

MAX_BYTES = 8 << 20  # isnad's default --max-bytes


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "samples", "aleppo.txt"), encoding="utf-8") as f:
        article = f.read()
    lead = article.split("\n")[0]
    rng = random.Random(9)
    expected = {}

    def write(name, data, verdict, reason=""):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        expected[name] = {"verdict": verdict, "reason": reason}
        ext = os.path.splitext(name)[1]
        if ext in (".html", ".htm"):
            expected[name] = {"verdict": "skip", "reason": "HTML file (pass --html", "named": expected[name]}
        elif ext not in (".txt", ".json", ".jsonl", ".ndjson"):
            expected[name] = {"verdict": "skip", "reason": "not an article file", "named": expected[name]}

    utf8 = article.encode("utf-8")
    # Encodings.
    write("invalid-utf8.txt", utf8[:300] + b"\xff\xfe" + utf8[300:], "reject", "invalid UTF-8 at byte 300")
    write("windows-1256.txt", article.encode("cp1256", errors="replace"), "reject", "invalid UTF-8 at byte")
    write("utf8-surrogate.txt", utf8[:200] + b"\xed\xa0\x80" + utf8[200:], "reject", "invalid UTF-8 at byte 200")
    write("utf8-overlong.txt", b"\xc0\xaf" + utf8, "reject", "invalid UTF-8 at byte 0")
    write("utf8-truncated.txt", utf8 + "ب".encode("utf-8")[:1], "reject", "invalid UTF-8 at byte")
    write("utf16-le-bom.txt", b"\xff\xfe" + article.encode("utf-16-le"), "reject", "UTF-16 text")
    write("utf16-be-bom.txt", b"\xfe\xff" + article.encode("utf-16-be"), "reject", "UTF-16 text")
    write("utf16-no-bom.txt", article[:2000].encode("utf-16-le"), "reject", "binary data")
    write("bom.txt", b"\xef\xbb\xbf" + utf8, "accept")
    # Line ends and control characters.
    write("crlf.txt", article.replace("\n", "\r\n"), "accept")
    write("cr-only.txt", article.replace("\n", "\r"), "accept")
    write("nul-bytes.txt", article[:500] + "\x00" + article[500:1500] + "\x00" + article[1500:], "accept")
    write("control-chars.txt", lead + "\x01\x02\x1b[31m\x7f\u0085\u009b" + article, "accept")
    write("form-feeds-and-tabs.txt", article.replace("\n", "\n\f\t\v"), "accept")
    # Not text at all.
    write("binary.bin", bytes(rng.randrange(256) for _ in range(4096)), "reject", "")
    write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048)),
          "reject", "binary data")
    write("controls-only.txt", "".join(chr(rng.randrange(1, 32)) for _ in range(2000)).replace("\n", "\x01"),
          "reject", "binary data")
    # Nothing there.
    write("empty.txt", b"", "reject", "empty article")
    write("whitespace-only.txt", " \n\t\r\n \u00a0\u2009\n" * 50, "reject", "whitespace-only article")
    write("diacritics-only.txt", "\u064e\u064f\u0650\u0651\u0640" * 200, "accept")
    # Size.
    write("enormous-line.txt", (lead.replace("\n", " ") + " ") * (MAX_BYTES // len(lead.encode("utf-8")) + 2),
          "reject", "too large")
    write("long-line.txt", " ".join([lead] * 300), "accept")  # ~100 kB on one line, no line break
    write("million-char-token.txt", "ب" * 1_000_000, "accept")
    # Markup.
    html = ("<!DOCTYPE html><html><head><title>حلب</title><style>p{color:red}</style>"
            "<script>var x = '<p>قال بوتين</p>';</script></head><body>"
            + "".join("<p class=\"x\">" + line.replace("،", "&#1548;").replace("\"", "&quot;") + "</p>\n"
                      for line in article.split("\n") if line)
            + "<!-- تعليق <b>مخفي</b> --><br/>&nbsp;&amp;&lt;&gt;&rlm;</body></html>")
    write("article.html", html, "accept")
    write("half-tags.txt", lead + " a < b > c <unterminated " + "<" * 5000 + " & &amp &#99999999; &#x;", "accept")
    # Unicode that normalisation must see through.
    zw = "".join(c + ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"[i % 15])
                 for i, c in enumerate(article))
    write("zero-width-and-bidi.txt", zw, "accept")
    write("persian-urdu-forms.txt", article.replace("ي", "ی").replace("ك", "ک").replace("ة", "ە"), "accept")
    isolated = {}
    for cp in range(0xFE70, 0xFEFF):
        name = unicodedata.name(chr(cp), "")
        base = unicodedata.normalize("NFKC", chr(cp))
        if "ISOLATED FORM" in name and len(base) == 1:
            isolated.setdefault(base, chr(cp))
    write("presentation-forms.txt", "".join(isolated.get(c, c) for c in article), "accept")
    write("mixed-scripts.txt", "قال الرئيس Vladimir Putin 普京 в Москве 🙂 إن «the talks» فشلت.\n" + article, "accept")
    write("noncharacters.txt", lead + "\ufffe\uffff\U0010ffff" + article, "accept")
    # Adversarial structure.
    write("nested-quotes.txt", "قال بوتين " + "«" * 3000 + "كلام" + "»" * 3000 + "\n" + '"' * 5000, "accept")
    names = ["فلاديمير بوتين", "بشار الأسد", "سيرغي لافروف", "جون كيري", "الرئيس التركي رجب طيب أردوغان"]
    write("thousands-of-names.txt", "قال " + " و".join(names[i % len(names)] + " " + str(i) for i in range(4000))
          + " إن الهدنة انتهت.", "accept")
    write("label-breakers.txt",
          "قال المتحدث باسم \"جماعة <نور> & 'الدين'\" إن \"<script>alert(1)</script>\" مرفوض.\n"
          "وقال رئيس \"شركة A;B,C\" \\N \\\" إن {x} [y] ]]> --> \u2028 فشلت.\n" + article, "accept")
    # JSON Lines: every line is one article (blank lines are not).
    lines = [
        (json.dumps({"id": "ok", "text": article, "date": "2016-11-03", "title": "حلب"}, ensure_ascii=False), "accept", ""),
        ('{"id": "broken json", "text": "قال', "reject", "invalid JSON"),
        (json.dumps({"text": article}), "reject", "no \"id\""),
        (json.dumps({"id": "no-text"}), "reject", "no \"text\" string"),
        (json.dumps({"id": "text-number", "text": 42}), "reject", "no \"text\" string"),
        (json.dumps(["id", "text"]), "reject", "not a JSON object"),
        ('{"id": "bad-utf8", "text": "' + lead + '\udcff"}', "reject", "invalid UTF-8 at byte"),
        (json.dumps({"id": "nul-escape", "text": lead + "\u0000" + article}), "accept", ""),
        (json.dumps({"id": "bad-date", "text": article, "date": "yesterday"}), "accept", ""),
        (json.dumps({"id": "dup", "text": article}), "accept", ""),
        (json.dumps({"id": "dup", "text": lead}), "reject", "duplicate id 'dup'"),
        (json.dumps({"id": "empty-text", "text": ""}), "reject", "empty article"),
        (json.dumps({"id": "html-text", "text": "<p>" + lead + "</p><p>&quot;نص&quot;</p>"}, ensure_ascii=False), "accept", ""),
    ]
    with open(os.path.join(out, "hostile.jsonl"), "wb") as f:
        for text, _, _ in lines:
            f.write(text.encode("utf-8", errors="surrogateescape") + b"\n\n")
    expected["hostile.jsonl"] = {"lines": [{"verdict": v, "reason": r} for _, v, r in lines]}
    with open(os.path.join(out, ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
    files = len(expected) - 1 + len(lines)
    print(f"{len(expected)} files, {files} articles → {out}")


if __name__ == "__main__":
    main()
