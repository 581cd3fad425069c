#!/usr/bin/python3
"""Checks what review decisions on numbers lead to, end to end from printed sheets with written digits, a
scan and decisions applied from a CSV: the labelled digits `scripts/train-digits --with-reviewed DB` adds
(scripts/icr/reviewed.py; also how a decided value is laid onto the inked boxes), and the writer follow-up
(a corrected digit sends the same writer's confidently read numbers holding it to review), and that
scripts/icr/writers.py, the bench of that rule, restates it faithfully.

Run: /usr/bin/python3 tests/icr/test_reviewed.py [path/to/quizscan]  (the end-to-end part skips without it)
"""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "icr"))
import reviewed  # noqa: E402
import writers  # noqa: E402

QUIZSCAN = sys.argv[1] if len(sys.argv) > 1 and os.access(sys.argv[1], os.X_OK) else None


def boxes(pattern):
    """8 boxes from a pattern like '..x x|x.' (x inked, . empty, | the printed point; spaces ignored)."""
    return [{"state": "empty" if c == "." else "digit", "flag": ""} for c in pattern.replace(" ", "").replace("|", "")]


class BoxLabels(unittest.TestCase):
    def test_left_and_right_aligned_integers(self):
        self.assertEqual(reviewed.box_labels("40", boxes("xx....|.."), 2), ({0: 4, 1: 0}, ""))
        self.assertEqual(reviewed.box_labels("40", boxes("....xx|.."), 2), ({4: 4, 5: 0}, ""))

    def test_decimals_and_zeros_as_written_or_not(self):
        self.assertEqual(reviewed.box_labels("0.6", boxes("......|x."), 2), ({6: 6}, ""))       # ".6"
        self.assertEqual(reviewed.box_labels("0.6", boxes(".....x|x."), 2), ({5: 0, 6: 6}, ""))  # "0.6"
        self.assertEqual(reviewed.box_labels("0.6", boxes(".....x|xx"), 2), ({5: 0, 6: 6, 7: 0}, ""))  # "0.60"
        self.assertEqual(reviewed.box_labels("040", boxes("...xxx|.."), 2), ({3: 0, 4: 4, 5: 0}, ""))
        self.assertEqual(reviewed.box_labels("40", boxes("...xxx|.."), 2), ({3: 0, 4: 4, 5: 0}, ""))  # "040"

    def test_what_does_not_fit_is_left_out(self):
        cases = {
            ("", "......|.."): "decided blank",
            ("195", ".....x|.."): "fewer inked boxes",        # the reader missed two digits
            ("1.95", "....x.|x."): "fewer inked decimal",
            ("40", "x..x..|.."): "a gap",
            ("0.6", "......|.x"): "not from the first decimal box",
        }
        for (value, pattern), why in cases.items():
            got, reason = reviewed.box_labels(value, boxes(pattern), 2)
            self.assertIsNone(got, (value, pattern))
            self.assertIn(why, reason)
        stray = boxes("....xx|..")
        stray[4]["flag"] = "two-digits"
        self.assertIsNone(reviewed.box_labels("40", stray, 2)[0])

    def test_not_a_database(self):
        with tempfile.NamedTemporaryFile(suffix=".db") as f:
            f.write(b"not sqlite at all" * 100)
            f.flush()
            crops, labels, _ = reviewed.reviewed_digits(f.name, log=lambda *a: None)
            self.assertIsNone(crops)
        crops, _, _ = reviewed.reviewed_digits("/nonexistent/quiz.db", log=lambda *a: None)
        self.assertIsNone(crops)


class WriterBenchRule(unittest.TestCase):
    """scripts/icr/writers.py restates review's follow-up rule for its bench; it must behave like the C++."""

    def test_confusions_like_digit_confusions(self):
        self.assertEqual(writers.confusions("40", "48"), {"0"})
        self.assertEqual(writers.confusions("1.95", "7.96"), {"1", "5"})
        self.assertEqual(writers.confusions("40", "400"), set())
        self.assertEqual(writers.confusions("0.6", "06."), set())

    def test_follow_ups_spread_within_a_participant_until_nothing_changes(self):
        values = np.asarray(["19", "90", "35", "93", "9"])
        expected = np.asarray(["14", "40", "35", "93", "9"])
        who = np.asarray([0, 0, 0, 0, 1])
        after = writers.follow_ups(values, expected, who, np.asarray([True, False, False, False, False]))
        # 19 -> 14 shows a 4 read as 9: participant 0's 90 and 93 go to review; 90 -> 40 adds nothing new;
        # 35 holds no 9; participant 1's 9 is another writer.
        self.assertEqual(after.tolist(), [True, True, False, True, False])


