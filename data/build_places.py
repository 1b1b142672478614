#!/usr/bin/env python3
"""Builds data/places.csv, the gazetteer rasd-lexicon embeds. Run once from the repository root:

    python3 data/build_places.py [SHARED_DIR]        (default: ../shared)

Provenance (see data/NOTICE.md for the licences):
  * SHARED/gazetteer/yemen_admin1.csv, yemen_admin2.csv, yemen_admin3.csv: OCHA COD-AB (cod-ab-yem, CSO
    Yemen) via ig-impact/yemmaps; names, p-codes and centroids (admin3 only for uzla coordinates).
  * SHARED/gazetteer/yemen_admin_names_yemeninfo.csv: Yemen-info second spellings of ADM1/ADM2 names;
    the Yemen-info Arabic spelling (standard orthography) becomes name_ar, the CSO spelling and both
    English spellings become forms.
  * SHARED/gazetteer/yemen_localities.csv: Yemen-info uzlas (kind == "uzla" only; villages are not used
    because too many of them are common words). An uzla is kept as level admin3 only when its
    normalized name has at least 4 letters and is not an actor form (data/actors.tsv), a weekday or
    month name, a name or form of a governorate/district/curated place, or listed in
    data/places_stoplist.txt. Coordinates come from the matching COD-AB ADM3 centroid, else the
    district centroid.
  * data/places_extra.csv: hand-curated cities, towns and localities, and extra forms for existing
    governorates/districts (a row with level admin1/admin2 and an existing pcode only adds forms).

Changes to the source data: columns renamed and merged, spellings normalized for comparison, rows
filtered as above, city coordinates hand-entered or taken from the district centroid.
Stdlib only; the output is sorted and deterministic.
"""
import csv
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared")
GAZ = os.path.join(SHARED, "gazetteer")

WEEKDAYS_MONTHS = """السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة يناير فبراير مارس أبريل إبريل
مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة""".split()

MARKS = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ؤ": "و", "ئ": "ي", "ک": "ك"})


def norm(s):
    """Mirror of rasd_text::normalize_key for comparisons inside this script."""
    s = MARKS.sub("", s).translate(FOLD).lower()
    s = re.sub(r"[^\w\-]|_", " ", s)
    return " ".join(s.split())


def letters(s):
    return sum(1 for c in s if c.isalpha())


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        text = "".join(line for line in f if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(text)))


