#!/usr/bin/env python3
"""extract-summary.py: which summary method is better, lead or TextRank, measured fairly.

Two held-out references, neither of which the summariser sees:
  * the headline (parse "text" keeps it out of the body): ROUGE-1 recall of its content words
    in the summary.  Headlines are written from the story's key facts, not copied from any
    one sentence, so this does not simply reward the first sentence.
  * for gov.uk articles in ../shared/bench/text, the standfirst (the one-sentence summary
    under the headline): it is removed from the body and used as the reference.
Corpora: docs/examples/articles (24) and, when present, /work/shared/bench/text/articles (71).
Run from the build tree:  python3 tests/bench/extract-summary.py [--binary ./newsflow]
"""
import argparse, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, "..", ".."))
STOP = set(open(os.path.join(SRC, "etc/newsflow/stopwords/en.txt"), encoding="utf-8").read().split())
WORD = re.compile(r"\w+", re.U)


def words(text):
    return [w for w in (m.group(0).lower() for m in WORD.finditer(text)) if w not in STOP and not w.isdigit()]


def recall(reference, summary):
    ref, got = set(words(reference)), set(words(summary))
    return len(ref & got) / len(ref) if ref else None


def run(binary, folder, method, sentences):
    chain = os.path.join(folder, "..", "summary-%s.chain" % method)
    with open(chain, "w") as f:
        f.write('fetch "files" { paths = { "%s" } }\nparse "text" { }\nextract "language" { }\n'
                'extract "summary" { method = "%s" sentences = %d }\nformat "json" { output = "-" }\n'
                % (folder, method, sentences))
    out = subprocess.run([binary, "-q", "-c", chain], capture_output=True, text=True, check=True).stdout
    return {os.path.basename(a["source"]): a for a in map(json.loads, out.splitlines())}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=os.environ.get("NEWSFLOW", "./newsflow"))
    p.add_argument("--sentences", type=int, default=1)
    p.add_argument("--bench", default="/work/shared/bench/text/articles")
    args = p.parse_args()
    tmp = tempfile.mkdtemp()
    corpora = {"samples": os.path.join(SRC, "docs/examples/articles")}
    standfirsts = {}
    if os.path.isdir(args.bench):
        bench = os.path.join(tmp, "bench")
        os.makedirs(bench)
        for name in sorted(os.listdir(args.bench)):
            lines = open(os.path.join(args.bench, name), encoding="utf-8").read().split("\n")
            paras = [l for l in lines if l.strip()]
            if name.startswith("ukgov-") and len(paras) > 3:
                standfirsts[name] = paras[1]
                paras = [paras[0]] + paras[2:]
            open(os.path.join(bench, name), "w", encoding="utf-8").write("\n\n".join(paras) + "\n")
        corpora["bench"] = bench
    else:
        print("(no %s: samples only)" % args.bench)
    print("summary of %d sentence(s); ROUGE-1 recall of content words (higher is better)" % args.sentences)
    for method in ("lead", "textrank"):
        for corpus, folder in corpora.items():
            arts = run(args.binary, folder, method, args.sentences)
            head = [r for r in (recall(a["title"], a.get("summary", "")) for a in arts.values()) if r is not None]
            line = "%-9s %-8s headline %.3f (%d articles)" % (method, corpus, sum(head) / len(head), len(head))
            if corpus == "bench" and standfirsts:
                sf = [recall(standfirsts[n], arts[n].get("summary", "")) for n in standfirsts if n in arts]
                sf = [r for r in sf if r is not None]
                line += "   gov.uk standfirst %.3f (%d articles)" % (sum(sf) / len(sf), len(sf))
            print(line)


if __name__ == "__main__":
    main()
