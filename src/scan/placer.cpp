// The Placer's survey and bookkeeping; the matching itself is find_field_shift's.
#include "scan/placer.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "scan/unprinted_ink.hpp"

namespace quizscan {
namespace {

// print_image of a blank page, made once per page and resolution: a run reads by a few blank
// pages, the same for every sheet. The cache keeps a reference to each blank page, so its pixels
// cannot be freed and another image take its place at the same address; past a few pages (tests
// make many) the images are made each time, as before.
PrintImage cached_print_image(const cv::Mat& blank, double ppm) {
    struct Entry {
        cv::Mat blank;
        double ppm;
        PrintImage print;
    };
    constexpr std::size_t kMaxEntries = 16;
    static std::mutex lock;
    static std::vector<Entry> cache;
    {
        const std::lock_guard<std::mutex> one(lock);
        for (const Entry& e : cache)
            if (e.blank.data == blank.data && e.blank.size() == blank.size() && e.blank.step == blank.step && e.ppm == ppm) return e.print;
    }
    PrintImage made = print_image(blank, ppm);
    const std::lock_guard<std::mutex> one(lock);
    if (cache.size() < kMaxEntries && blank.u) cache.push_back({blank, ppm, made});
    return made;
}

}  // namespace

Placer::Placer(const cv::Mat& upright, const Registration& reg, const cv::Mat* blank, const PageLayout& page)
    : upright_(upright), reg_(reg) {
    if (!blank) return;
    // The survey at half resolution (a quarter of the work), the closer look at full.
    print_ = cached_print_image(*blank, kBlankPagePxPerMm / 2);
    bool moved = false;
    for (const auto& f : page.fields) {
        const auto s = find(f.region);
        fields_.push_back(s.value_or(cv::Point2d{0, 0}));
        moved = moved || (s && std::hypot(s->x, s->y) >= kApplyShiftMm);
    }
    print_ = moved ? cached_print_image(*blank, kBlankPagePxPerMm) : PrintImage{};
}

std::optional<cv::Point2d> Placer::find(const RectMm& area, bool print_only) {
    if (print_.img.empty()) return std::nullopt;
    const FieldShift s = find_field_shift(upright_, reg_.mm_to_px, print_, area, print_only);
    if (!s.found) return std::nullopt;
    found_.push_back({area.center(), s.mm});
    return s.mm;
}

cv::Point2d Placer::applied(cv::Point2d shift) {
    const double d = std::hypot(shift.x, shift.y);
    if (d < kApplyShiftMm) return {0, 0};
    most_moved_ = std::max(most_moved_, d);
    return shift;
}

cv::Point2d Placer::nearest_shift(PointMm c) const {
    cv::Point2d shift{0, 0};
    double nearest = kNearMm;
    for (const auto& f : found_) {
        const double d = std::hypot(f.at.x - c.x, f.at.y - c.y);
        if (d < nearest) nearest = d, shift = f.shift;
    }
    return shift;
}

}  // namespace quizscan
