// The spare sheet's side of reading a page: the layout its barcode names, and its front's
// participant ID decided from the written boxes and the bubble grid (spare_id.hpp), the two ID
// fields then kept apart from the page's answers.
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"
#include "core/payload.hpp"
#include "scan/read_page.hpp"

namespace quizscan {

// The layout (and unfilled form) a page was printed with: the personal or the spare sheet's, on its
// paper. nullptr for a spare page when the context has no spare layouts.
const Layout* layout_for(const ReadContext& ctx, const PageId& id);
const BlankForm* blank_for(const ReadContext& ctx, const PageId& id);

// A spare front whose fields were read: its ID fields copied into r.spare (with the ID area's
// picture from `upright` by `mm_to_px`) and its participant decided against ctx.roster: r.id's
// participant when accepted, else status Unidentified with the reason.
void identify_spare_front(PageResult& r, const ReadContext& ctx, const cv::Mat& upright, const cv::Matx33d& mm_to_px,
                          const PageLayout& page);

// Removes the ID fields from r.fields (after the page was annotated): they are not answers.
void drop_id_fields(PageResult& r);

}  // namespace quizscan
