// The scan's reading kit (see reading_kit.hpp).
#include "cli/reading_kit.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

#include "cli/blank_form.hpp"
#include "cli/data_paths.hpp"
#include "form/layout.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {
namespace {

std::string default_calibration_dir() {
    if (const char* env = std::getenv("QUIZSCAN_CALIBRATION")) return env;
    return fs::path(data_file("calibration/icr-thresholds.json")).parent_path().string();
}

template <typename T>
const T* ptr(const std::optional<T>& o) {
    return o ? &*o : nullptr;
}

}  // namespace

ReadContext ReadingKit::context(int worker) const {
    const auto& d = digits.at(static_cast<std::size_t>(worker));
    return ReadContext{*form,          letter,           a4,
                       ptr(d),         &ocr,             &roster,
                       annotate,       ptr(blank_letter), ptr(blank_a4),
                       ptr(spare_letter), ptr(spare_a4), ptr(blank_spare_letter),
                       ptr(blank_spare_a4)};
}

std::unique_ptr<ReadingKit> make_reading_kit(const Form& form, std::set<std::string> roster, int threads,
                                             const std::string& calibration_dir, bool annotate) {
    auto kit = std::make_unique<ReadingKit>();
    kit->form = &form;
    kit->letter = make_layout(form, paper_by_name("letter"));
    kit->a4 = make_layout(form, paper_by_name("a4"));
    kit->roster = std::move(roster);
    kit->annotate = annotate;
    // The spare sheet's layouts; none for a form that has no spare sheet (no consent block to set
    // the ID area beside): its spare pages cannot exist, a page naming one is another form's.
    try {
        kit->spare_letter = make_spare_layout(form, paper_by_name("letter"));
        kit->spare_a4 = make_spare_layout(form, paper_by_name("a4"));
    } catch (const std::exception& e) {
        spdlog::debug("no spare sheet for form '{}': {}", form.id, e.what());
        kit->spare_letter.reset(), kit->spare_a4.reset();
    }
    // The unfilled pages: to tell writing from print, and to place a page by its print. Each is
    // printed and rendered when a page first needs it (a stack is mostly of one paper size).
    // One at a time: the print code's text layout is not known to be safe on two threads at once.
    const auto blank = [&form, &lock = kit->render_lock](std::optional<BlankSource>& out, const Layout& layout) {
        out.emplace([&form, &layout, &lock] {
                        const std::lock_guard<std::mutex> one(lock);
                        return render_blank_form(form, layout);
                    },
                    "form (" + layout.paper + (layout.spare ? ", spare sheet" : "") + ")");
    };
    blank(kit->blank_letter, kit->letter);
    blank(kit->blank_a4, kit->a4);
    if (kit->spare_letter) blank(kit->blank_spare_letter, *kit->spare_letter);
    if (kit->spare_a4) blank(kit->blank_spare_a4, *kit->spare_a4);
    const std::string cal = calibration_dir.empty() ? default_calibration_dir() : calibration_dir;
    kit->digits.resize(static_cast<std::size_t>(std::max(1, threads)));
    try {
        for (auto& d : kit->digits) d = icr::DigitRecogniser::load(cal);
        kit->audit_share = kit->digits[0]->audit_share();
    } catch (const std::exception& e) {
        spdlog::warn("digit models not loaded ({}): handwritten numbers go to review", e.what());
        for (auto& d : kit->digits) d.reset();
    }
    return kit;
}

}  // namespace quizscan::cli
