#!/usr/bin/python3
"""Checks scripts/synth/make_scans.py end to end on a small stack.

Run: /usr/bin/python3 tests/synth/test_make_scans.py [path/to/quizscan]
(default: build-synth/src/cli/quizscan, then build/src/cli/quizscan). Skips if no binary.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import cv2
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "synth", "make_scans.py")
QUIZSCAN = None


def find_quizscan():
    for p in sys.argv[1:2] + [os.path.join(ROOT, "build-synth/src/cli/quizscan"),
                              os.path.join(ROOT, "build/src/cli/quizscan")]:
        if p and os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def pdf_page_count(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def load_page(path, idx):
    if path.endswith(".pdf"):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run(["pdfimages", "-f", str(idx + 1), "-l", str(idx + 1), "-j", path, os.path.join(d, "i")],
                           check=True)
            f = sorted(os.listdir(d))[0]
            return cv2.imread(os.path.join(d, f), cv2.IMREAD_GRAYSCALE)
    if path.endswith(".tiff"):
        ok, ims = cv2.imreadmulti(path, flags=cv2.IMREAD_GRAYSCALE)
        return ims[idx]
    return cv2.imread(path, cv2.IMREAD_GRAYSCALE)


@unittest.skipIf(find_quizscan() is None, "no quizscan binary")
class MakeScans(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = {}
        for name, extra in [("normal", ["--sessions", "pre,post", "--dpi", "150-300"]),
                            ("clean", ["--difficulty", "clean", "--dpi", "300", "--formats", "png"]),
                            ("bw", ["--formats", "bw", "--dpi", "200"]),
                            ("photo", ["--formats", "photo", "--dpi", "200"]),
                            ("clean-through", ["--difficulty", "clean", "--dpi", "300", "--formats", "png",
                                               "--show-through", "0.3"]),
                            ("clean-bent", ["--difficulty", "clean", "--dpi", "300", "--formats", "png", "--bend", "5"])]:
            d = os.path.join(cls.tmp.name, name)
            subprocess.run([sys.executable, SCRIPT, "--quizscan", find_quizscan(), "--out", d, "--sheets", "6",
                            "--seed", "9"] + extra, check=True, capture_output=True)
            cls.out[name] = (d, json.load(open(os.path.join(d, "truth.json"))))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_sheet_has_both_pages_once(self):
        for d, t in self.out.values():
            seen = {}
            for p in t["pages"]:
                k = (p["participant_id"], p["session"], p["sheet_page"])
                self.assertNotIn(k, seen)
                seen[k] = p
            for s in t["sheets"]:
                for sp in (1, 2):
                    self.assertIn((s["participant_id"], s["session"], sp), seen)
            self.assertEqual(len(t["pages"]), 2 * len(t["sheets"]))

    def test_files_and_page_counts(self):
        for d, t in self.out.values():
            per = {}
            for p in t["pages"]:
                per.setdefault(p["file"], []).append(p["page_index"])
            self.assertEqual(sorted(per), sorted(t["files"]))
            for f, idx in per.items():
                path = os.path.join(d, f)
                self.assertTrue(os.path.getsize(path) > 1000, f)
                self.assertEqual(sorted(idx), list(range(len(idx))))
                if f.endswith(".pdf"):
                    self.assertEqual(pdf_page_count(path), len(idx))
                elif f.endswith(".tiff"):
                    ok, ims = cv2.imreadmulti(path, flags=cv2.IMREAD_GRAYSCALE)
                    self.assertTrue(ok)
                    self.assertEqual(len(ims), len(idx))
                else:
                    self.assertEqual(idx, [0])

    def test_values_in_export_format(self):
        for d, t in self.out.values():
            ids = open(os.path.join(d, "ids.txt")).read().split()
            for s in t["sheets"]:
                self.assertIn(s["participant_id"], ids)
                self.assertIn(s["no_research"], ("yes", ""))
                for k, v in s["fields"].items():
                    if k.startswith(("q6", "q7")):
                        self.assertRegex(v, r"^$|^(0|[1-9]\d{0,5})(\.\d{1,2})?$", k)
                        if "." in v:
                            self.assertFalse(v.endswith("0"), v)
                    else:
                        self.assertRegex(v, r"^[a-d]{0,2}$", k)
                        self.assertEqual(v, "".join(sorted(v)))

    def test_clean_pages_are_upright_and_sized(self):
        d, t = self.out["clean"]
        for p in t["pages"]:
            self.assertEqual(p["rotation"], 0)
            im = load_page(os.path.join(d, p["file"]), p["page_index"])
            self.assertEqual(list(im.shape[::-1]), p["size_px"])
            self.assertEqual(im.shape, (3300, 2550))  # letter at 300 dpi

    def _clean_pairs(self, name):
        """(page as in the clean set, the same page with `name`'s extra, its truth) for every page."""
        (d0, t0), (d1, t1) = self.out["clean"], self.out[name]
        for p0, p1 in zip(t0["pages"], t1["pages"]):
            self.assertEqual((p0["file"], p0["participant_id"]), (p1["file"], p1["participant_id"]))
            yield (load_page(os.path.join(d0, p0["file"]), 0).astype(np.int16),
                   load_page(os.path.join(d1, p1["file"]), 0).astype(np.int16), p1)

    def test_show_through_darkens_by_the_mirrored_back(self):
        for a, b, p in self._clean_pairs("clean-through"):
            self.assertTrue(0.15 <= p["show_through"] <= 0.3, p["show_through"])
            self.assertLessEqual(int((b - a).max()), 1, "show-through only darkens")
            ghost = (a - b).astype(np.float32)
            self.assertGreater(ghost.mean(), 1.0, "the back shows")
            # Where the page's own print is, nothing of it moved: the ghost is the back's, not the page's.
            own = a < 128
            self.assertLess(float(ghost[own].mean()), float(ghost[~own].mean()) * 3 + 2)

    def test_bend_moves_the_middle_not_the_corner_marks(self):
        px = 300 / 25.4

        def moved_mm(a, b, x0, y0, x1, y1):  # how far the content of this page area moved, mm
            ys, xs = slice(int(y0 * px), int(y1 * px)), slice(int(x0 * px), int(x1 * px))
            (dx, dy), _ = cv2.phaseCorrelate(a[ys, xs].astype(np.float32), b[ys, xs].astype(np.float32))
            return float(np.hypot(dx, dy)) / px

        for a, b, p in self._clean_pairs("clean-bent"):
            self.assertTrue(2.5 <= p["bend_mm"] <= 5, p["bend_mm"])
            for cx, cy in ((10.0, 10.0), (205.9, 269.4), (10.0, 139.7)):  # corner and side marks (letter), 8 mm
                self.assertLess(moved_mm(a, b, cx - 6, cy - 6, cx + 6, cy + 6), 0.1, "a mark moved")
            self.assertGreater(moved_mm(a, b, 80, 30, 140, 90), 1.0, "the top middle did not move")

    def test_black_and_white_pages_are_one_bit(self):
        d, t = self.out["bw"]
        for p in t["pages"]:
            self.assertTrue(100 <= p["bw_threshold"] <= 160, p)
            with open(os.path.join(d, p["file"]), "rb") as f:
                head = f.read(26)
            self.assertEqual(head[24], 1, "PNG bit depth")  # IHDR: width, height, then bit depth
            im = load_page(os.path.join(d, p["file"]), p["page_index"])
            self.assertEqual(set(np.unique(im)) - {0, 255}, set())
        self.assertTrue(all(p["bw_threshold"] is None for p in self.out["normal"][1]["pages"]))

    def test_photos_are_colour_and_show_the_desk(self):
        d, t = self.out["photo"]
        for p in t["pages"]:
            ph = p["photo"]
            self.assertTrue(0.72 <= ph["fill"] <= 0.92, p)
            im = cv2.imread(os.path.join(d, p["file"]), cv2.IMREAD_COLOR)
            self.assertEqual(list(im.shape[1::-1]), p["size_px"])
            self.assertGreater(float(np.abs(im[:, :, 0].astype(int) - im[:, :, 2]).mean()), 3, "tinted: colour, not grey")
            page_long = 11 * p["dpi"]  # letter's long side at the page's dpi
            self.assertGreater(max(im.shape[:2]), page_long * 1.05, "the page is smaller than the photo")
            self.assertEqual(im.shape[0] > im.shape[1], p["rotation"] in (0, 180), p)
            g = cv2.cvtColor(im, cv2.COLOR_BGR2GRAY)
            corners = [g[:40, :40], g[:40, -40:], g[-40:, :40], g[-40:, -40:]]
            self.assertLess(min(float(c.mean()) for c in corners), 200, "the desk shows in a corner")
        self.assertTrue(all(p["photo"] is None for p in self.out["normal"][1]["pages"]))

    def test_rotation_matches_image_shape(self):
        d, t = self.out["normal"]
        for p in t["pages"]:
            im = load_page(os.path.join(d, p["file"]), p["page_index"])
            self.assertEqual(list(im.shape[::-1]), p["size_px"])
            portrait = im.shape[0] > im.shape[1]
            self.assertEqual(portrait, p["rotation"] in (0, 180), p)

    def test_marked_bubbles_are_darker(self):
        """On clean pages, every bubble marked by a fill is darker than an unmarked one."""
        d, t = self.out["clean"]
        layout = json.loads(subprocess.run([find_quizscan(), "layout", "--json"], capture_output=True, text=True,
                                           check=True).stdout)
        fields = {f["id"]: (i + 1, f) for i, pg in enumerate(layout["pages"]) for f in pg["fields"]}
        ppm = 300 / 25.4
        sheets = {(s["participant_id"], s["session"]): s for s in t["sheets"]}
        n = 0
        for p in t["pages"]:
            im = load_page(os.path.join(d, p["file"]), p["page_index"]).astype(np.float32)
            s = sheets[(p["participant_id"], p["session"])]
            for q, m in s["marks"].items():
                pn, f = fields[q]
                if pn != p["sheet_page"] or f["type"] != "choice":
                    continue
                for o in f["options"]:
                    x, y = o["center_mm"]
                    roi = im[int((y - 1) * ppm):int((y + 1) * ppm), int((x - 1.5) * ppm):int((x + 1.5) * ppm)]
                    style = re.search(o["value"] + r":(\w+)-(\w+)", m)
                    if style and style.group(2) == "fill":
                        self.assertLess(roi.mean(), 120 if style.group(1) == "pen" else 185, (q, m))
                        n += 1
                    elif o["value"] not in s["fields"][q] and "@" + o["value"] not in m:
                        self.assertGreater(roi.mean(), 200, (q, m))
        self.assertGreater(n, 10)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
