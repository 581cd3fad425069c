// decode_bench: decodes every page of the given scan inputs with quizscan's own decoder
// (expand_inputs, sniff_kind, for_each_page from src/scan/inputs.hpp) and nothing else,
// then prints the page count and the wall time. Used by scripts/bench-scan to separate
// decoding from reading. Usage: decode_bench [--pdf-dpi 300] FILE_OR_DIR...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

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
    std::vector<std::string> missing;
    const auto t0 = std::chrono::steady_clock::now();
    const auto files = quizscan::expand_inputs(args, missing);
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
                pages, s, s > 0 ? pages / s : 0.0, megapixels, bad_pages, bad_files + static_cast<long>(missing.size()));
    return bad_files || !missing.empty() ? 1 : 0;
}
