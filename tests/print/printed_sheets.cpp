// The print tests' printed runs: see printed_sheets.hpp.
#include "printed_sheets.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <regex>
#include <stdexcept>

#include "common/run_command.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "print/print_pdf.hpp"

namespace quizscan::print_testing {

using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

const Form& shipped() {
    static const Form f = load_form(kFormPath);
    return f;
}

namespace {

std::string make_temp_dir() {
    std::string tmpl = ::testing::TempDir() + "quizscan-print-XXXXXX";
    if (!mkdtemp(tmpl.data())) return {};
    return tmpl;
}

// Removes the printed PDFs and page images after the run (QUIZSCAN_KEEP_TEST_OUTPUT=1 keeps them).
std::vector<std::string>& temp_dirs() {
    static std::vector<std::string> dirs;
    return dirs;
}
struct RemoveTempDirs : ::testing::Environment {
    void TearDown() override {
        if (std::getenv("QUIZSCAN_KEEP_TEST_OUTPUT")) return;
        for (const auto& d : temp_dirs()) {
            std::error_code ec;
            fs::remove_all(d, ec);
        }
    }
};
[[maybe_unused]] ::testing::Environment* const kRemoveTempDirs = ::testing::AddGlobalTestEnvironment(new RemoveTempDirs);

}  // namespace

// Letter is printed through the library, A4 through the quizscan command (ids + print).
const Printed& printed(const std::string& paper) {
    static std::map<std::string, std::unique_ptr<Printed>> cache;
    auto& slot = cache[paper];
    if (slot) return *slot;
    slot = std::make_unique<Printed>();
    Printed& p = *slot;
    p.paper = paper;
    p.dir = make_temp_dir();
    if (!p.dir.empty()) temp_dirs().push_back(p.dir);
    p.pdf = p.dir + "/sheets.pdf";
    p.layout = make_layout(shipped(), paper_by_name(paper));
    try {
        if (paper == "letter") {
            p.session = "pre";
            p.ids = {"482913", "100000", "999999"};
            print_sheets(shipped(), p.layout, p.ids, p.session, p.pdf);
        } else {
            p.session = "post";
            const std::string ids_file = p.dir + "/ids.txt";
            const CmdResult ids = run(std::string(QUIZSCAN_EXE) + " ids --count 3 --seed 2024 --out " + q(ids_file));
            if (ids.rc != 0) throw std::runtime_error("quizscan ids failed");
            p.ids = read_ids(ids_file);
            const CmdResult pr = run(std::string(QUIZSCAN_EXE) + " print --form " + q(kFormPath) + " --session post --ids " +
                               q(ids_file) + " --out " + q(p.pdf) + " --paper a4");
            if (pr.rc != 0) throw std::runtime_error("quizscan print failed");
            if (pr.out.find("wrote 3 sheets (6 pages") == std::string::npos)
                throw std::runtime_error("quizscan print said: " + pr.out);
        }
        const CmdResult r = run("pdftoppm -r 200 -gray -png " + q(p.pdf) + " " + q(p.dir + "/page"));
        if (r.rc != 0) throw std::runtime_error("pdftoppm failed");
        std::vector<std::pair<int, std::string>> files;
        const std::regex name("page-0*([0-9]+)\\.png");
        for (const auto& e : fs::directory_iterator(p.dir)) {
            std::smatch m;
            const std::string fn = e.path().filename().string();
            if (std::regex_match(fn, m, name)) files.emplace_back(std::stoi(m[1]), e.path().string());
        }
        std::sort(files.begin(), files.end());
        for (const auto& [n, f] : files) p.pages.push_back(cv::imread(f, cv::IMREAD_GRAYSCALE));
    } catch (const std::exception& e) {
        p.error = e.what();
    }
    return p;
}

}  // namespace quizscan::print_testing
