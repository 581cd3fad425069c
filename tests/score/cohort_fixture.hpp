// Test fixture: a small cohort whose statistics are worked out by hand in
// report_test.cpp. Field order in each row: q1 q2 q3 q4 q5 q6_int4 q6_fp16
// q7_virginia q7_quebec q8 q9 q10 ("" blank, "?" pending).
//
//   100001..100004  pre and post, complete          -> paired
//   100005          opted out (NO RESEARCH on post)  -> dropped everywhere
//   100006          pre only                         -> unpaired
//   100007          pre complete, post pending (q3)  -> pair awaiting review
//   100008          opt-out mark pending on pre      -> left out until reviewed
#pragma once

#include <vector>

#include "quiz_fixture.hpp"

namespace quizscan::score::testing {

inline std::vector<SheetResponses> cohort() {
    std::vector<SheetResponses> v;
    // Given out of order on purpose: exports must sort by participant then pre/post.
    // 100001 post = 9: q1-q5 5, q6 2, q7 2, q8 q9 q10 wrong.
    v.push_back(sheet("100001", "post", {"b", "a", "b", "b", "a", "40", "100", "195", "0.6", "a", "d", "c"}));
    // 100001 pre = 4: q3 q4 q5 = 3, q6 (80, 50) = 0, q7 (195000 wrong, 0.6 right) = 1. U1 = 0. more-flops (q1 a, q2 b).
    v.push_back(sheet("100001", "pre", {"a", "b", "b", "b", "a", "80", "50", "195000", "0.6", "a", "d", "c"}));
    // 100002 pre = 6: q1 q2 q5 = 3, q6 (40 right) = 1, q7 = 2. U1 = 2.
    v.push_back(sheet("100002", "pre", {"b", "a", "a", "c", "a", "40", "50", "195", "0.6", "a", "c", ""}));
    // 100002 post = 10: q1-q5 5, q6 2, q7 (215, 0.5: both ends included) 2, q8 1.
    v.push_back(sheet("100002", "post", {"b", "a", "b", "b", "a", "40", "100", "215", "0.5", "b", "c", "b"}));
    // 100003 pre = 5: q1 q3 = 2, q6 (32, 120 both close) = 1, q7 0, q8 q9 = 2, q10 "bc" = 0. U1 = 1. more-flops (q2 b).
    v.push_back(sheet("100003", "pre", {"b", "b", "b", "a", "b", "32", "120", "0.195", "600", "b", "a", "bc"}));
    // 100003 post = 8: q1 q3 q4 q5 = 4, q6 2, q7 2. U1 = 1. more-flops (q2 b).
    v.push_back(sheet("100003", "post", {"b", "b", "b", "b", "a", "40", "100", "195", "0.7", "a", "d", "c"}));
    // 100004 pre = 3: q5 q8 q9. U1 = 0. more-flops (q1 a).
    v.push_back(sheet("100004", "pre", {"a", "c", "c", "d", "a", "", "", "", "", "b", "a", "d"}));
    // 100004 post = 7: q1 q2 q3 q5 = 4, q6 (40, 50) = 1, q7 (195, blank) = 1, q8 = 1. U1 = 2.
    v.push_back(sheet("100004", "post", {"b", "a", "b", "c", "a", "40", "50", "195", "", "b", "ad", "d"}));
    // 100005 opted out: a perfect pre and an empty post that would move every figure.
    v.push_back(sheet("100005", "pre", key()));
    v.push_back(sheet("100005", "post", {"", "", "", "", "", "", "", "", "", "", "", ""}, "yes"));
    // 100006 pre only = 7: q1-q5 5, q6 2. U1 = 2.
    v.push_back(sheet("100006", "pre", {"b", "a", "b", "b", "a", "40", "100", "300", "3", "c", "b", "b"}));
    // 100007 pre = 5: q2 q3 q4 = 3, q6 (40, 50) = 1, q7 (175, 0.8) = 1. U1 = 1. more-flops (q1 a).
    v.push_back(sheet("100007", "pre", {"a", "a", "b", "b", "b", "40", "50", "175", "0.8", "a", "d", "b"}));
    // 100007 post: q3 pending review -> incomplete, left out of score figures.
    v.push_back(sheet("100007", "post", {"b", "a", "?", "b", "a", "40", "100", "195", "0.6", "b", "a", "a"}));
    // 100008: opt-out mark pending on the pre sheet: consent unknown, left out.
    v.push_back(sheet("100008", "pre", key(), "?"));
    v.push_back(sheet("100008", "post", key()));
    return v;
}

}  // namespace quizscan::score::testing
