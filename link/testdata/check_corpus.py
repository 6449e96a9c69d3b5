#!/usr/bin/env python3
"""Checks the linking invariants of issue 13 on a whole store's entities.

    kg entities --store bbc.db --json > ents.jsonl
    python3 link/testdata/check_corpus.py ents.jsonl

Prints (1) person nodes whose plain names ("First Surname") carry two different given
names (short forms folded with link/data/nicknames.tsv; a given name must be in the
lexicon's first names and no place), (2) aliases that are a pronoun, a description (a
determiner or possessive, then lower case) or nothing but role nouns (extract/lexicon/
titles.txt), (3) government nodes whose aliases name two countries' governments.
Heuristic: it lists what it counts, for a reader to judge.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
lex = os.path.join(here, '..', '..', 'extract', 'lexicon')
def lines(name):
    return [l.rstrip('\n') for l in open(os.path.join(lex, name)) if l.strip() and not l.startswith('#')]
titles = {l.split('=')[0].strip() for l in lines('titles.txt')}
firsts = set(lines('firstnames.txt'))
places = set()
for f in ['countries.tsv', 'cities.tsv', 'regions.tsv', 'places.tsv']:
    for l in lines(f):
        places.update(l.split('\t')[:2])
demonyms = {l.split('\t')[0].strip() for l in lines('demonyms.txt')}
nick = {}
for l in open(os.path.join(here, '..', 'data', 'nicknames.tsv')):
    if l.startswith('#') or not l.strip():
        continue
    full, short = l.rstrip('\n').split('\t')
    for s in short.split('|'):
        nick[s.lower()] = full.lower()
honorifics = {'mr', 'mrs', 'ms', 'miss', 'sir', 'lord', 'lady', 'dame', 'dr', 'baron', 'baroness', 'rabbi', 'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'star'}
pron = {'he', 'she', 'they', 'it', 'him', 'her', 'them', 'his', 'hers', 'its', 'their', 'we', 'us', 'our', 'i', 'me', 'my', 'you', 'your'}
det = {'the', 'a', 'an', 'this', 'that', 'these', 'those'}
# the particles that open a surname, as link/names.go's surnameParticles: "De Vosk" has no
# given name
particles = {'de', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'van', 'von', 'der', 'den', 'ter', 'le', 'la', 'al', 'el', 'bin', 'ibn', 'abu'}

def given(alias, surname):
    ws = alias.replace('.', ' ').split()
    if not 2 <= len(ws) <= 3 or ws[-1] != surname or any(x[:1].islower() for x in ws):
        return None
    w = ws[0]
    if len(w) <= 1 or w.isupper() or w.lower() in particles or w not in firsts or w in places or w.lower() in titles or w.lower() in honorifics:
        return None
    return nick.get(w.lower(), w.lower())

def reference(a):
    w = a.split()
    lw = [x.lower().strip(".,'’") for x in w]
    if len(w) == 1 and lw[0] in pron and not w[0].isupper():
        return 'pronoun'
    if lw[0] in det | pron and not w[0].isupper() and len(w) > 1 and any(x[:1].islower() for x in w[1:]):
        return 'description'
    if all(x in titles for x in lw):
        return 'role noun'
    return None

two, refs, govs = [], [], []
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e['type'] == 'Person' and ' ' in e['name']:
        gs = {g for g in (given(a, e['name'].split()[-1]) for a in e['aliases']) if g}
        if len(gs) > 1:
            two.append((e['name'], sorted(gs)))
    for a in e['aliases']:
        k = reference(a)
        if k:
            refs.append((k, e['name'], a))
    if e['type'] == 'Organization' and 'overnment' in e['name']:
        cs = {d for a in e['aliases'] for d in demonyms if d in a.split()}
        if len(cs) > 1:
            govs.append((e['name'], sorted(cs)))
for title, rows in [('person nodes with two given names', two), ('aliases that read as references', refs), ('government nodes with two countries', govs)]:
    print(f'{title}: {len(rows)}')
    for r in rows[:50]:
        print('   ', r)
