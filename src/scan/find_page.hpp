// A page whose barcode cannot be read: which page of the form it is, turned how, and where. First
// by its corner marks and the printed outlines of its bubbles and boxes; when too few marks are
// left (the sheet slid so far that a corner, the QR code and the marks beside it are cut off), by
// the printed form itself (blank_align.hpp, then print_register.hpp).
#pragma once

#include <opencv2/core.hpp>

#include <optional>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"
#include "scan/read_page.hpp"
#include "scan/register.hpp"

namespace quizscan {

struct FoundPage {
    int rotation = 0;              // clockwise degrees that make the scan upright
    const Layout* layout = nullptr;
    const PageLayout* page = nullptr;
    Registration reg;
    double match = 0;              // share of the printed outlines found dark where the map puts them
    cv::Mat upright;               // the scan turned upright (full resolution)
    cv::Mat upright_small;         // ... and reduced (`small_scale` px per px of the full image)
    const cv::Mat* blank = nullptr;  // the page unfilled (nullptr when the blank form was not rendered)
};

// Least share of the outlines that must be found for a page to count as found.
constexpr double kMinOutlineMatch = 0.5;

// `g`: the scan at `dpi`; `small`: it reduced by `small_scale`. nullopt when no page of the form
// (letter or A4, either side) is found on it.
std::optional<FoundPage> find_page(const cv::Mat& g, const cv::Mat& small, double small_scale, double dpi, const Tone& tone,
                                   const ReadContext& ctx);

// Share of dark pixels on the printed outlines of `page`'s bubbles and boxes where `H` (mm -> px of
// `upright`) puts them: high when `page` is the page printed there, low for the other page.
double outline_match(const cv::Mat& upright, const cv::Matx33d& H, const PageLayout& page, const Tone& tone);

}  // namespace quizscan
