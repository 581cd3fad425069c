// Handwritten number reading for comb boxes (issue 4): one digit per box, two recognisers
// (a small CNN on the image and an MLP on its HOG features) that must agree; doubtful numbers go to human review.
#pragma once

#include "icr/box_prep.hpp"

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace quizscan::icr {

struct BoxReading {
    enum class State { Empty, Digit, Unclear } state = State::Empty;
    int digit = -1;            // best digit when State::Digit (or best guess when Unclear)
    double confidence = 0;     // 0..1
    std::string flag;          // "", "stray-mark", "two-digits", "ink-across-boxes", "recognisers-disagree", "low-confidence"
};

struct NumberReading {
    bool blank = false;        // all boxes empty
    std::string value;         // best guess written plainly: "40", "0.6", "195000"; "" when blank
    double confidence = 0;     // 0..1, for the whole number
    bool needs_review = false; // any doubtful box (callers add audit sampling, see sampled_for_audit)
    std::vector<std::string> flags;
    std::vector<BoxReading> boxes;
};

// When a written, unflagged box is accepted as a Digit; read from icr-thresholds.json.
struct AcceptPolicy {
    // "cnn": the CNN's probability >= threshold; "min": both recognisers' probabilities >= threshold;
    // "views": the CNN's lowest probability of its digit over the image and its moved_views >= threshold.
    enum class Rule { Cnn, Min, Views } rule = Rule::Cnn;
    double threshold = 0.9;         // "accept_prob"
    // "accept_prob_one": the threshold for a box the CNN reads as 1 (the digit it hedges most, against 7;
    // docs/benchmarks.md, "A lower threshold for a read 1"); the json's accept_prob when absent.
    double threshold_one = 0.9;
    bool require_agreement = true;  // the CNN and the HOG MLP must name the same digit
    double threshold_for(int digit) const { return digit == 1 ? threshold_one : threshold; }
    // From the thresholds json: accept_prob (required), accept_prob_one, accept_rule ("cnn" when absent),
    // require_agreement.
    static AcceptPolicy from_json(const nlohmann::json& j);  // throws std::runtime_error on an unknown rule
};

class DigitRecogniser {   // loads the shipped models and thresholds once; thread-compatible
public:
    // Reads icr-thresholds.json and the model files it names from calibration_dir.
    static DigitRecogniser load(const std::string& calibration_dir);  // throws std::runtime_error naming the missing file
    // crop: CV_8UC1 kBoxCropW x kBoxCropH (90x110); bilevel: from a black-and-white scan;
    // decimal_gap: its sides beside the decimal point (see prepare_box).
    BoxReading read_box(const cv::Mat& crop, bool bilevel = false, DecimalGap decimal_gap = {}) const;
    // crops: the integer boxes left to right, then the decimal_boxes decimal boxes.
    NumberReading read_number(const std::vector<cv::Mat>& crops, int decimal_boxes, bool bilevel = false) const;
    double audit_share() const;  // share of confident numbers also sent to review (default 0.02, from thresholds json)

    // Both recognisers' raw outputs for one normalised 28x28 image (for calibration and bench).
    struct Scores {
        int cnn_digit = -1;
        double cnn_prob = 0;
        double cnn_second = 0;  // probability of the runner-up digit
        int cnn_runner_up = -1; // the runner-up digit
        int hog_digit = -1;     // the HOG MLP's digit
        double hog_prob = 0;
        double views_prob = 0;  // rule "views": the lowest of cnn_prob and views_prob(norm28, cnn_digit); else 0
    };
    Scores score(const cv::Mat& norm28) const;
    // The CNN's lowest probability of `digit` over norm28's moved_views (each deskewed, as score() reads).
    double views_prob(const cv::Mat& norm28, int digit) const;
    const AcceptPolicy& policy() const;

    struct Impl;
private:
    DigitRecogniser() = default;  // only load() makes one
    std::shared_ptr<Impl> impl_;  // shared by copies: models are read-only, each net call is locked
};

// The decision on a written box without a prep flag, from both recognisers' scores (exposed for tests):
// Digit, or Unclear flagged "recognisers-disagree" or "low-confidence" (under the threshold for the CNN's
// digit); the CNN's digit either way. The confidence is the rule's probability (the CNN's, the lower of
// both, or views_prob), halved when the recognisers disagree.
BoxReading accept(const DigitRecogniser::Scores& s, const AcceptPolicy& policy);

// Deterministic audit sampling: true for ~share of keys (hash of key), so re-scans agree.
// Callers use a stable key such as "<sheet id>/<question>".
bool sampled_for_audit(const std::string& key, double share);

// Assembles the plain value from box readings (exposed for tests): see read_number.
NumberReading assemble_number(std::vector<BoxReading> boxes, int decimal_boxes);

}  // namespace quizscan::icr
