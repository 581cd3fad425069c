// Reading every field of a page once it is placed (read_fields), or, for a page that cannot be
// placed, sending every field to review with a picture of where it should be (fields_for_review).
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"
#include "scan/read_page.hpp"
#include "scan/register.hpp"

namespace quizscan {

constexpr double kFieldPxPerMm = 10.0;  // canonical resolution of field crops

// `upright`: the page turned upright; `blank_page`: the blank form's page, rendered (null: the
// comparisons with the print are skipped). Appends one FieldResult per field of `page` to r.fields
// and sets r.moved_mm and r.not_flat.
void read_fields(const cv::Mat& upright, const Tone& tone, const Registration& reg, const PageLayout& page,
                 const cv::Mat* blank_page, const ReadContext& ctx, PageResult& r);

// A page identified but not placed well enough to read: every field to review, its picture cut
// generously around where `rough` puts it (none without a map: review shows the whole page).
void fields_for_review(const cv::Mat& upright, const cv::Matx33d* rough, const PageLayout& page, PageResult& r);

}  // namespace quizscan
