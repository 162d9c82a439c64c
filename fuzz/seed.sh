#!/bin/sh
# Builds the seed corpora under fuzz/corpus/ from the bundled data, the sample lesson and the test fixtures:
# small, valid files (the first few records of each), each prefixed with the byte the target reads first.
# Run from the repository root: sh fuzz/seed.sh
set -eu
python3 - <<'PY'
import json, os, glob
root = "fuzz/corpus"
def put(target, name, data: bytes):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
def first(path, key, n=3):
    doc = json.load(open(path, encoding="utf-8"))
    doc[key] = doc[key][:n]
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()
# Layer kinds in the order of the layer_geojson target.
for i, name in enumerate(["countries-10m", "world-50m", "provinces-10m", "lakes-10m", "cities", "seas"]):
    put("layer_geojson", name, bytes([i]) + first(f"data/{name}.geojson", "features", 2))
# Content kinds in the order of DataFileKind::ALL.
kinds = [("events.geojson", "features"), ("actors.json", "actors"), ("groups.geojson", "features"),
         ("positions.geojson", "features"), ("relations.json", "relations"), ("claims.json", "claims"),
         ("eras.json", "eras"), ("countries.json", "countries")]
for i, (name, key) in enumerate(kinds):
    put("dataset_file", name, bytes([i]) + first(f"data/{name}", key, 3))
sample = json.load(open(glob.glob("data/lessons/*.json")[0], encoding="utf-8"))
sample["lesson"]["slides"] = sample["lesson"]["slides"][:2]
put("lesson_file", "sample", json.dumps(sample, ensure_ascii=False, indent=1).encode())
drawings = [s.get("annotations", []) for s in json.load(open(glob.glob("data/lessons/*.json")[0]))["lesson"]["slides"]]
flat = [a for d in drawings for a in d][:6]
put("annotation_file", "from-sample", json.dumps({"format": "timeatlas-annotations", "version": 1, "annotations": flat}, indent=1).encode())
for i, text in enumerate(["1953", "1979-11", "2020-01-03", "0000", "2019-02-29"]):
    put("small_parsers", f"date{i}", bytes([0]) + text.encode())
for i, text in enumerate(["1600x1000", "3840x2160", "0x0"]):
    put("small_parsers", f"size{i}", bytes([2]) + text.encode())
for i, text in enumerate(["38,25,60,40", "60,40,38,25"]):
    put("small_parsers", f"view{i}", bytes([3]) + text.encode())
put("small_parsers", "locate", bytes([4]) + b'{"features": [{"p": {"date": "19x"}}]}\x00features.0.p.date')
# Import formats: the fixtures whole (they are small), each to the target that reads its format.
for path in sorted(glob.glob("tests/fixtures/import/*")):
    name = os.path.basename(path)
    data = open(path, "rb").read()
    if name.endswith(".csv"):
        put("import_csv", name, b"\x00" + data)
    elif name.endswith(".kml"):
        put("import_kml", name, data)
    else:
        put("import_json", name, data)
put("import_csv", "own-columns", b"\x01" + b"when,x,y,title\n1991-01-17,44.4,33.3,Baghdad\n2003-03-20,47.8,30.5,Basra\n")
PY
echo "seeded: $(find fuzz/corpus -type f | wc -l) files"
