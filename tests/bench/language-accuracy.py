#!/usr/bin/env python3
"""language-accuracy.py: accuracy of extract "language" on texts of known language, short
(one paragraph or one written snippet, 15-60 words) and long (a whole article).

Labelled texts: the sample articles (docs/examples/articles: 04 is German, 05 Spanish, 06
French, the rest English), whole and paragraph by paragraph; one snippet written here for each
of the 18 default languages; and, when present, the English articles of
/work/shared/bench/text and /work/shared/bench/ner-train (read, never copied).  Run by hand,
not part of `make check`:

    tests/bench/language-accuracy.py [--binary PATH] [--show-errors]

Undetermined counts as wrong.  Prints accuracy for short and long texts and per language.

parse "text" takes a file's first line as the headline (and a "By ..." second line as the
byline) and extract "language" reads the body only, so each short text is written after a
headline line of its own; before 2026-12-06 it was not, the paragraph became the headline, the
body was empty and 831 of the 842 short texts were reported undetermined (11/842 "right")."""
import argparse, collections, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, "..", ".."))

SNIPPETS = {
    "en": "The city council approved a new budget on Tuesday after months of debate, raising spending on schools and roads while cutting the cost of running its offices.",
    "de": "Der Stadtrat hat am Dienstag nach monatelanger Debatte einen neuen Haushalt beschlossen, der mehr Geld für Schulen und Straßen vorsieht und die Verwaltungskosten senkt.",
    "fr": "Le conseil municipal a adopté mardi un nouveau budget après des mois de débat, qui augmente les dépenses pour les écoles et les routes tout en réduisant les frais de fonctionnement.",
    "es": "El ayuntamiento aprobó el martes un nuevo presupuesto tras meses de debate, que aumenta el gasto en escuelas y carreteras y reduce los costes de funcionamiento de sus oficinas.",
    "it": "Il consiglio comunale ha approvato martedì un nuovo bilancio dopo mesi di dibattito, aumentando la spesa per le scuole e le strade e riducendo i costi di gestione degli uffici.",
    "pt": "A câmara municipal aprovou na terça-feira um novo orçamento depois de meses de debate, aumentando os gastos com escolas e estradas e reduzindo os custos de funcionamento.",
    "nl": "De gemeenteraad heeft dinsdag na maanden van discussie een nieuwe begroting goedgekeurd, met meer geld voor scholen en wegen en lagere kosten voor het beheer van de kantoren.",
    "sv": "Kommunfullmäktige godkände på tisdagen en ny budget efter flera månaders debatt, med mer pengar till skolor och vägar och lägre kostnader för att driva kontoren.",
    "da": "Byrådet godkendte tirsdag et nyt budget efter flere måneders debat, med flere penge til skoler og veje og lavere udgifter til at drive kommunens kontorer.",
    "nb": "Bystyret vedtok tirsdag et nytt budsjett etter flere måneder med debatt, med mer penger til skoler og veier og lavere kostnader til drift av kommunens kontorer.",
    "fi": "Kaupunginvaltuusto hyväksyi tiistaina uuden talousarvion kuukausia kestäneen keskustelun jälkeen, ja se lisää koulujen ja teiden rahoitusta sekä vähentää hallinnon kuluja.",
    "pl": "Rada miasta zatwierdziła we wtorek nowy budżet po miesiącach debaty, zwiększając wydatki na szkoły i drogi oraz zmniejszając koszty utrzymania urzędów miejskich.",
    "cs": "Městské zastupitelstvo v úterý po měsících debat schválilo nový rozpočet, který zvyšuje výdaje na školy a silnice a snižuje náklady na provoz úřadů.",
    "ru": "Городской совет во вторник после нескольких месяцев обсуждения утвердил новый бюджет, увеличив расходы на школы и дороги и сократив затраты на содержание своих учреждений.",
    "tr": "Belediye meclisi aylar süren tartışmaların ardından salı günü yeni bütçeyi onayladı; okullar ve yollar için harcamalar artırılırken ofislerin işletme maliyetleri düşürüldü.",
    "ro": "Consiliul local a aprobat marți un nou buget după luni de dezbateri, care mărește cheltuielile pentru școli și drumuri și reduce costurile de funcționare ale birourilor.",
    "hu": "A városi közgyűlés kedden hónapokig tartó vita után elfogadta az új költségvetést, amely növeli az iskolákra és utakra fordított kiadásokat, és csökkenti a hivatalok működési költségeit.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη νέο προϋπολογισμό μετά από μήνες συζητήσεων, αυξάνοντας τις δαπάνες για σχολεία και δρόμους και μειώνοντας το κόστος λειτουργίας των γραφείων.",
}

