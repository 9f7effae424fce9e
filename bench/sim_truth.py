#!/usr/bin/env python3
"""The exact truth for bench/near-duplicates.sh: nosmap's near-duplicate pairs scored against
the same TF-IDF computed here, in float64, with Python's standard library only.

  sim_truth.py CORPUS_DIR PAIRS.jsonl [--threshold 0.8]
      CORPUS_DIR holds sim_corpus.py's corpus.jsonl and planted.json; PAIRS.jsonl is what
      examples/near_duplicates.rs wrote ({"a":id,"b":id,"score":x} a line). sim_corpus.py says
      every pair at or above 0.8 is a planted pair, so the truth is every pair inside each
      planted group that reaches the threshold, plus any pair nosmap reports outside the groups
      that reaches it here too (the script says so if one does). Prints recall, precision, the
      largest score difference and every missed pair; the last line is the same as JSON. Exits 1
      if a pair was missed or wrongly reported (pairs within 1e-6 of the threshold, where float32
      and float64 may round to different sides, are listed but do not fail).
  sim_truth.py --tokens     stdin: JSON list of texts; stdout: JSON list of their token lists
  sim_truth.py --cosines    stdin: {"docs": [...], "pairs": [[a, b], ...]}; stdout: JSON cosines
      (tests/similar.rs checks these against nosmap's tokenizer and model)

The tokenizer is a port of nosmap::analysis::similar::tokens: lowercase, split on anything not a
letter or digit, a hyphen between two letters or digits joins them ("on-line" is "online"),
tokens shorter than 2 characters and the stop words below dropped. Letters and digits are
str.isalnum here and char::is_alphanumeric in Rust; they differ only for the combining vowel
signs of some scripts (Unicode's Other_Alphabetic), which Rust counts as letters.
The model is scikit-learn TfidfVectorizer's defaults: raw counts, idf ln((1+n)/(1+df))+1, L2 norm.
"""
import json
import math
import os
import re
import sys
from collections import Counter

# The same list, in the same order, as STOP_WORDS in src/analysis/similar.rs.
STOP_WORDS = frozenset("""
    about above after again against all am an and any are as
    at be because been before being below between both but by
    can could did do does doing down during each few for from
    further had has have having he her here hers herself him
    himself his how if in into is it its itself just me more
    most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then
    there these they this those through to too under until up
    very was we were what when where which while who whom why
    will with would you your yours yourself yourselves
""".split())

# Letters and digits ([^\W_] is str.isalnum), runs joined by single hyphens between them.
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
HYPHENS = re.compile(r"[-\u2010\u2011]")


def tokens(text):
    out = []
    for match in WORD.findall(text.lower()):
        word = HYPHENS.sub("", match)
        if len(word) >= 2 and word not in STOP_WORDS:
            out.append(word)
    return out


def tfidf(texts):
    """One {term: weight} dict per text."""
    counts = [Counter(tokens(t)) for t in texts]
    df = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(texts)
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vectors = []
    for c in counts:
        raw = {t: k * idf[t] for t, k in c.items()}
        norm = math.sqrt(sum(w * w for w in raw.values()))
        vectors.append({t: w / norm for t, w in raw.items()} if norm else {})
    return vectors


def cosine(x, y):
    if len(y) < len(x):
        x, y = y, x
    return sum(w * y[t] for t, w in x.items() if t in y)


def truth(args):
    corpus_dir, pairs_path = args[0], args[1]
    threshold = float(args[args.index("--threshold") + 1]) if "--threshold" in args else 0.8
    units = [json.loads(line) for line in open(os.path.join(corpus_dir, "corpus.jsonl")) if line.strip()]
    planted = json.load(open(os.path.join(corpus_dir, "planted.json")))
    vectors = tfidf([u["title"] + " " + " ".join(u["pc"]) for u in units])
    row = {u["id"]: i for i, u in enumerate(units)}
    key = lambda a, b: (min(a, b), max(a, b))
    score = lambda p: cosine(vectors[row[p[0]]], vectors[row[p[1]]])

    planted_pairs = {key(a, b) for g in planted for i, a in enumerate(g) for b in g[i + 1:]}
    exact = {p: score(p) for p in planted_pairs}
    found = {}
    for line in open(pairs_path):
        if line.strip():
            p = json.loads(line)
            found[key(p["a"], p["b"])] = p["score"]
    outside = {p: score(p) for p in found if p not in exact}
    exact.update(outside)
    true_pairs = {p for p, s in exact.items() if s >= threshold}
    hits = true_pairs & found.keys()
    missed = sorted(true_pairs - found.keys())
    wrong = sorted(p for p in found if exact[p] < threshold)
    boundary = lambda p: abs(exact[p] - threshold) < 1e-6
    diff = max((abs(found[p] - exact[p]) for p in found), default=0.0)
    recall = len(hits) / len(true_pairs) if true_pairs else 1.0
    precision = len(hits) / len(found) if found else 1.0

    print(f"truth: {len(true_pairs)} pairs with cosine >= {threshold} "
          f"({len(planted_pairs)} planted pairs scored exactly, float64)")
    print(f"nosmap: {len(found)} pairs, {len(outside)} outside the planted groups "
          f"({sum(s >= threshold for s in outside.values())} of those reach {threshold} here)")
    print(f"recall {recall:.4f} ({len(hits)} of {len(true_pairs)}), "
          f"precision {precision:.4f} ({len(hits)} of {len(found)})")
    print(f"largest score difference, nosmap (float32) against Python (float64): {diff:.2e}")
    for p in missed:
        print(f"missed: {p[0]} {p[1]} cosine {exact[p]:.7f}" + (" (at the threshold)" if boundary(p) else ""))
    for p in wrong:
        print(f"reported below the threshold: {p[0]} {p[1]} cosine {exact[p]:.7f}, nosmap {found[p]}"
              + (" (at the threshold)" if boundary(p) else ""))
    print(json.dumps({"truth": len(true_pairs), "found": len(found), "recall": recall,
                      "precision": precision, "missed": len(missed), "max_score_diff": diff}))
    failures = [p for p in missed + wrong if not boundary(p)]
    return 1 if failures else 0


def main():
    args = sys.argv[1:]
    if args == ["--tokens"]:
        print(json.dumps([tokens(t) for t in json.load(sys.stdin)]))
        return 0
    if args == ["--cosines"]:
        request = json.load(sys.stdin)
        vectors = tfidf(request["docs"])
        print(json.dumps([cosine(vectors[a], vectors[b]) for a, b in request["pairs"]]))
        return 0
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return truth(args)


if __name__ == "__main__":
    sys.exit(main())
