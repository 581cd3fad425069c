// Blank pages for the scan: the real print code (print_sheets) and the real PDF renderer
// (MultiPageFile), so the blank page is exactly what a sheet looked like before it was filled.
#include "cli/blank_form.hpp"

#include <unistd.h>

#include <filesystem>

#include "core/geometry.hpp"
#include "print/print_pdf.hpp"
#include "scan/inputs.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {

BlankForm render_blank_form(const Form& form, const Layout& layout) {
    const fs::path pdf = fs::temp_directory_path() /
                         ("quizscan-blank-" + std::to_string(getpid()) + "-" + layout.paper + (layout.spare ? "-spare" : "") + ".pdf");
    // Any ID (or sheet number) and session: only fields are compared, not the header.
    if (layout.spare) print_spare_sheets(form, layout, {"1"}, "pre", pdf.string());
    else print_sheets(form, layout, {"100000"}, "pre", pdf.string());
    BlankForm out;
    try {
        const MultiPageFile file(pdf.string(), InputKind::Pdf, kBlankPagePxPerMm * kMmPerInch);
        for (int i = 1; i <= file.count(); ++i) out.pages.push_back(file.read(i).gray);
    } catch (...) {
        fs::remove(pdf);
        throw;
    }
    fs::remove(pdf);
    return out;
}

}  // namespace quizscan::cli
