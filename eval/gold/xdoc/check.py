#!/usr/bin/env python3
"""Validate the cross-document entity gold (gold.json) against the BBC corpus.

Usage: python3 eval/gold/xdoc/check.py [--gold PATH] [--corpus DIR]

Checks, each failure an error (exit status 1):
  - the file parses and has "articles" and "entities";
  - every article exists in the corpus (DIR/<stem>.txt) and is listed once;
  - entity ids are unique and non-empty; type is Person, Organization, Place or Event;
  - every mention has doc and text, its doc is in "articles", kind is "name" or
    "reference", and (doc, text) is listed once per entity;
  - every mention text occurs verbatim in its article as a whole token sequence
    (not glued to a letter or digit on either side);
  - every mention has at least one occurrence that is not inside the occurrence
    of a longer mention listed for the same article (so "Murray" is listed only
    where the text says "Murray" on its own, not only inside "Andy Murray");
  - a (doc, text) listed under two or more entities is marked "ambiguous": true
    under each of them, and "ambiguous" is used only on such mentions.
Then prints the counts the README quotes.
"""
import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"Person", "Organization", "Place", "Event"}
KINDS = {"name", "reference"}
COURTESY = ("Mr ", "Mrs ", "Ms ", "Miss ", "Dr ", "Sir ", "Lord ", "Lady ", "Dame ")


def occurrences(text, form):
    pat = re.compile(r"(?<![A-Za-z0-9])" + re.escape(form) + r"(?![A-Za-z0-9])")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=os.path.join(HERE, "gold.json"))
    ap.add_argument("--corpus", default="/work/shared/corpus/bbc")
    args = ap.parse_args()

    errors = []

    def err(msg):
        errors.append(msg)

    try:
        with open(args.gold, encoding="utf-8") as f:
            gold = json.load(f)
    except (OSError, ValueError) as e:
        print(f"error: read {args.gold}: {e}", file=sys.stderr)
        return 1
    articles = gold.get("articles")
    entities = gold.get("entities")
    if not isinstance(articles, list) or not isinstance(entities, list):
        print("error: gold needs lists 'articles' and 'entities'", file=sys.stderr)
        return 1

    texts = {}
    for a in articles:
        if a in texts:
            err(f"article {a} listed twice")
            continue
        path = os.path.join(args.corpus, a + ".txt")
        try:
            with open(path, encoding="utf-8") as f:
                texts[a] = f.read()
        except OSError as e:
            err(f"article {a}: {e}")

    ids = set()
    by_doc_text = collections.defaultdict(list)  # (doc, text) -> [(entity id, mention)]
    for e in entities:
        eid = e.get("id")
        if not eid:
            err(f"entity without id: {e.get('name')!r}")
            continue
        if eid in ids:
            err(f"duplicate entity id {eid}")
        ids.add(eid)
        if not e.get("name"):
            err(f"{eid}: no name")
        if e.get("type") not in TYPES:
            err(f"{eid}: type {e.get('type')!r} not one of {sorted(TYPES)}")
        ms = e.get("mentions") or []
        if not ms:
            err(f"{eid}: no mentions")
        seen = set()
        for m in ms:
            doc, text = m.get("doc"), m.get("text")
            if not doc or not text:
                err(f"{eid}: mention without doc or text: {m}")
                continue
            if m.get("kind", "name") not in KINDS:
                err(f"{eid}: {doc} {text!r}: kind {m.get('kind')!r}")
            if (doc, text) in seen:
                err(f"{eid}: {doc} {text!r} listed twice")
            seen.add((doc, text))
            if doc not in texts:
                if doc not in articles:
                    err(f"{eid}: {doc} is not in articles")
                continue
            if not occurrences(texts[doc], text):
                err(f"{eid}: {text!r} does not occur in {doc}")
            by_doc_text[(doc, text)].append((eid, m))

    # Ambiguity marks.
    for (doc, text), lst in by_doc_text.items():
        marked = [bool(m.get("ambiguous")) for _, m in lst]
        if len(lst) > 1 and not all(marked):
            err(f"{doc} {text!r} is listed under {[i for i, _ in lst]} but not marked ambiguous under all")
        if len(lst) == 1 and marked[0]:
            err(f"{doc} {text!r} is marked ambiguous but listed only under {lst[0][0]}")

    # Standalone occurrence: not only inside a longer listed mention of the same doc.
    forms_by_doc = collections.defaultdict(set)
    for doc, text in by_doc_text:
        forms_by_doc[doc].add(text)
    for doc, forms in forms_by_doc.items():
        t = texts[doc]
        spans = {f: occurrences(t, f) for f in forms}
        for f in forms:
            longer = [s for g in forms if g != f and f in g for s in spans[g]]
            free = [(a, b) for a, b in spans[f] if not any(x <= a and b <= y for x, y in longer)]
            if spans[f] and not free:
                err(f"{doc} {f!r} occurs only inside longer listed mentions")

    report(gold, texts)
    for e in errors:
        print("error:", e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} errors", file=sys.stderr)
        return 1
    print("ok")
    return 0


