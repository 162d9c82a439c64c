#!/usr/bin/env python3
"""Crash trials: kill -9 the app at random moments while it saves, and check the file on disk.

For each kind (a lesson saved with Save lesson, the annotations, the lesson's autosave, and a lesson
saved while a large file is being imported) the app's own save code runs in a loop
(`timeatlas save-stress`, hidden), writing "version N" and printing `saved N` after each save returns.
Each trial starts it, waits until it has saved once, kills it with SIGKILL after a random delay, and then
checks that the file parses and is version N or N + 1 (the last one reported whole, or the one being
written): never torn, never empty, never missing. Temporaries left by killed saves are counted; the next
save removes stale ones.

Usage: python3 scripts/crash_trials.py [--bin target/debug/timeatlas] [--trials 100] [--kinds lesson,...]
Exit status 0 when every trial passed. Not part of CI (it takes minutes).
"""

import argparse
import glob
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def big_lesson(path, slides=1200):
    """The sample lesson with its slides repeated: about 2 MB, so a save takes a while."""
    sample = json.load(open(glob.glob(os.path.join(ROOT, "data/lessons/*.json"))[0], encoding="utf-8"))
    base = sample["lesson"]["slides"]
    sample["lesson"]["slides"] = [base[i % len(base)] for i in range(slides)]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sample, f, ensure_ascii=False, indent=1)


def big_csv(path, rows=200_000):
    """A generic CSV to import over and over during the saves (about 12 MB)."""
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as f:
        f.write("date,latitude,longitude,title,category\n")
        for i in range(rows):
            f.write(f"{1990 + i % 30}-{1 + i % 12:02}-{1 + i % 28:02},{rnd.uniform(12, 37):.4f},"
                    f"{rnd.uniform(35, 63):.4f},Event {i},kind {i % 7}\n")


def version_on_disk(kind, path):
    """The version number in the saved file; raises when the file is missing, torn or not ours."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if kind == "annotations":
        assert doc["format"] == "timeatlas-annotations", doc.get("format")
        text = doc["annotations"][0]["shape"]["text"]
        assert len(doc["annotations"]) == 101, len(doc["annotations"])
    elif kind == "autosave":
        text = doc["lesson"]["slides"][0]["title"]
        assert len(doc["lesson"]["slides"]) == 1200
    else:
        text = doc["lesson"]["title"]
        assert len(doc["lesson"]["slides"]) == 1200
    prefix = "version "
    assert text.startswith(prefix), text
    return int(text[len(prefix):])


def trial(binary, kind, lesson, out, csv, rnd, max_delay_s):
    stress_kind = "lesson" if kind == "lesson-while-importing" else kind
    args = [binary, "save-stress", "--kind", stress_kind, "--lesson", lesson, "--out", out]
    if kind == "lesson-while-importing":
        args += ["--import", csv]
    before = version_on_disk(stress_kind, out) if os.path.exists(out) else None
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = p.stdout.readline()
    if not first.startswith("saved "):
        p.kill()
        raise RuntimeError(f"save-stress did not start: {first!r} {p.stderr.read()}")
    # From the first save on: kill at a random moment within the next few saves.
    time.sleep(rnd.uniform(0.0, max_delay_s))
    p.send_signal(signal.SIGKILL)
    rest, err = p.communicate()
    lines = [first] + rest.splitlines()
    saved = [int(l.split()[1]) for l in lines if l.startswith("saved ")]
    last = saved[-1]
    try:
        now = version_on_disk(stress_kind, out)
    except Exception as e:  # a torn, empty or missing file
        return False, f"unreadable after the kill: {e!r}", len(saved)
    ok = now in (last, last + 1)
    return ok, f"before={before} last_saved={last} on_disk={now}", len(saved)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")),
                                                  "debug", "timeatlas"))
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--kinds", default="lesson,annotations,autosave,lesson-while-importing")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="timeatlas-crash-") as tmp:
        lesson = os.path.join(tmp, "big-lesson.json")
        big_lesson(lesson)
        csv = os.path.join(tmp, "big.csv")
        big_csv(csv)
        for kind in a.kinds.split(","):
            folder = os.path.join(tmp, kind)
            os.makedirs(folder)
            out = os.path.join(folder, "lesson-autosave.json" if kind == "autosave" else
                               "annotations.json" if kind == "annotations" else "lesson.json")
            # How long one save takes here: the kill delay spans a few of them.
            t0 = time.time()
            probe = subprocess.Popen([a.bin, "save-stress", "--kind", "lesson" if kind.startswith("lesson") else kind,
                                      "--lesson", lesson, "--out", out], stdout=subprocess.PIPE, text=True)
            probe.stdout.readline()
            t1 = time.time()
            probe.stdout.readline()
            save_s = time.time() - t1
            probe.kill()
            probe.wait()
            max_delay = max(0.05, 3 * save_s)
            good, saves = 0, 0
            for i in range(a.trials):
                ok, what, n = trial(a.bin, kind, lesson, out, csv, rnd, max_delay)
                saves += n
                if ok:
                    good += 1
                else:
                    failures += 1
                    print(f"{kind} trial {i}: FAILED {what}", flush=True)
            temps = [f for f in os.listdir(folder) if f != os.path.basename(out)]
            print(f"{kind}: {good}/{a.trials} trials whole and old-or-new ({a.trials - good} torn or wrong); one save "
                  f"{save_s * 1000:.0f} ms (start-up {1000 * (t1 - t0):.0f} ms); kills within 0-{max_delay * 1000:.0f} "
                  f"ms of the first save; {saves} saves completed in all; {len(temps)} temporaries left in the folder",
                  flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
