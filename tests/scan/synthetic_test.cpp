// Small synthetic sets (scripts/synth/make_scans.py) scanned by the `quizscan` binary, exported and
// checked against their ground truth (scripts/eval/compare_truth.py): in grey, in a scanner's
// black-and-white mode, photographed, and bent.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "scan_sheets.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "store/db.hpp"
#include "common/jpeg_pdf.hpp"
#include "common/run_command.hpp"
#include "common/scratch.hpp"

using namespace quizscan;
using namespace quizscan::scan_testing;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

namespace {

// compare_truth.py's number row: some numbers auto-accepted, none of them wrong. Prints the table.
void expect_numbers_read_and_none_wrong(const std::string& compare_out) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(compare_out, m, std::regex(R"(\nnumber +(\d+) +(\d+) +(\d+) )"))) << compare_out;
    EXPECT_GT(std::stoi(m[2]), 0) << "numbers are read automatically\n" << compare_out;
    EXPECT_EQ(std::stoi(m[3]), 0) << "numbers auto-accepted wrong\n" << compare_out;
    std::cout << compare_out;
}

// A set made by scripts/synth/make_scans.py with `make_args`, scanned with its roster, exported and
// compared with its truth by scripts/eval/compare_truth.py. Throws when a step cannot run.
struct SynthRun {
    std::string db;
    CmdResult scan;     // the scan summary
    CmdResult compare;  // the accuracy table; rc 1 for a wrong choice or checkbox, or a sheet not found
};
SynthRun scan_synthetic_set(const std::string& name, const std::string& make_args) {
    const fs::path dir = fresh_dir(name);
    const fs::path set = dir / "set";
    const CmdResult g = run("/usr/bin/python3 " + q(kSource + "/scripts/synth/make_scans.py") + " --quizscan " + q(kExe) + " --out " +
                            q(set.string()) + " " + make_args + " --jobs 2");
    if (g.rc != 0 || !fs::exists(set / "truth.json")) throw std::runtime_error("make_scans.py failed: " + describe(g));
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(set))
        if (e.is_regular_file() && e.path().filename().string().rfind("scan_", 0) == 0) inputs.push_back(e.path());
    if (inputs.empty()) throw std::runtime_error("make_scans.py wrote no scan_* files");
    SynthRun out;
    out.db = (dir / "quiz.db").string();
    out.scan = scan(out.db, inputs, "--ids " + q((set / "ids.txt").string()));
    if (out.scan.rc != 0) throw std::runtime_error("scan failed: " + describe(out.scan));
    const CmdResult ex = run(q(kExe) + " export --db " + q(out.db) + " --out " + q((dir / "export").string()));
    if (ex.rc != 0) throw std::runtime_error("export failed: " + describe(ex));
    out.compare = run("/usr/bin/python3 " + q(kSource + "/scripts/eval/compare_truth.py") + " " + q((set / "truth.json").string()) + " " +
                      q((dir / "export" / "responses.csv").string()));
    return out;
}

bool python_has_synth_modules() { return run("/usr/bin/python3 -c 'import cv2, numpy, yaml'").rc == 0; }

TEST(Synthetic, SixSheetsPrePostMatchTruth) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth", "--sheets 6 --sessions pre,post --difficulty normal --dpi 150-300 --formats pdf,tiff,png,jpeg --seed 3");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages"), 24) << "6 participants x pre/post x 2 pages";
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err << "\nscan summary:\n" << r.scan.out;
    std::cout << r.compare.out;
}

// A scanner's black-and-white mode (1-bit PNGs, thresholds 100-160) drops light pencil: what is left
// of a mark must go to review and a blank is not trusted, so no field is auto-accepted wrong. The
// reader before this check auto-accepted 2 wrong choices and 4 wrong numbers on this very set.
TEST(Synthetic, BlackAndWhiteScansAutoAcceptNothingWrong) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-bw", "--sheets 8 --formats bw --dpi 150-300 --seed 5");
    EXPECT_NE(r.scan.out.find("black-and-white scans: 16 pages"), std::string::npos) << r.scan.out;
    EXPECT_NE(r.scan.out.find("rescan these"), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;  // no wrong choice or checkbox, every sheet found
    expect_numbers_read_and_none_wrong(r.compare.out);
}

// Phone photos (make_scans.py --formats photo: each page a colour JPEG on a desk, off centre, in
// perspective, lit unevenly with a shadow): every page is read and nothing is auto-accepted wrong.
// The reader before this flagged most of these pages as unregistered.
TEST(Synthetic, PhonePhotosAreReadAndAutoAcceptNothingWrong) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-photo", "--sheets 8 --formats photo --dpi 200-300 --seed 6");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 16) << r.scan.out;
    EXPECT_NE(r.scan.out.find("unevenly lit (photos, or pages not flat on the glass): "), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;
    expect_numbers_read_and_none_wrong(r.compare.out);
}

// Photos of pages folded down their length and opened again (make_scans.py --bend 5: fields in
// the middle moved 2.5-5 mm, the corner marks on the flat edges not at all, so registration fits
// well and shows nothing). Each field is found by its own print: the pages are named as not flat,
// nothing is auto-accepted wrong, and review stays near a flat photo's. Reading every field where
// the marks put it (the binary of c4b3e08) sent 43 of these 78 fields to review, 5 of the 6 NO
// RESEARCH boxes among them.
TEST(Synthetic, BentPagesAreReadFieldByField) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-bent", "--sheets 6 --formats photo --dpi 200-300 --seed 41 --bend 5");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 12) << r.scan.out;
    EXPECT_NE(r.scan.out.find("not flat (bent or folded between the corner marks): "), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;
    expect_numbers_read_and_none_wrong(r.compare.out);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.compare.out, m, std::regex(R"(all fields: (\d+), sent to review: (\d+))"))) << r.compare.out;
    EXPECT_LE(std::stod(m[2]), 0.35 * std::stod(m[1])) << r.compare.out;
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM readings WHERE field = 'no_research' AND needs_review = 1"), 0) << r.compare.out;
}

}  // namespace