def surname(name):
    toks = re.sub(r"\(.*?\)", "", name).split(",")[0].split()
    return toks[-1] if toks else ""


def report(gold, texts):
    ents = gold["entities"]
    ms = [(e, m) for e in ents for m in e.get("mentions", [])]
    names = [(e, m) for e, m in ms if m.get("kind", "name") == "name"]
    refs = [(e, m) for e, m in ms if m.get("kind") == "reference"]
    docs_of = {e["id"]: {m["doc"] for m in e["mentions"]} for e in ents}
    namedocs_of = {e["id"]: {m["doc"] for m in e["mentions"] if m.get("kind", "name") == "name"} for e in ents}
    print(f"articles:                {len(gold['articles'])}")
    cats = collections.Counter(a.split("_")[0] for a in gold["articles"])
    print("  by category:           " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    print(f"entities:                {len(ents)}")
    print("  by type:               " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(e['type'] for e in ents).items())))
    print(f"mentions:                {len(ms)} ({len(names)} name, {len(refs)} reference)")
    multi = [e for e in ents if len(namedocs_of[e['id']]) > 1]
    print(f"clusters in >1 article:  {len(multi)} (by name mentions); "
          f"singletons {len(ents) - len(multi)}")
    print(f"ambiguous mentions:      {sum(1 for _, m in ms if m.get('ambiguous'))}")

    # Hard cases.
    persons = [e for e in ents if e["type"] == "Person"]
    by_sur = collections.defaultdict(list)
    for e in persons:
        by_sur[surname(e["name"])].append(e)
    shared = {s: l for s, l in by_sur.items() if len(l) > 1}
    top = sorted(shared.items(), key=lambda kv: -len(kv[1]))
    print(f"shared surnames:         {len(shared)} surnames held by {sum(len(l) for l in shared.values())} people; "
          + ", ".join(f"{s} {len(l)}" for s, l in top[:12]))
    # Articles naming two people of one surname.
    same_doc = 0
    for s, l in shared.items():
        seen = collections.Counter(d for e in l for d in namedocs_of[e["id"]])
        same_doc += sum(1 for c in seen.values() if c > 1)
    print(f"  (article, surname) pairs with 2+ holders in one article: {same_doc}")
    acr = re.compile(r"^[A-Z][A-Z&]{1,5}$|^(Fifa|Uefa|Opec|Segas|BoE|Fed)$")
    acr_ents = []
    for e in ents:
        forms = {m["text"] for m in e["mentions"] if m.get("kind", "name") == "name"}
        a = {f for f in forms if acr.match(f)}
        if a and any(len(f.split()) > 1 for f in forms - a):
            acr_ents.append(e)
    only_acr_docs = 0
    for e in acr_ents:
        by_doc = collections.defaultdict(set)
        for m in e["mentions"]:
            if m.get("kind", "name") == "name":
                by_doc[m["doc"]].add(m["text"])
        only_acr_docs += sum(1 for fs in by_doc.values() if all(acr.match(f) for f in fs))
    print(f"acronym + expansion:     {len(acr_ents)} entities ({', '.join(sorted(e['id'] for e in acr_ents))}); "
          f"{only_acr_docs} (entity, article) pairs use the acronym only")
    orgs = [e for e in ents if e["type"] == "Organization"]
    variant = [e for e in orgs if len({m['text'] for m in e['mentions'] if m.get('kind', 'name') == 'name'}) >= 3]
    print(f"organisations with 3+ name forms: {len(variant)} ({', '.join(sorted(e['id'] for e in variant))})")
    titled = [m for e, m in names if e["type"] == "Person" and m["text"].startswith(COURTESY)]
    print(f"titled-name mentions (Mr/Mrs/Dr/Sir/Lord ...): {len(titled)}")
    bare = [m for e, m in names if e["type"] == "Person" and len(m["text"].split()) == 1
            and m["text"] == surname(e["name"])]
    given = [m for e, m in names if e["type"] == "Person" and len(m["text"].split()) == 1
             and m["text"] != surname(e["name"]) and m["text"] == e["name"].split()[0]]
    print(f"bare-surname mentions:   {len(bare)}; given-name-only mentions: {len(given)}")
    govs = [e for e in ents if e["id"].endswith("_government")]
    gov_ref = [(e, m) for e, m in refs if e["id"].endswith("_government")]
    print(f"governments:             {len(govs)} ({', '.join(sorted(e['id'] for e in govs))}); "
          f"{len(gov_ref)} reference mentions such as 'the government' in "
          f"{len({m['doc'] for _, m in gov_ref})} articles")
    print(f"other reference mentions: {len(refs) - len(gov_ref)} "
          f"({', '.join(sorted({m['text'].lower() for e, m in refs if not e['id'].endswith('_government')}))})")


if __name__ == "__main__":
    sys.exit(main())