def main():
    admin1 = {r["pcode"]: r for r in read_csv(os.path.join(GAZ, "yemen_admin1.csv"))}
    admin2 = {r["pcode"]: r for r in read_csv(os.path.join(GAZ, "yemen_admin2.csv"))}
    admin3 = {r["pcode"]: r for r in read_csv(os.path.join(GAZ, "yemen_admin3.csv"))}
    yinfo = {r["pcode"]: r for r in read_csv(os.path.join(GAZ, "yemen_admin_names_yemeninfo.csv"))}
    extra = read_csv(os.path.join(HERE, "places_extra.csv"))

    stop = set()
    with open(os.path.join(HERE, "places_stoplist.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                stop.add(norm(line))
    stop.update(norm(w) for w in WEEKDAYS_MONTHS)
    with open(os.path.join(HERE, "actors.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 5 or cols[0] == "id":
                continue
            stop.update(norm(x) for x in cols[4].split("|"))

    rows = {}  # (level, key) -> row dict; forms kept as an ordered list

    def add_forms(row, forms):
        have = {norm(row["name_ar"])} | {norm(x) for x in row["forms"]}
        for form in forms:
            if form and norm(form) and norm(form) not in have:
                row["forms"].append(form)
                have.add(norm(form))

    for p, r in admin1.items():
        y = yinfo.get(p, {})
        row = dict(name_ar=y.get("name_ar_yemeninfo") or r["name_ar"], name_en=r["name_en"], level="admin1",
                   pcode=p, admin1_pcode=p, admin2_pcode="", lat=r["lat"], lon=r["lon"], forms=[])
        add_forms(row, [r["name_ar"], r["name_en"], y.get("name_en_yemeninfo", "")])
        rows[("admin1", p)] = row
    for p, r in admin2.items():
        y = yinfo.get(p, {})
        row = dict(name_ar=y.get("name_ar_yemeninfo") or r["name_ar"], name_en=r["name_en"], level="admin2",
                   pcode=p, admin1_pcode=r["admin1_pcode"], admin2_pcode=p, lat=r["lat"], lon=r["lon"], forms=[])
        add_forms(row, [r["name_ar"], r["name_en"], y.get("name_en_yemeninfo", "")])
        rows[("admin2", p)] = row

    for i, r in enumerate(extra, start=3):
        level, p = r["level"], r["pcode"]
        forms = [x for x in r["forms"].split("|") if x]
        if level in ("admin1", "admin2"):
            if (level, p) not in rows:
                sys.exit(f"places_extra.csv:{i}: unknown {level} pcode {p}")
            add_forms(rows[(level, p)], [r["name_ar"]] + forms)
            continue
        lat, lon = r["lat"], r["lon"]
        if not lat:
            src = admin2.get(r["admin2_pcode"]) or admin1[r["admin1_pcode"]]
            lat, lon = src["lat"], src["lon"]
        row = dict(name_ar=r["name_ar"], name_en=r["name_en"], level=level, pcode=p,
                   admin1_pcode=r["admin1_pcode"], admin2_pcode=r["admin2_pcode"], lat=lat, lon=lon, forms=[])
        add_forms(row, forms)
        rows[(level, r["name_en"])] = row

    taken = set()
    for row in rows.values():
        taken.add(norm(row["name_ar"]))
        taken.update(norm(x) for x in row["forms"])

    dropped = 0
    seen = set()
    for r in read_csv(os.path.join(GAZ, "yemen_localities.csv")):
        if r["kind"] != "uzla":
            continue
        key = norm(r["name_ar"])
        if letters(key) < 4 or key in stop or key in taken or (key, r["admin2_pcode"]) in seen:
            dropped += 1
            continue
        seen.add((key, r["admin2_pcode"]))
        a3 = admin3.get(r["admin3_pcode"])
        src = a3 or admin2[r["admin2_pcode"]]
        row = dict(name_ar=r["name_ar"], name_en=r["name_en"], level="admin3", pcode=r["admin3_pcode"],
                   admin1_pcode=r["admin1_pcode"], admin2_pcode=r["admin2_pcode"], lat=src["lat"], lon=src["lon"],
                   forms=[])
        if a3:
            add_forms(row, [a3["name_ar"], a3["name_en"]])
        rows[("admin3", r["admin2_pcode"] + key)] = row

    rank = {"admin1": 0, "admin2": 1, "city": 2, "locality": 3, "admin3": 4}
    ordered = sorted(rows.values(), key=lambda r: (rank[r["level"]], r["admin1_pcode"], r["admin2_pcode"],
                                                   r["pcode"], norm(r["name_ar"]), r["name_en"]))
    out = io.StringIO()
    out.write("# Generated by data/build_places.py from shared/gazetteer (OCHA COD-AB CC BY 3.0 IGO; Yemen-info MIT)"
              " and data/places_extra.csv. Do not edit; see data/NOTICE.md.\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["name_ar", "name_en", "level", "pcode", "admin1_pcode", "admin2_pcode", "lat", "lon", "forms"])
    for r in ordered:
        w.writerow([r["name_ar"], r["name_en"], r["level"], r["pcode"], r["admin1_pcode"], r["admin2_pcode"],
                    r["lat"], r["lon"], "|".join(r["forms"])])
    with open(os.path.join(HERE, "places.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    counts = {}
    for r in ordered:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    print(f"places.csv: {len(ordered)} rows {counts}; {dropped} uzlas dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
