// Decides a page's questions from their bubbles judged alone (bubbles.hpp) and the writer's
// marks across the page (see page_marks.hpp).
#include "scan/page_marks.hpp"

#include <algorithm>
#include <cmath>

namespace quizscan {
namespace {

// A trace lighter than this share of the clear mark beside it, and not drawn in lines, is an erasure
// or a smudge, not a second mark: the same hand makes its marks about equally dark.
constexpr double kErasureShare = 0.6;
// A tick or cross the threshold did not take (a light pencil, or a thin line): its ink covers at
// least this share of the unprinted inside of the bubble (above the empty bubbles)...
constexpr double kStrokeInside = 0.15;
// ...mostly in pen-wide lines, running across the bubble (a line at least ~2 mm long, not a dot)...
constexpr double kStrokeShape = 0.45;
constexpr double kLineReachMm = 0.55;
// ...or it is a light fill: ink over most of the inside that stays within the bubble (an eraser's smear
// spreads past the outline, over the ring around it)...
constexpr double kLightFill = 0.6;
constexpr double kFillRing = 0.15;
// A line of ink dark enough for the threshold crossing at least this share of the inside (above the empty
// bubbles) is a tick, slash or cross drawn in a dark pen: no faint trace, and read without the page's
// other marks to confirm the writer's hand (a 0.3 mm line across the bubble's inside is about a fifth).
constexpr double kDarkLine = 0.10;
// ...the other bubbles of the question are clean: no trace, no ink inside, no circle round them
// (a neighbour's tick may cross a little of their ring)...
constexpr double kCleanExcess = 0.5;
constexpr double kCleanInside = 0.15;
constexpr double kCleanRing = 0.3;
// ...and at least this many other questions of the page hold marks of about the same darkness (within
// kSameHand of each other): the writer's hand, seen elsewhere on the page.
constexpr int kSameHandMarks = 2;
constexpr double kSameHand = 0.6;
// Two or more marks are the writer's answer (scored as several marks) with no person when each is clearly
// a mark: a fill of dark ink over this share of the bubble (above the empty ones), broad, not lines, with
// its ring this clean (a fill crossed out or scribbled over has lines running out past its outline; a
// smear spreads past it)...
constexpr double kSeveralFill = 0.85;
constexpr double kSeveralFillLines = 0.2;
constexpr double kSeveralRing = 0.25;
// ...or a tick or cross: dark, with this share of its darkness in pen-wide lines...
constexpr double kSeveralLines = 0.8;
// ...and the lightest of them at least this share of the darkest's tone (an erasure is lighter than the
// mark beside it; marks made in one go are about equally dark).
constexpr double kSeveralTone = 0.85;
// A reading this close to the thresholds goes to review; a question read blank, unless every bubble is
// at least kClearBlank clear of them (a dot or a small light mark in one stays under the trace threshold).
constexpr double kCloseToThreshold = 0.25;
constexpr double kClearBlank = 0.5;
// The confidence of a faint mark read that way (above the review threshold; below a clear mark's).
constexpr double kFaintMarkConfidence = 0.5;
// A circle drawn round a bubble instead of filling it: its ink runs round at least this share of the
// ring just outside the bubble (a gap where the pen started and stopped allowed); the circle crosses
// the rings of the bubbles beside it only on the side facing it (under half of theirs).
constexpr double kCircled = 0.75;
constexpr double kCircledNeighbour = 0.5;
// A writer whose pen is typically lighter than this (of paper-to-print, the darkest tenth of a mark's
// ink; grey ~150 on a white scan) writes faintly: a light pencil, a pen running dry. (On the median
// darkness a thin ballpoint tick measures as light as a light pencil: its blurred edges are most of it.)
constexpr double kFaintHand = 0.4;

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

bool same_hand(double a, double b) { return a > 0 && b > 0 && std::min(a, b) >= kSameHand * std::max(a, b); }

// A bubble with nothing in it: no trace, no ink inside, no circle round it (a neighbour's tick may cross a
// little of its ring).
bool clean(const OptionMeasure& m, const Judged& j, const Baseline& base) {
    return j.verdict == Verdict::Empty && j.excess < kCleanExcess && m.ink_fill - base.ink_fill <= kCleanInside &&
           m.ink_ring - base.ink_ring <= kCleanRing;
}

// Whether a question's several marks are each clearly a mark, about equally dark, beside clean bubbles.
bool clearly_several(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged, const Baseline& base) {
    double lightest = 1, darkest = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const OptionMeasure& m = options[i];
        if (judged[i].verdict != Verdict::Marked) {
            if (!clean(m, judged[i], base)) return false;
            continue;
        }
        const bool fill =
            m.fill - base.fill >= kSeveralFill && m.stroke < kSeveralFillLines && m.ink_ring - base.ink_ring <= kSeveralRing;
        const bool lines = m.fill - base.fill >= kDarkLine && m.stroke >= kSeveralLines && m.reach >= kLineReachMm;
        if (!(fill || lines) || m.tone <= 0) return false;
        lightest = std::min(lightest, m.tone);
        darkest = std::max(darkest, m.tone);
    }
    return lightest >= kSeveralTone * darkest;
}

struct Decided {
    Verdict verdict;
    double margin;
};

// One option in the light of its question: a faint or unsure smudge beside a clear, much darker mark
// is an erasure (empty); otherwise it stays what it was judged alone (a lighter tick or cross beside a
// mark may be a second answer, or an erased one: a person looks).
Decided in_question(const Judged& j, const OptionMeasure& m, double mark_tone, bool bilevel) {
    if (j.verdict != Verdict::Faint && j.verdict != Verdict::Unsure) return {j.verdict, j.margin};
    if (bilevel || mark_tone <= 0 || m.tone <= 0 || m.stroke >= kStrokeShape) return {j.verdict, 0};
    const double share = m.tone / mark_tone;
    if (share >= kErasureShare) return {j.verdict, 0};
    return {Verdict::Empty, std::clamp(1.0 - share / kErasureShare, 0.0, 1.0)};
}

// The darkest clear mark of a question (0: none).
double mark_tone_of(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged) {
    double tone = 0;
    for (std::size_t i = 0; i < options.size(); ++i)
        if (judged[i].verdict == Verdict::Marked) tone = std::max(tone, options[i].tone);
    return tone;
}

// Where the writer's hand shows in a question: its most inked bubble that is not empty (a clear mark,
// or a faint or unclear one); null when every bubble is empty. Its tone is how dark the hand is there,
// its peak how dark the pen.
const OptionMeasure* hand_in(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged) {
    const OptionMeasure* hand = nullptr;
    for (std::size_t i = 0; i < options.size(); ++i)
        if (judged[i].verdict != Verdict::Empty && (!hand || options[i].ink_fill > hand->ink_fill)) hand = &options[i];
    return hand;
}

ChoiceReading decide(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged, const Baseline& base, FieldType type,
                     bool bilevel) {
    ChoiceReading r;
    const double mark_tone = mark_tone_of(options, judged);
    double min_margin = 1.0;
    int marked = 0;
    std::string unsure, faint, least_clear;  // least_clear: the option of the lowest margin
    for (std::size_t i = 0; i < options.size(); ++i) {
        const Decided d = in_question(judged[i], options[i], mark_tone, bilevel);
        if (d.margin < min_margin) least_clear = options[i].value;
        if (d.verdict == Verdict::Marked) {
            r.value += options[i].value;
            ++marked;
        } else if (d.verdict == Verdict::Unsure) {
            unsure += options[i].value;
            r.unclear += options[i].value;
        } else if (d.verdict == Verdict::Faint) {
            faint += options[i].value;
            r.unclear += options[i].value;
        }
        min_margin = std::min(min_margin, d.margin);
    }
    r.faint = static_cast<int>(faint.size());
    const bool unclear = !unsure.empty() || !faint.empty();
    r.confidence = unclear ? 0.0 : std::clamp(min_margin, 0.0, 1.0);
    const bool box = type == FieldType::Checkbox;
    if (!faint.empty() && unsure.empty()) {
        r.needs_review = true;
        r.reason = std::string("faint mark ") + (box ? "in the box" : "on " + faint) +
                   " (light pencil, or an erasure?): nothing dark enough to be sure";
    } else if (unclear) {
        r.needs_review = true;
        r.reason = std::string("unclear mark ") + (box ? "in the box" : "on " + unsure + faint) +
                   (bilevel ? " (traces on a black-and-white scan: a light pencil mark may have been dropped)"
                            : " (faint, partly erased, or a stray mark)");
    } else if (marked > 1 && (box || bilevel || !clearly_several(options, judged, base))) {
        r.needs_review = true;
        r.reason = "several marks (" + r.value + ")";
    } else if (r.confidence < kCloseToThreshold) {
        r.needs_review = true;
        r.reason = "close to the threshold";
    } else if (marked == 0 && !box && r.confidence < kClearBlank) {
        r.needs_review = r.trace = true;
        r.reason = "blank, but a trace in " + least_clear + " (a dot, or a small light mark?)";
    }
    return r;
}

// A tick or cross that may be read as the question's one mark: its option (-1: none), and whether it is
// drawn in dark ink (then it needs no confirmation from the writer's other marks).
struct Candidate {
    int option = -1;
    bool dark = false;
};

// The option of a question that is a tick or cross (or a light fill) too light or thin for the threshold,
// or taken by it only just, in a question otherwise clean; none if there is none, or more than one thing to look at.
Candidate stroke_candidate(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged, const Baseline& base) {
    Candidate found;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const OptionMeasure& m = options[i];
        const Judged& j = judged[i];
        if (clean(m, j, base)) continue;
        const bool dark = m.fill - base.fill >= kDarkLine;
        const bool lines = (dark || m.ink_fill - base.ink_fill >= kStrokeInside) && m.stroke >= kStrokeShape && m.reach >= kLineReachMm;
        const bool fill = m.ink_fill - base.ink_fill >= kLightFill && m.ink_ring - base.ink_ring <= kFillRing;
        if (j.verdict == Verdict::Empty || !(lines || fill) || m.tone <= 0 || found.option >= 0) return {};
        found = {static_cast<int>(i), dark && lines};
    }
    return found;
}

