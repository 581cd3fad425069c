// DigitRecogniser: loads the CNN and the HOG MLP (both ONNX) and thresholds from calibration/,
// reads single boxes and assembles whole numbers with flags and a review decision.
#include "icr/number_reader.hpp"

#include "icr/box_prep.hpp"
#include "icr/digit_views.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/dnn.hpp>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace quizscan::icr {

struct DigitRecogniser::Impl {
    PrepParams prep;
    AcceptPolicy policy;
    double audit_share = 0.02;
    mutable std::mutex cnn_mutex, hog_mutex;  // cv::dnn::Net::forward is not const
    mutable cv::dnn::Net cnn;      // 1x1x28x28 deskewed image -> 10 logits
    mutable cv::dnn::Net hog_mlp;  // 1x324 HOG of that image -> 10 logits
};

namespace {

std::string need_file(const std::filesystem::path& p) {
    if (!std::filesystem::is_regular_file(p)) throw std::runtime_error("icr: missing calibration file " + p.string());
    return p.string();
}

// A digit model: takes `input` (zeros here, to check it) and gives 10 logits.
cv::dnn::Net load_onnx(const std::string& path, const cv::Mat& input) {
    cv::dnn::Net net;
    try {
        net = cv::dnn::readNetFromONNX(path);
        if (net.empty()) throw std::runtime_error("empty network");
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setInput(input);
        if (net.forward().total() != 10) throw std::runtime_error("not 10 outputs (one per digit)");
    } catch (const std::exception& e) {  // cv::Exception is one
        throw std::runtime_error("icr: cannot load model " + path + ": " + e.what());
    }
    return net;
}

// One forward pass of a shared net (forward is not const, so each net is locked), as a 1xN row.
cv::Mat logits_of(cv::dnn::Net& net, std::mutex& m, const cv::Mat& input) {
    std::lock_guard<std::mutex> lock(m);
    net.setInput(input);
    return net.forward().reshape(1, 1).clone();
}

// Softmax of a 1xN logits row, as probabilities; best holds the arg max.
std::vector<float> softmax(const cv::Mat& logits, int& best) {
    double mx = 0;
    cv::Point at;
    cv::minMaxLoc(logits, nullptr, &mx, nullptr, &at);
    cv::Mat e;
    cv::exp(logits - mx, e);
    e /= cv::sum(e)[0];
    best = at.x;
    return std::vector<float>(e.begin<float>(), e.end<float>());
}

void add_flag(std::vector<std::string>& flags, const std::string& f) {
    if (!f.empty() && std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
}

}  // namespace

AcceptPolicy AcceptPolicy::from_json(const nlohmann::json& j) {
    AcceptPolicy p;
    p.threshold = j.at("accept_prob").get<double>();
    p.threshold_one = j.value("accept_prob_one", p.threshold);
    p.require_agreement = j.value("require_agreement", true);
    const std::string rule = j.value("accept_rule", "cnn");
    if (rule == "min") p.rule = Rule::Min;
    else if (rule == "views") p.rule = Rule::Views;
    else if (rule != "cnn")
        throw std::runtime_error("accept_rule must be \"cnn\", \"min\" or \"views\", not \"" + rule + "\"");
    return p;
}

DigitRecogniser DigitRecogniser::load(const std::string& calibration_dir) {
    const std::filesystem::path dir(calibration_dir);
    const std::string json_path = need_file(dir / "icr-thresholds.json");
    nlohmann::json j;
    try {
        std::ifstream in(json_path);
        j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        throw std::runtime_error("icr: cannot parse " + json_path + ": " + e.what());
    }
    auto impl = std::make_shared<Impl>();
    try {
        impl->prep = PrepParams::from_json(j.at("prep"));
        impl->policy = AcceptPolicy::from_json(j);
        impl->audit_share = j.value("audit_share", 0.02);
    } catch (const std::exception& e) {
        throw std::runtime_error("icr: bad " + json_path + ": " + e.what());
    }
    const std::string cnn_path = need_file(dir / j.value("cnn_model", "icr-cnn.onnx"));
    const std::string mlp_path = need_file(dir / j.value("hog_model", "icr-hog-mlp.onnx"));
    impl->cnn = load_onnx(cnn_path, cv::dnn::blobFromImage(cv::Mat::zeros(28, 28, CV_32F)));
    impl->hog_mlp = load_onnx(mlp_path, cv::Mat::zeros(1, kHogDims, CV_32F));
    spdlog::debug("icr: loaded {} and {} (accept_prob {}, for a 1 {}, rule {})", cnn_path, mlp_path,
                  impl->policy.threshold, impl->policy.threshold_one, j.value("accept_rule", "cnn"));
    DigitRecogniser r;
    r.impl_ = std::move(impl);
    return r;
}

double DigitRecogniser::audit_share() const { return impl_->audit_share; }

const AcceptPolicy& DigitRecogniser::policy() const { return impl_->policy; }

DigitRecogniser::Scores DigitRecogniser::score(const cv::Mat& norm28) const {
    Scores s;
    const cv::Mat upright = deskew(norm28);
    const cv::Mat blob = cv::dnn::blobFromImage(upright);  // 1x1x28x28
    const cv::Mat hog = hog_features(upright).reshape(1, 1);  // 1 x kHogDims
    const cv::Mat cnn_logits = logits_of(impl_->cnn, impl_->cnn_mutex, blob);
    const cv::Mat hog_logits = logits_of(impl_->hog_mlp, impl_->hog_mutex, hog);
    std::vector<float> p = softmax(cnn_logits, s.cnn_digit);
    s.cnn_prob = p[s.cnn_digit];
    p[s.cnn_digit] = -1;
    const auto second = std::max_element(p.begin(), p.end());
    s.cnn_second = *second;
    s.cnn_runner_up = static_cast<int>(second - p.begin());
    s.hog_prob = softmax(hog_logits, s.hog_digit)[s.hog_digit];
    if (impl_->policy.rule == AcceptPolicy::Rule::Views) s.views_prob = std::min(s.cnn_prob, views_prob(norm28, s.cnn_digit));
    return s;
}

double DigitRecogniser::views_prob(const cv::Mat& norm28, int digit) const {
    double lowest = 1.0;
    for (const cv::Mat& view : moved_views(norm28)) {
        int best = -1;
        const cv::Mat logits = logits_of(impl_->cnn, impl_->cnn_mutex, cv::dnn::blobFromImage(deskew(view)));
        lowest = std::min(lowest, static_cast<double>(softmax(logits, best)[static_cast<std::size_t>(digit)]));
    }
    return lowest;
}

BoxReading DigitRecogniser::read_box(const cv::Mat& crop, bool bilevel, DecimalGap decimal_gap) const {
    const PreparedBox prep = prepare_box(crop, impl_->prep, bilevel, decimal_gap);
    BoxReading r;
    r.flag = prep.flag;
    if (prep.kind == PreparedBox::Kind::Empty) {
        r.confidence = 1.0;
        return r;
    }
    if (prep.kind == PreparedBox::Kind::Stray) {
        r.state = BoxReading::State::Unclear;
        return r;
    }
    const Scores s = score(prep.norm);
    if (prep.flag.empty()) return accept(s, impl_->policy);
    r.state = BoxReading::State::Unclear;  // flagged by box preparation: the CNN's guess, for review
    r.digit = s.cnn_digit;
    r.confidence = s.cnn_prob;
    return r;
}

BoxReading accept(const DigitRecogniser::Scores& s, const AcceptPolicy& policy) {
    BoxReading r;
    r.digit = s.cnn_digit;
    switch (policy.rule) {
    case AcceptPolicy::Rule::Cnn: r.confidence = s.cnn_prob; break;
    case AcceptPolicy::Rule::Min: r.confidence = std::min(s.cnn_prob, s.hog_prob); break;
    case AcceptPolicy::Rule::Views: r.confidence = s.views_prob; break;
    }
    r.state = BoxReading::State::Unclear;
    if (policy.require_agreement && s.hog_digit != s.cnn_digit) {
        r.flag = "recognisers-disagree";
        r.confidence *= 0.5;
    } else if (r.confidence < policy.threshold_for(s.cnn_digit)) {
        r.flag = "low-confidence";
    } else {
        r.state = BoxReading::State::Digit;
    }
    return r;
}

NumberReading assemble_number(std::vector<BoxReading> boxes, int decimal_boxes) {
    NumberReading n;
    const int total = static_cast<int>(boxes.size());
    const int n_int = std::max(0, total - std::max(0, decimal_boxes));
    n.boxes = std::move(boxes);
    bool any_mark = false, doubtful = false;
    n.confidence = 1.0;
    for (const auto& b : n.boxes) {
        add_flag(n.flags, b.flag);
        if (b.state != BoxReading::State::Empty) any_mark = true;
        if (b.state == BoxReading::State::Unclear || !b.flag.empty()) doubtful = true;
        if (b.digit >= 0) n.confidence *= b.confidence;
    }
    if (!any_mark) {
        n.blank = true;
        n.confidence = n.flags.empty() ? 1.0 : 0.0;
        n.needs_review = !n.flags.empty();
        return n;
    }
    auto written = [&](int i) { return n.boxes[i].digit >= 0; };
    // Integer part: digits may sit left or right; an empty box between digits is a gap.
    std::string int_digits;
    int first = -1, last = -1;
    for (int i = 0; i < n_int; ++i)
        if (written(i)) { if (first < 0) first = i; last = i; }
    bool gap = false;
    for (int i = first; first >= 0 && i <= last; ++i) {
        if (written(i)) int_digits += static_cast<char>('0' + n.boxes[i].digit);
        else gap = true;
    }
    // Decimal part: written from the first decimal box; an empty box before a digit is a gap.
    std::string dec_digits;
    int dec_last = -1;
    for (int i = n_int; i < total; ++i)
        if (written(i)) dec_last = i;
    for (int i = n_int; i <= dec_last; ++i) {
        if (written(i)) dec_digits += static_cast<char>('0' + n.boxes[i].digit);
        else { dec_digits += '0'; gap = true; }
    }
    if (gap) add_flag(n.flags, "gap-between-digits");
    const auto nz = int_digits.find_first_not_of('0');
    int_digits = nz == std::string::npos ? (int_digits.empty() ? "" : "0") : int_digits.substr(nz);
    while (!dec_digits.empty() && dec_digits.back() == '0') dec_digits.pop_back();
    if (int_digits.empty() && (!dec_digits.empty() || dec_last >= 0)) int_digits = "0";  // ".6", ".0"
    n.value = int_digits + (dec_digits.empty() ? "" : "." + dec_digits);
    if (n.value.empty()) {  // only stray marks or flagged boxes without a guess
        doubtful = true;
        n.confidence = 0;
    }
    if (gap) n.confidence = 0;
    n.needs_review = doubtful || gap || !n.flags.empty();
    return n;
}

NumberReading DigitRecogniser::read_number(const std::vector<cv::Mat>& crops, int decimal_boxes, bool bilevel) const {
    std::vector<BoxReading> boxes;
    boxes.reserve(crops.size());
    const int first_decimal = static_cast<int>(crops.size()) - decimal_boxes;
    for (int i = 0; i < static_cast<int>(crops.size()); ++i) {
        const DecimalGap gap{decimal_boxes > 0 && i == first_decimal, decimal_boxes > 0 && i == first_decimal - 1};
        boxes.push_back(read_box(crops[static_cast<std::size_t>(i)], bilevel, gap));
    }
    return assemble_number(std::move(boxes), decimal_boxes);
}

bool sampled_for_audit(const std::string& key, double share) {
    if (share <= 0) return false;
    if (share >= 1) return true;
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a, stable across platforms and runs
    for (unsigned char c : key) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return static_cast<double>(h >> 11) / static_cast<double>(1ull << 53) < share;
}

}  // namespace quizscan::icr
