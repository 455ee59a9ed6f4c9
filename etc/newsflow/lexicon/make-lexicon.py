#!/usr/bin/env python3
"""make-lexicon.py: the English lexicon of extract "keywords" from WordNet 3.0 (Debian's
wordnet-base, /usr/share/wordnet), written to en-wordnet.tsv and en-inflections.tsv here.

  en-wordnet.tsv      word <TAB> noun verb adjective adverb <TAB> df
      For each part of speech, 0 when WordNet does not list the word with it, else 1 + how
      often the word's senses of that part of speech are tagged in the SemCor corpus (the
      sense counts of cntlist.rev): how likely the word is a noun, a verb, ...
      df: in how many of WordNet's 117,659 glosses (definitions and examples, one a synset)
      the word occurs: a background document frequency, so that words used everywhere
      ("cost", "level", "company") weigh less than the words a story is about.
  en-inflections.tsv  inflected form <TAB> base form <TAB> part of speech (n, v, a, r)
      WordNet's exception lists (irregular plurals and past forms: "men", "went").

Run again when WordNet changes:  python3 make-lexicon.py [/usr/share/wordnet]
The output is sorted, so the same WordNet always gives the same files."""
import collections, re, sys, os

wordnet = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/wordnet'
here = os.path.dirname(os.path.abspath(__file__))
parts = (('n', 'noun'), ('v', 'verb'), ('a', 'adj'), ('r', 'adv'))
ss_type = {'1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a'}

tagged = collections.defaultdict(collections.Counter)
for line in open(f'{wordnet}/cntlist.rev'):
    key, _, count = line.split()
    lemma, sense = key.split('%')
    tagged[lemma][ss_type[sense[0]]] += int(count)

lexicon = collections.defaultdict(dict)
for pos, name in parts:
    for line in open(f'{wordnet}/index.{name}'):
        if line.startswith(' '):
            continue
        word = line.split()[0]
        if '_' in word or len(word) > 40:  # collocations are not single tokens
            continue
        lexicon[word][pos] = 1 + tagged[word][pos]

glosses, df = 0, collections.Counter()
for _, name in parts:
    for line in open(f'{wordnet}/data.{name}'):
        if line.startswith(' ') or '|' not in line:
            continue
        glosses += 1
        df.update(set(re.findall(r"[a-z][a-z'-]*[a-z]|[a-z]", line.split('|', 1)[1].lower())))

with open(f'{here}/en-wordnet.tsv', 'w') as out:
    out.write('# English lexicon of extract "keywords", made by make-lexicon.py from WordNet 3.0\n'
              '# (Princeton University; licence in WORDNET-LICENSE beside this file).\n'
              f'# word<TAB>noun verb adjective adverb<TAB>df (of {glosses} glosses)\n'
              f'#glosses\t{glosses}\n')
    for word in sorted(set(lexicon) | {w for w, c in df.items() if c >= 2}):
        counts = lexicon.get(word, {})
        # A noun seen in at most one gloss is what an unknown word is taken for anyway.
        if set(counts) <= {'n'} and df[word] < 2:
            continue
        out.write(f"{word}\t{' '.join(str(counts.get(p, 0)) for p, _ in parts)}\t{df[word]}\n")

with open(f'{here}/en-inflections.tsv', 'w') as out:
    out.write('# Irregular English inflections from WordNet 3.0\'s exception lists (make-lexicon.py).\n')
    rows = set()
    for pos, name in parts:
        for line in open(f'{wordnet}/{name}.exc'):
            fields = line.split()
            if len(fields) >= 2 and '_' not in fields[0]:
                rows.add((fields[0], fields[1], pos))
    for row in sorted(rows):
        out.write('\t'.join(row) + '\n')
