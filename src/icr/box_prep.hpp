// Box preparation for digit recognition: finds and removes the printed comb-box border,
// decides empty / stray mark / written, and normalises the ink to a 28x28 MNIST-like image.
#pragma once

#include <opencv2/core.hpp>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace quizscan::icr {

// Tunables of box preparation; read from the "prep" object of calibration/icr-thresholds.json.
struct PrepParams {
    int ink_darkness = 70;           // a pixel is ink when paper level minus pixel exceeds this
    int border_search_px = 6;        // look for each border line this far around its expected place
    int border_inset_px = 4;         // interior starts this far inside a border line's centre
    int speck_area = 8;              // ink components smaller than this are scanner noise
    int empty_ink_px = 30;           // less kept ink than this: the box is empty
    double stray_max_height = 0.3;   // ink lower than this share of the interior ...
    int stray_max_area = 160;        // ... and with less ink than this is a stray mark
    int gap_ink_px = 10;             // ink in the gap beside the box beyond this: ink across boxes
    double two_digit_min_height = 0.4;  // two side-by-side ink groups this tall: two digits
    int two_digit_min_gap = 3;       // ... separated by at least this many blank columns
    int beyond_border_px = 4;        // ink reaching this far past the top or bottom border line's centre
                                     // (or the crop's edge): the digit goes on outside its box (8 until
                                     // 2026-12-06: scripts/icr/tune_border.py)
    int follow_margin = 20;          // > 0: the digit's ink is followed from the interior into the top and
                                     // bottom border lines (up to beyond_border_px - 1 past their centres)
                                     // where it is this much darker than the printed line; 0: not followed
    bool read_past_border = true;    // a digit going on past its top or bottom border line, all of it in the
                                     // crop and every stroke out there joined to its ink inside, is read
                                     // whole instead of flagged (false until 2026-12-07)

    static PrepParams from_json(const nlohmann::json& j);
};

struct PreparedBox {
    enum class Kind { Empty, Stray, Written } kind = Kind::Empty;
    std::string flag;        // "", "stray-mark", "two-digits", "ink-across-boxes", "ink-beyond-box", "faint-mark",
                             // "unsure-border"
    int ink_px = 0;          // kept ink pixels inside the box
    int beyond_px = 0;       // how far ink goes on past the top or bottom border line's centre (0: none)
    cv::Mat norm;            // CV_32FC1 28x28, ink 1 on 0 (like MNIST); empty unless Written
};

// crop: CV_8UC1 kBoxCropW x kBoxCropH (paper white). Throws std::invalid_argument otherwise.
// bilevel: the crop comes from a black-and-white (1-bit) scan, where a light pencil digit
// survives only as scattered dots; such traces flag the box ("faint-mark") instead of vanishing.
// decimal_gap: the box's sides that face the wide gap before the decimal boxes (kCombDecimalGap,
// the printed point in its middle, at the crop's edge). No neighbour box reaches into the crop there,
// so ink on such a side (the printed point, give or take registration) is not ink across boxes.
struct DecimalGap {
    bool left = false;
    bool right = false;
};
PreparedBox prepare_box(const cv::Mat& crop, const PrepParams& p, bool bilevel = false, DecimalGap decimal_gap = {});

// The normalised image sheared upright by its moments: the input of both recognisers.
cv::Mat deskew(const cv::Mat& norm28);

// HOG features (1 x kHogDims) of a deskewed 28x28 image (the HOG MLP's input).
constexpr int kHogDims = 324;
cv::Mat hog_features(const cv::Mat& deskewed28);

}  // namespace quizscan::icr