def scan_with_audit(d, audit_share):
    """4 clean sheets printed, written and scanned into d/quiz.db with the shipped models, audit_share of the
    confident numbers sent to review as spot checks. Returns (db path, open queue rows, truth by sheet)."""
    scans, cal, db = os.path.join(d, "scans"), os.path.join(d, "cal"), os.path.join(d, "quiz.db")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "synth", "make_scans.py"), "--quizscan",
                    QUIZSCAN, "--out", scans, "--sheets", "4", "--seed", "3", "--difficulty", "clean",
                    "--formats", "png", "--dpi", "200"], check=True, capture_output=True)
    os.makedirs(cal)
    for f in os.listdir(os.path.join(ROOT, "calibration")):
        os.symlink(os.path.join(ROOT, "calibration", f), os.path.join(cal, f))
    th = os.path.join(cal, "icr-thresholds.json")
    with open(th) as f:
        cfg = json.load(f)
    os.remove(th)  # the link: the copy's own thresholds instead
    with open(th, "w") as f:
        json.dump({**cfg, "audit_share": audit_share}, f)
    subprocess.run([QUIZSCAN, "scan", "--db", db, "--form", os.path.join(ROOT, "forms", "mlsysim-quiz.yaml"),
                    "--ids", os.path.join(scans, "ids.txt"), "--calibration", cal, scans],
                   check=True, capture_output=True)
    with open(os.path.join(scans, "truth.json")) as f:
        truth = {(s["participant_id"], s["session"]): s["fields"] for s in json.load(f)["sheets"]}
    return db, queue(db), truth


def queue(db):
    out = subprocess.run([QUIZSCAN, "review", "--db", db, "--list"], check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(out.splitlines()))


def apply(d, db, decided):
    """Applies {item_id: value} as a person's CSV of decisions; returns quizscan's report."""
    path = os.path.join(d, "decided.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item_id", "value"])
        w.writerows([i, v or "-"] for i, v in decided.items())
    return subprocess.run([QUIZSCAN, "review", "--db", db, "--apply", path], check=True, capture_output=True,
                          text=True).stdout


@unittest.skipIf(QUIZSCAN is None, "no quizscan binary")
class FromAScan(unittest.TestCase):
    def test_decided_numbers_become_labelled_boxes(self):
        with tempfile.TemporaryDirectory() as d:
            db, rows, truth = scan_with_audit(d, 1.0)  # every number to review, as a spot check
            items = [r for r in rows if r["kind"] == "number"]
            self.assertEqual(len(items), 16)  # 4 sheets, 4 numbers each
            # The person decides each as written, but one as a different number of the same length
            # (the reader had it right, so that box counts as one the reader read otherwise).
            decided = {r["item_id"]: truth[(r["participant_id"], r["session"])][r["field"]] for r in items}
            changed = next(i for i, v in decided.items() if v.isdigit() and v[-1] != "7")
            decided[changed] = decided[changed][:-1] + "7"
            apply(d, db, decided)

            crops, labels, report = reviewed.reviewed_digits(db, log=lambda *a: None)
            self.assertEqual(report["numbers decided"], 16)
            blanks = sum(v == "" for v in decided.values())
            self.assertEqual(report["numbers used"], 16 - blanks, report)
            # Labels are the decided values' digits (give or take zeros written or not).
            want = "".join(v.replace(".", "") for v in decided.values())
            self.assertEqual(sorted("".join(map(str, labels)).replace("0", "")), sorted(want.replace("0", "")))
            self.assertEqual(crops.shape, (len(labels), 110, 90))
            # The crops are the boxes the labels name: on clean scans the reader read them all alike,
            # except the one digit the person changed.
            self.assertEqual(report["digits the reader had read otherwise"], 1, report)
            sheet = reviewed.contact_sheet(crops, labels)
            self.assertEqual(sheet.shape[1], 20 * 94)

    def test_corrected_digit_sends_the_writers_other_numbers_to_review(self):
        with tempfile.TemporaryDirectory() as d:
            db, rows, truth = scan_with_audit(d, 0.3)
            in_review = {(r["participant_id"], r["session"], r["field"]) for r in rows if r["kind"] == "number"}
            confident = {(p, s, f): v for (p, s), fields in truth.items() for f, v in fields.items()
                         if f.startswith(("q6", "q7")) and v and (p, s, f) not in in_review}
            # A number in review and a digit of it that the same writer's confident numbers also hold.
            pick = None
            for r in rows:
                if r["kind"] != "number" or not r["guess"]:
                    continue
                for ch in r["guess"].replace(".", ""):
                    hits = {k for k, v in confident.items() if k[0] == r["participant_id"] and ch in v}
                    if hits:
                        pick = (r, ch, hits)
                        break
                if pick:
                    break
            self.assertIsNotNone(pick, "the draw has no writer with numbers both in review and confident")
            r, ch, hits = pick
            corrected = r["guess"].replace(ch, str((int(ch) + 1) % 10), 1)
            out = apply(d, db, {r["item_id"]: corrected})
            self.assertIn(f"{len(hits)} more of this writer's numbers sent to review", out)
            follow = [q for q in queue(db) if q["reason"].startswith("same writer")]
            self.assertEqual({(q["participant_id"], q["session"], q["field"]) for q in follow}, hits)
            for q in follow:
                self.assertEqual(q["guess"], confident[(q["participant_id"], q["session"], q["field"])])
                self.assertIn(f"{corrected[r['guess'].index(ch)]} read as {ch}", q["reason"])
            # Each has the picture a person reads it from, kept by the scan though it was read confidently.
            con = sqlite3.connect(db)
            pics = con.execute("SELECT COUNT(*) FROM review_items WHERE reason LIKE 'same writer%' AND crop_id IS NOT NULL"
                               ).fetchone()[0]
            con.close()
            self.assertEqual(pics, len(hits))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
