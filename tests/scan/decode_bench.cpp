// decode_bench: decodes every page of the given scan inputs with quizscan's own decoder
// (list_inputs, sniff_kind, for_each_page from src/scan/) and nothing else,
// then prints the page count and the wall time. Used by scripts/bench-scan to separate
// decoding from reading. Usage: decode_bench [--pdf-dpi 300] FILE_OR_DIR...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scan/input_list.hpp"
#include "scan/inputs.hpp"

int main(int argc, char** argv) {
    double pdf_dpi = 300;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--pdf-dpi" && i + 1 < argc) pdf_dpi = std::atof(argv[++i]);
        else args.push_back(a);
    }
    if (args.empty()) {
        std::fprintf(stderr, "usage: decode_bench [--pdf-dpi 300] FILE_OR_DIR...\n");
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const quizscan::InputList list = quizscan::list_inputs(args);
    const auto& files = list.files;
    long missing = 0;
    for (const auto& p : list.problems) {
        std::fprintf(stderr, "%s: %s\n", p.path.c_str(), p.why.c_str());
        missing += p.rejected;
    }
    long pages = 0, bad_pages = 0, bad_files = 0;
    double megapixels = 0;
    for (const auto& f : files) {
        try {
            quizscan::for_each_page(
                f, quizscan::sniff_kind(f), pdf_dpi,
                [&](quizscan::PageImage&& p) {
                    ++pages;
                    megapixels += static_cast<double>(p.gray.total()) / 1e6;
                },
                [&](int, const std::string&) { ++bad_pages; });
        } catch (const quizscan::InputError& e) {
            ++bad_files;
            std::fprintf(stderr, "%s: %s\n", f.c_str(), e.what());
        }
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("files %zu pages %ld seconds %.3f pages_per_s %.2f megapixels %.0f bad_pages %ld bad_files %ld\n", files.size(),
                pages, s, s > 0 ? pages / s : 0.0, megapixels, bad_pages, bad_files + missing);
    return bad_files || missing ? 1 : 0;
}
