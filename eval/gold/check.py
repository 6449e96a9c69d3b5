#!/usr/bin/env python3
"""Mechanical checks of a gold set (eval/GOLD_FORMAT.md) against its articles.

Usage: python3 eval/gold/check.py GOLD_DIR ARTICLES_DIR [--score PATH/score.py]

Reads only the gold JSON files and the article texts (never kg output). Reports:
- JSON that does not parse, a `doc` field that differs from the file stem;
- entity types outside Person/Organization/Place/Event, duplicate names, empty alias lists;
- aliases, relation evidence, role evidence, quote texts and noise fragments that do not occur
  verbatim in the article;
- relation subjects/objects and role/quote speakers that are not entity names of the file;
- relations with fewer than 1 or more than 7 lemmas, unknown keys, self-relations, duplicates;
- aliases of two entities that the scorer's normalisation cannot tell apart (when score.py is
  found: --score, or /work/shared/eval/score.py);
- required relations shadowed by an earlier relation with the same arguments and a shared
  lemma (the scorer credits the first match, so the required one could never be hit).
Exit status 1 when anything is reported.
"""
import argparse
import glob
import importlib.util
import json
import os
import sys

TYPES = {"Person", "Organization", "Place", "Event"}
KEYS = {"s", "p", "o", "symmetric", "optional", "q", "evidence"}


def load_scorer(path):
    if not path or not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def check_file(path, arts, scorer, report):
    f = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
    except (OSError, ValueError) as e:
        report(f, f"json: {e}")
        return
    stem = f[:-5]
    if d.get("doc") != stem:
        report(f, f"doc field {d.get('doc')!r} differs from the file stem")
    art = os.path.join(arts, stem + ".txt")
    try:
        with open(art, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        report(f, f"article: {e}")
        return

    names = set()
    for e in d.get("entities", []):
        if e["name"] in names:
            report(f, f"duplicate entity {e['name']!r}")
        names.add(e["name"])
        if e.get("type") not in TYPES:
            report(f, f"type {e.get('type')!r} of {e['name']!r}")
        if not e.get("aliases"):
            report(f, f"no aliases for {e['name']!r}")
        for a in e.get("aliases", []):
            if a not in text:
                report(f, f"alias not in text: {a!r} ({e['name']})")
    if scorer:
        seen = {}
        for e in d.get("entities", []):
            for a in [e["name"]] + e.get("aliases", []):
                n = scorer.norm(a)
                if n in seen and seen[n] != e["name"]:
                    report(f, f"alias {a!r} of {e['name']!r} normalises like one of {seen[n]!r}")
                seen.setdefault(n, e["name"])

    rels = d.get("relations", [])
    keys = set()
    for r in rels:
        for k in ("s", "o"):
            if r.get(k) not in names:
                report(f, f"relation {k} is not an entity: {r.get(k)!r}")
        if not 1 <= len(r.get("p", [])) <= 7:
            report(f, f"{len(r.get('p', []))} lemmas: {r['s']} {r.get('p')} {r['o']}")
        if set(r) - KEYS:
            report(f, f"unknown keys {sorted(set(r) - KEYS)}")
        if r.get("evidence", "") not in text:
            report(f, f"evidence not in text: {r.get('evidence')!r}")
        if r.get("s") == r.get("o"):
            report(f, f"self relation {r['s']} {r['p']}")
        key = (r.get("s"), tuple(r.get("p", [])), r.get("o"))
        if key in keys:
            report(f, f"duplicate relation {key}")
        keys.add(key)
    if scorer:
        for j, r in enumerate(rels):
            if r.get("optional"):
                continue
            for g in rels[:j]:
                same = (g["s"], g["o"]) == (r["s"], r["o"]) or (
                    (g.get("symmetric") or r.get("symmetric")) and (g["s"], g["o"]) == (r["o"], r["s"]))
                if same and scorer.gold_pred_forms(g["p"]) & scorer.gold_pred_forms(r["p"]):
                    report(f, f"required {r['s']} {r['p']} {r['o']} shadowed by earlier {g['p']}")
    for r in d.get("roles", []):
        if r.get("person") not in names:
            report(f, f"role person is not an entity: {r.get('person')!r}")
        if r.get("evidence", "") not in text:
            report(f, f"role evidence not in text: {r.get('evidence')!r}")
    for q in d.get("quotes", []):
        if q.get("speaker") not in names:
            report(f, f"quote speaker is not an entity: {q.get('speaker')!r}")
        if q.get("text", "") not in text:
            report(f, f"quote not in text: {q.get('text')!r}")
    for n in d.get("noise", []):
        if n not in text:
            report(f, f"noise not in text: {n!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("articles")
    ap.add_argument("--score", default="/work/shared/eval/score.py",
                    help="the reference scorer, for its normalisation (optional)")
    args = ap.parse_args()
    scorer = load_scorer(args.score)
    if not scorer:
        print(f"note: {args.score} not found; normalisation checks skipped", file=sys.stderr)
    problems = []

    def report(f, msg):
        problems.append(f"{f}: {msg}")

    files = sorted(glob.glob(os.path.join(args.gold, "*.json")))
    for path in files:
        check_file(path, args.articles, scorer, report)
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
