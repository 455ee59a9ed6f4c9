#!/usr/bin/env python3
"""Regenerate the gazetteers built from Debian package data (run by hand, output committed):

  countries.txt  from iso-codes  (/usr/share/iso-codes/json/iso_3166-1.json, 3166-3 for
                 former names), names, official names and common names of every country
  regions.txt    from iso-codes  (iso_3166-2.json): states, provinces, regions, governorates...
  cities.txt     from tzdata     (/usr/share/zoneinfo/zone1970.tab and zone.tab): the cities
                 that name time zones ("Europe/Kyiv" -> Kyiv), and the former names that
                 tzdata.zi links to them ("Europe/Kiev" -> Kiev, canonical Kyiv)

Each output line is `name<TAB>LABEL<TAB>canonical` (see README in this folder).
Usage: make-gazetteers.py [OUTDIR]   (default: the folder of this script)
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


def write(path, source, label, entries):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'# Generated by make-gazetteers.py from {source}; do not edit by hand.\n')
        for name in sorted(entries):
            f.write(f'{name}\t{label}\t{entries[name]}\n')


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    c = countries()
    write(f'{outdir}/countries.txt', 'iso-codes (ISO 3166-1, 3166-3)', 'LOCATION', c)
    r = {k: v for k, v in regions().items() if k not in c}
    write(f'{outdir}/regions.txt', 'iso-codes (ISO 3166-2)', 'LOCATION', r)
    t = {k: v for k, v in cities().items() if k not in c and k not in r}
    write(f'{outdir}/cities.txt', 'tzdata (zone1970.tab, zone.tab, links in tzdata.zi)', 'LOCATION', t)


if __name__ == '__main__':
    main()