def sample_label(name):
    return {"04": "de", "05": "es", "06": "fr"}.get(name[:2], "en")

def words(text):
    return len(text.split())

def collect():
    items = []  # (kind, label, text)
    articles = os.path.join(SRC, "docs", "examples", "articles")
    for name in sorted(os.listdir(articles)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(articles, name), encoding="utf-8").read()
        label = sample_label(name)
        items.append(("long", label, text))
        for paragraph in re.split(r"\n\s*\n", text):
            if 15 <= words(paragraph) <= 60:
                items.append(("short", label, paragraph.strip()))
    for label, text in SNIPPETS.items():
        items.append(("short", label, text))
    for shared in ("/work/shared/bench/text/articles", "/work/shared/bench/ner-train/articles"):
        if not os.path.isdir(shared):
            continue
        for name in sorted(os.listdir(shared)):
            if name.endswith(".txt"):
                text = open(os.path.join(shared, name), encoding="utf-8", errors="replace").read()
                items.append(("long", "en", text))
                for paragraph in re.split(r"\n\s*\n", text):
                    if 15 <= words(paragraph) <= 60:
                        items.append(("short", "en", paragraph.strip()))
    return items

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("NEWSFLOW", "./newsflow"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    items = collect()
    with tempfile.TemporaryDirectory(prefix="newsflow-language-accuracy.") as work:
        os.mkdir(os.path.join(work, "in"))
        for i, (kind, label, text) in enumerate(items):
            with open(os.path.join(work, "in", "%05d.txt" % i), "w", encoding="utf-8") as out:
                # a whole article brings its own headline; a paragraph or snippet must be the body
                out.write(text if kind == "long" else "Headline\n\n" + text)
        chain = os.path.join(work, "chain")
        with open(chain, "w") as out:
            out.write('fetch "files" { paths = { "%s" } }\nparse "text" { }\nextract "language" { }\n'
                      'format "json" { output = "-" }\n' % os.path.join(work, "in"))
        result = subprocess.run([args.binary, "-q", "-j", "1", "-c", chain], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit("newsflow failed: " + result.stderr)
    found = {}
    for line in result.stdout.splitlines():
        article = json.loads(line)
        index = int(re.search(r"(\d{5})\.txt", article.get("source") or article.get("id")).group(1))
        found[index] = article.get("language")
    totals = collections.Counter()
    right = collections.Counter()
    for i, (kind, label, text) in enumerate(items):
        got = found.get(i)
        for key in (kind, kind + ":" + label):
            totals[key] += 1
            right[key] += got == label
        if got != label and args.show_errors:
            print("  %s %s -> %s: %s" % (kind, label, got, text[:90].replace("\n", " ")))
    for kind in ("short", "long"):
        per = ", ".join("%s %d/%d" % (key.split(":")[1], right[key], totals[key])
                        for key in sorted(totals) if key.startswith(kind + ":"))
        print("%-5s texts: %d/%d right (%.1f%%); %s" % (kind, right[kind], totals[kind],
                                                       100.0 * right[kind] / max(1, totals[kind]), per))

if __name__ == "__main__":
    main()
