// icr_bench: runs the product's box preparation and recognisers on raw crop files written by
// scripts/icr/*.py (N crops of 110x90 uint8, row-major, back to back), for training and benchmarks.
//   icr_bench prep   THRESHOLDS_JSON CROPS.u8 OUT_PREFIX   -> OUT_PREFIX.{kind.u8,norm.f32 (deskewed),hog.f32}
//   icr_bench boxes  CALIB_DIR CROPS.u8 OUT.tsv            -> per crop: raw scores (the CNN's two best digits
//                                                             and their probabilities; views_prob only under
//                                                             accept_rule "views", else 0) and read_box's result
//   icr_bench numbers CALIB_DIR CROPS.u8 LAYOUT.txt OUT.tsv -> per "first count decimals" line: read_number
//     (min_one_prob, min_other_prob: the lowest confidence among accepted digit boxes read as 1 and among the
//     others, 1 if none: the CNN's probability, or under
//     accept_rule "min" the lower of both recognisers', under "views" the CNN's lowest over the moved views; read
//     once with accept_prob 0 and a rule, the number needs review at thresholds t and, for a 1, t1 under that rule
//     exactly when needs_review, min_other_prob < t or min_one_prob < t1)
#include "core/geometry.hpp"
#include "icr/box_prep.hpp"
#include "icr/number_reader.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace quizscan;
using namespace quizscan::icr;

namespace {

std::vector<cv::Mat> read_crops(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<char> buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t sz = static_cast<size_t>(kBoxCropW) * kBoxCropH;
    if (buf.size() % sz) throw std::runtime_error(path + ": size is not a multiple of 110*90");
    std::vector<cv::Mat> crops;
    for (size_t off = 0; off < buf.size(); off += sz)
        crops.push_back(cv::Mat(kBoxCropH, kBoxCropW, CV_8UC1, buf.data() + off).clone());
    return crops;
}

const char* state_name(BoxReading::State s) {
    switch (s) {
        case BoxReading::State::Empty: return "empty";
        case BoxReading::State::Digit: return "digit";
        case BoxReading::State::Unclear: return "unclear";
    }
    return "?";
}

int prep(const std::string& json_path, const std::string& crops_path, const std::string& out) {
    std::ifstream jin(json_path);
    const PrepParams p = PrepParams::from_json(nlohmann::json::parse(jin).at("prep"));
    const auto crops = read_crops(crops_path);
    std::ofstream kind(out + ".kind.u8", std::ios::binary), norm(out + ".norm.f32", std::ios::binary),
        hog(out + ".hog.f32", std::ios::binary);
    const cv::Mat zero = cv::Mat::zeros(28, 28, CV_32F);
    const cv::Mat zero_hog = cv::Mat::zeros(hog_features(zero).size(), CV_32F);
    for (const auto& c : crops) {
        const PreparedBox b = prepare_box(c, p);
        // 0 empty, 1 stray/flagged-empty, 2 written, 3 written but flagged
        const char k = b.kind == PreparedBox::Kind::Empty ? 0 : b.kind == PreparedBox::Kind::Stray ? 1 : b.flag.empty() ? 2 : 3;
        kind.write(&k, 1);
        const cv::Mat n = b.norm.empty() ? zero : deskew(b.norm);  // what the recognisers see
        const cv::Mat h = b.norm.empty() ? zero_hog : hog_features(n);
        norm.write(reinterpret_cast<const char*>(n.ptr<float>()), n.total() * sizeof(float));
        hog.write(reinterpret_cast<const char*>(h.ptr<float>()), h.total() * sizeof(float));
    }
    std::cerr << "prep: " << crops.size() << " crops, hog dim " << zero_hog.cols << "\n";
    return 0;
}

int boxes(const std::string& calib, const std::string& crops_path, const std::string& out_path) {
    const auto rec = DigitRecogniser::load(calib);
    std::ifstream jin(calib + "/icr-thresholds.json");
    const PrepParams p = PrepParams::from_json(nlohmann::json::parse(jin).at("prep"));
    const auto crops = read_crops(crops_path);
    std::ofstream out(out_path);
    out << "kind\tprep_flag\tbeyond_px\tcnn_digit\tcnn_prob\tcnn_second\tcnn_runner_up\thog_digit\thog_prob\tviews_prob\tstate\tdigit\tconfidence\tflag\n";
    double ms = 0;
    for (const auto& c : crops) {
        const PreparedBox b = prepare_box(c, p);
        DigitRecogniser::Scores s;
        if (b.kind == PreparedBox::Kind::Written) s = rec.score(b.norm);
        const auto t0 = std::chrono::steady_clock::now();
        const BoxReading r = rec.read_box(c);
        ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        out << static_cast<int>(b.kind) << '\t' << (b.flag.empty() ? "-" : b.flag) << '\t' << b.beyond_px << '\t' << s.cnn_digit << '\t'
            << s.cnn_prob << '\t' << s.cnn_second << '\t' << s.cnn_runner_up << '\t' << s.hog_digit << '\t' << s.hog_prob << '\t' << s.views_prob << '\t'
            << state_name(r.state) << '\t' << r.digit << '\t' << r.confidence << '\t' << (r.flag.empty() ? "-" : r.flag) << '\n';
    }
    std::cerr << "boxes: " << crops.size() << " crops, read_box " << ms / std::max<size_t>(1, crops.size())
              << " ms/box\n";
    return 0;
}

int numbers(const std::string& calib, const std::string& crops_path, const std::string& layout_path,
            const std::string& out_path) {
    const auto rec = DigitRecogniser::load(calib);
    const auto crops = read_crops(crops_path);
    std::ifstream layout(layout_path);
    std::ofstream out(out_path);
    out << "blank\tvalue\tconfidence\tneeds_review\tflags\tmin_one_prob\tmin_other_prob\n";
    out.precision(17);
    size_t first = 0, count = 0;
    int decimals = 0;
    while (layout >> first >> count >> decimals) {
        if (first + count > crops.size()) throw std::runtime_error("layout points past the crops");
        const std::vector<cv::Mat> cs(crops.begin() + first, crops.begin() + first + count);
        const NumberReading n = rec.read_number(cs, decimals);
        std::string flags;
        for (const auto& f : n.flags) flags += (flags.empty() ? "" : ",") + f;
        double min_one = 1.0, min_other = 1.0;
        for (const auto& b : n.boxes)
            if (b.state == BoxReading::State::Digit) {
                double& lowest = b.digit == 1 ? min_one : min_other;
                lowest = std::min(lowest, b.confidence);
            }
        out << n.blank << '\t' << (n.value.empty() ? "-" : n.value) << '\t' << n.confidence << '\t'
            << n.needs_review << '\t' << (flags.empty() ? "-" : flags) << '\t' << min_one << '\t'
            << min_other << '\n';
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> a(argv + 1, argv + argc);
        if (a.size() == 4 && a[0] == "prep") return prep(a[1], a[2], a[3]);
        if (a.size() == 4 && a[0] == "boxes") return boxes(a[1], a[2], a[3]);
        if (a.size() == 5 && a[0] == "numbers") return numbers(a[1], a[2], a[3], a[4]);
        std::cerr << "usage: icr_bench prep JSON CROPS OUT | boxes CALIB CROPS OUT | numbers CALIB CROPS LAYOUT OUT\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "icr_bench: " << e.what() << "\n";
        return 1;
    }
}