// The option of a choice question circled instead of filled: the only one with a ring of ink round it,
// itself and every other bubble of the question unfilled and clean inside (the circle's line may cross
// their outer rings), the ring's ink dark or light; -1 when there is none, or anything else to look at.
int circled_option(const std::vector<OptionMeasure>& options, const std::vector<Judged>& judged, const Baseline& base) {
    int found = -1;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const double cover = ring_cover(options[i], base);
        const bool clean_inside = options[i].ink_fill - base.ink_fill <= kCleanInside;
        if (cover >= kCircled && clean_inside) {  // a line round it; a smear (an erasure) covers the inside too
            if (found >= 0) return -1;
            found = static_cast<int>(i);
        } else if (cover >= kCircledNeighbour || judged[i].verdict == Verdict::Marked || !clean_inside) {
            return -1;
        }
    }
    return found;
}

}  // namespace

PageMarks read_marks(const std::vector<MarkField>& fields, bool bilevel) {
    PageMarks out;
    std::vector<OptionMeasure> all;
    for (const auto& f : fields)
        if (f.type == FieldType::Choice) all.insert(all.end(), f.options.begin(), f.options.end());
    out.base = baseline_of(all);
    const Baseline box = paper_baseline(out.base);
    // Each bubble judged alone; the tone of the writer's clear marks.
    std::vector<std::vector<Judged>> judged;
    std::vector<double> clear_tones, clear_peaks;
    for (const auto& f : fields) {
        auto& j = judged.emplace_back();
        for (const auto& o : f.options) {
            j.push_back(f.type == FieldType::Checkbox ? judge(o, box, bilevel, true) : judge(o, out.base, bilevel));
            if (j.back().verdict == Verdict::Marked && o.tone > 0) clear_tones.push_back(o.tone), clear_peaks.push_back(o.peak);
        }
    }
    out.writer_tone = median(clear_tones);
    const double writer_peak = median(clear_peaks);  // the darkness of the writer's pen in their clear marks
    // Each question alone, and which could be a tick or cross too light for the threshold (or taken
    // by it only just: a thin tick's confidence is then its shape's).
    std::vector<Candidate> candidate;
    std::vector<double> tone_of, peak_of;  // per field: how dark the writer's hand (and pen) is in it (0: nothing there)
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const Baseline& empty = fields[i].type == FieldType::Checkbox ? box : out.base;
        out.readings.push_back(decide(fields[i].options, judged[i], empty, fields[i].type, bilevel));
        const int circled = fields[i].type == FieldType::Choice ? circled_option(fields[i].options, judged[i], out.base) : -1;
        if (circled >= 0) {  // read like a faint mark the page confirms: above the review threshold, below a clear fill
            ChoiceReading& r = out.readings[i];
            const std::string value = fields[i].options[static_cast<std::size_t>(circled)].value;
            r.confidence = r.value == value && !r.needs_review ? r.confidence : kFaintMarkConfidence;
            r.value = value;
            r.needs_review = false;
            r.reason.clear();
            r.faint = 0;  // the traces beside it are the circle's line crossing their rings
        }
        const bool open = out.readings[i].needs_review || out.readings[i].confidence < kFaintMarkConfidence;
        candidate.push_back(bilevel || !open ? Candidate{} : stroke_candidate(fields[i].options, judged[i], empty));
        const OptionMeasure* hand = hand_in(fields[i].options, judged[i]);
        tone_of.push_back(hand ? hand->tone : 0);
        peak_of.push_back(hand ? hand->peak : 0);
    }
    // A candidate is read as a mark when the writer's hand is seen elsewhere on the page at its darkness
    // (and it is not much lighter than the writer's clear marks: then it may be an erased tick).
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const int c = candidate[i].option;
        if (c < 0) continue;
        const OptionMeasure& m = fields[i].options[static_cast<std::size_t>(c)];
        if (writer_peak > 0 && m.peak < kErasureShare * writer_peak) continue;
        int alike = 0;
        for (std::size_t k = 0; k < fields.size(); ++k) alike += k != i && same_hand(tone_of[k], m.tone);
        if (alike < kSameHandMarks && !candidate[i].dark) continue;
        ChoiceReading& r = out.readings[i];
        const bool was_faint = judged[i][static_cast<std::size_t>(c)].verdict != Verdict::Marked && !candidate[i].dark;
        r.value = m.value;
        r.confidence = std::max(r.needs_review ? 0.0 : r.confidence, kFaintMarkConfidence);
        r.needs_review = false;
        r.reason.clear();
        r.faint = was_faint;
    }
    // A faint writer: their marks typically light, or half of them faint (read as such or sent to review).
    int marks = 0, light = 0;
    std::vector<double> hand;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out.faint += out.readings[i].faint;
        marks += tone_of[i] > 0 || out.readings[i].faint > 0;
        light += out.readings[i].faint > 0;
        if (tone_of[i] > 0) hand.push_back(peak_of[i]);
    }
    out.faint_writer = (light > 0 && 2 * light >= marks) || (!hand.empty() && median(hand) < kFaintHand);
    // On a faint writer's page a lone faint or unclear mark in a question otherwise empty is most likely their
    // answer: it is the guess a person confirms (on a darker writer's page such a trace is as often an erasure).
    for (std::size_t i = 0; i < fields.size(); ++i) {
        ChoiceReading& r = out.readings[i];
        if (out.faint_writer && fields[i].type == FieldType::Choice && r.needs_review && r.value.empty() && r.unclear.size() == 1)
            r.value = r.unclear;
    }
    return out;
}

std::vector<MeasuredOption> measured_options(const std::vector<OptionMeasure>& options, const Baseline& b) {
    auto r3 = [](double v) { return std::round(v * 1000) / 1000; };
    std::vector<MeasuredOption> out;
    for (const auto& m : options) {
        MeasuredOption o;
        o.value = m.value;
        o.fill = r3(std::max(0.0, m.fill - b.fill));
        o.spill = r3(std::max(0.0, m.spill - b.spill));
        o.dark_fill = r3(m.dark_fill - b.dark_fill);
        o.faint = r3(m.faint - b.faint);
        o.faint_fill = r3(m.faint_fill - b.faint_fill);
        o.ink_fill = r3(m.ink_fill - b.ink_fill);
        o.ink_ring = r3(m.ink_ring - b.ink_ring);
        o.tone = r3(m.tone);
        o.stroke = r3(m.stroke);
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace quizscan
