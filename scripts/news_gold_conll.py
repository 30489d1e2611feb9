#!/usr/bin/env python3
"""news-gold articles as NER training sentences (CoNLL, ANERcorp tags) for `isnad train-ner --extra-train`.

news-gold's annotators list every name by which an article refers to each person, organisation and place
(GUIDE.md: "names: EVERY surface form ... as written"). Every occurrence of those names in the article's text is
tagged (longest name first; a clitic و/ف/ب/ل/ك before the name stays in its first token, as ANERcorp writes
"وروسيا"), all other tokens are O. Tokens are split as the tagger splits text (white space; each punctuation mark
or symbol a token), sentences end at . ؟ ! and line ends.

    scripts/news_gold_conll.py ../shared/data/news-gold ../shared/data/news-gold/train.txt > news-gold-train.conll

Only the ids given are read: the dev split stays out of every model.
"""
import json
import sys
import unicodedata

TAGS = {"PER": "PERS", "ORG": "ORG", "LOC": "LOC"}
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
ENDS = {".", "؟", "!", "?"}


def is_word_char(c):
    return unicodedata.category(c)[0] in "LMN"


def tokens(line):
    out, word = [], ""
    for c in line:
        if c.isspace() or c == "\ufeff":
            if word:
                out.append(word)
            word = ""
        elif is_word_char(c):
            word += c
        else:
            if word:
                out.append(word)
            out.append(c)
            word = ""
    if word:
        out.append(word)
    return out


def norm(w):
    w = "".join(c for c in w if unicodedata.category(c) != "Mn" and c != "\u0640")
    return w.translate(str.maketrans("أإآٱىة", "اااايه"))


def first_token_matches(token, name):
    if token == name:
        return True
    for p in CLITICS:
        if token == p + name:
            return True
        # ل before the article: "للامم" is ل + "الامم"
        if p.endswith("ل") and name.startswith("ال") and token == p + name[1:]:
            return True
    return False


def tag_article(text, entities):
    names = []
    for e in entities:
        tag = TAGS.get(e.get("type"))
        # optional entities are generic groups (الإسلاميين), vague regions and adjectives: ANERcorp leaves them O
        if not tag or e.get("optional"):
            continue
        for n in e.get("names", []):
            toks = [norm(t) for t in tokens(n)]
            if toks:
                names.append((toks, tag))
    names.sort(key=lambda x: -len(x[0]))
    sentences = []
    for line in text.splitlines():
        cur = []
        for t in tokens(line):
            cur.append(t)
            if t in ENDS:
                sentences.append(cur)
                cur = []
        if cur:
            sentences.append(cur)
    out = []
    for s in sentences:
        ns = [norm(t) for t in s]
        tags = ["O"] * len(s)
        for toks, tag in names:
            k = len(toks)
            for i in range(len(s) - k + 1):
                if any(t != "O" for t in tags[i:i + k]):
                    continue
                if first_token_matches(ns[i], toks[0]) and ns[i + 1:i + k] == toks[1:]:
                    tags[i] = "B-" + tag
                    for j in range(i + 1, i + k):
                        tags[j] = "I-" + tag
        out.append(list(zip(s, tags)))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: news_gold_conll.py NEWS_GOLD_DIR IDS.txt > OUT.conll")
    root, ids = sys.argv[1], sys.argv[2]
    for n in open(ids, encoding="utf-8").read().split():
        gold = json.load(open(f"{root}/gold/{n}.json", encoding="utf-8"))
        text = open(f"{root}/texts/{n}.txt", encoding="utf-8").read()
        for s in tag_article(text, gold.get("entities", [])):
            for t, tag in s:
                sys.stdout.write(f"{t} {tag}\n")
            sys.stdout.write("\n")


if __name__ == "__main__":
    main()
