// The scan summary a person reads after `quizscan scan`: counts, the pages that need a look and
// why, scanner advice, and what to run next (see scan_job.hpp).
#include "cli/scan_job.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

namespace quizscan::cli {

void print_summary(std::ostream& out, const ScanSummary& s, const std::string& db_path) {
    char line[256];
    std::snprintf(line, sizeof line, "scanned %d files (%d already known), %d pages in %.1f s (%.1f pages/s)\n", s.files,
                  s.files_skipped, s.pages, s.seconds, s.seconds > 0 ? s.pages / s.seconds : 0.0);
    out << line;
    out << "  pages read: " << s.pages_read << ", flagged: " << s.pages_flagged << ", blank: " << s.pages_blank
        << ", rejected: " << s.pages_rejected << "\n";
    out << "  sheets: " << s.sheets << " (" << s.sheets_complete << " with both pages)\n";
    if (s.spare_pages) {
        out << "  spare sheets: " << s.spare_pages << " page" << (s.spare_pages == 1 ? "" : "s") << ", " << s.spare_fronts << " front"
            << (s.spare_fronts == 1 ? "" : "s") << ": " << s.spare_identified << " identified";
        if (s.spare_fronts > s.spare_identified)
            out << ", " << s.spare_fronts - s.spare_identified << " wait in review for their participant (written ID unsure, off the "
                << "roster or used twice)";
        out << "\n";
    }
    auto list = [&](const char* title, const std::vector<std::string>& v) {
        if (v.empty()) return;
        out << "  " << title << ":\n";
        const std::size_t shown = std::min<std::size_t>(v.size(), 20);
        for (std::size_t i = 0; i < shown; ++i) out << "    - " << v[i] << "\n";
        if (v.size() > shown) out << "    ... and " << v.size() - shown << " more (quizscan export lists them all)\n";
    };
    list("flagged pages", s.flagged);
    list(("pages with no marks found: " + std::to_string(s.no_marks.size()) +
          " (one review item each: key the page's answers from the paper)").c_str(), s.no_marks);
    if (!s.no_marks.empty())
        out << "    A page written in light pencil may show its marks when rescanned darker or in greyscale (scan the new\n"
               "    files too: the two scans of a page are merged). A page left blank: key it blank.\n";
    list(("pages with faint marks (light pencil?): " + std::to_string(s.faint.size())).c_str(), s.faint);
    if (!s.faint.empty())
        out << "    Faint marks were read where the page showed them clearly and sent to review otherwise. If a sheet\n"
               "    was written in light pencil, rescanning it darker (or in greyscale, not black-and-white) is safer.\n";
    list("blank pages", s.blank);
    list("sheet problems", s.sheet_problems);
    list("rejected files", s.rejected);
    list("skipped (not read)", s.skipped);
    // "label: 3 pages in a.pdf, b.pdf and 2 more files"
    auto pages_in = [&out](const char* label, int pages, const std::vector<std::string>& files) {
        out << "  " << label << ": " << pages << " page" << (pages == 1 ? "" : "s") << " in";
        for (std::size_t i = 0; i < files.size() && i < 10; ++i) out << (i ? ", " : " ") << files[i];
        if (files.size() > 10) out << " and " << files.size() - 10 << " more files";
        out << "\n";
    };
    if (s.pages_unevenly_lit) {
        pages_in("unevenly lit (photos, or pages not flat on the glass)", s.pages_unevenly_lit, s.unevenly_lit);
        out << "    The light was evened out before reading. A flatbed or sheet-feeder scan is still more reliable.\n";
    }
    if (s.pages_not_flat) {
        pages_in("not flat (bent or folded between the corner marks)", s.pages_not_flat, s.not_flat);
        out << "    Each field was found by its own print and read there; what stayed unclear is in review.\n";
    }
    if (s.pages_by_print) {
        pages_in("corner marks cut off or folded (the sheet shifted on the glass?)", s.pages_by_print, s.by_print);
        out << "    Each was placed by its QR code and its print instead; answers outside the image are in review.\n";
    }
    if (s.pages_bilevel) {
        pages_in("black-and-white scans", s.pages_bilevel, s.bilevel);
        out << "    A scanner's black-and-white mode drops light pencil. Traces of marks were sent to review, but a\n"
               "    mark that vanished entirely cannot be seen: if answers were written in pencil, rescan these\n"
               "    sheets in greyscale (or colour) and scan the new files too: the two scans of a page are merged, and\n"
               "    only fields they disagree on (or are both unsure of) are asked in review.\n";
    }
    if (s.no_database) {
        out << "  nothing could be read: no database was created\n";
        return;
    }
    out << "  review queue: " << s.review_open << " open item" << (s.review_open == 1 ? "" : "s");
    if (s.review_open) out << "; run: quizscan review --db " << db_path;
    out << "\n";
}

}  // namespace quizscan::cli
