// Builds the test review database through store::Db, with crops drawn like real scans.
#include "fixture.hpp"

#include "store/db.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <vector>

namespace quizscan::review::testing {
namespace {

using Png = std::vector<unsigned char>;

Png encode(const cv::Mat& m) {
    Png out;
    cv::imencode(".png", m, out);
    return out;
}

const cv::Scalar kInk(40), kPrint(90), kPaper(250);

// A row of bubbles a, b, ..., each filled to the given darkness (0..1).
Png choice_crop(const std::vector<double>& fills) {
    const int n = static_cast<int>(fills.size());
    cv::Mat m(84, 20 + 100 * n, CV_8UC1, kPaper);
    for (int i = 0; i < n; ++i) {
        const cv::Point c(60 + i * 100, 42);
        if (fills[static_cast<std::size_t>(i)] > 0.05)
            cv::circle(m, c, 20, cv::Scalar(250 - 210 * fills[static_cast<std::size_t>(i)]), cv::FILLED, cv::LINE_AA);
        cv::circle(m, c, 22, kPrint, 2, cv::LINE_AA);
        cv::putText(m, std::string(1, static_cast<char>('a' + i)), c + cv::Point(-7, 7), cv::FONT_HERSHEY_SIMPLEX, 0.7,
                    kPrint, 2, cv::LINE_AA);
    }
    return encode(m);
}

// Comb boxes (int_boxes + 2 after a printed point) with handwritten-looking digits.
Png number_crop(const std::string& digits_int, const std::string& digits_dec) {
    const int w = 54, h = 70, gap = 6, ib = 6, db = 2;
    cv::Mat m(h + 20, (ib + db) * (w + gap) + 40, CV_8UC1, kPaper);
    auto box_x = [&](int i) { return 10 + i * (w + gap) + (i >= ib ? 20 : 0); };
    for (int i = 0; i < ib + db; ++i) cv::rectangle(m, cv::Rect(box_x(i), 10, w, h), kPrint, 2);
    cv::circle(m, cv::Point(box_x(ib) - 13, 10 + h - 6), 4, kPrint, cv::FILLED, cv::LINE_AA);
    auto draw = [&](const std::string& s, int first_box) {
        for (std::size_t k = 0; k < s.size(); ++k)
            cv::putText(m, std::string(1, s[k]), cv::Point(box_x(first_box + static_cast<int>(k)) + 12, 10 + h - 14),
                        cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, kInk, 3, cv::LINE_AA);
    };
    draw(digits_int, ib - static_cast<int>(digits_int.size()));  // right-aligned integer part
    draw(digits_dec, ib);
    return encode(m);
}

Png checkbox_crop(bool ticked) {
    cv::Mat m(70, 460, CV_8UC1, kPaper);
    cv::rectangle(m, cv::Rect(14, 14, 40, 40), kPrint, 2);
    if (ticked) {
        cv::line(m, {20, 34}, {32, 48}, kInk, 4, cv::LINE_AA);
        cv::line(m, {32, 48}, {52, 16}, kInk, 4, cv::LINE_AA);
    }
    cv::putText(m, "NO RESEARCH - exclude my responses", {70, 42}, cv::FONT_HERSHEY_SIMPLEX, 0.55, kPrint, 1, cv::LINE_AA);
    return encode(m);
}

// The top of a page whose barcode is torn: a smudged code and a handwritten ID.
Png header_crop() {
    cv::Mat m(120, 640, CV_8UC1, kPaper);
    for (int x = 20; x < 200; x += 7) cv::rectangle(m, cv::Rect(x, 20, (x % 3) + 2, 80), kInk, cv::FILLED);
    cv::line(m, {15, 110}, {210, 10}, kPaper, 14);  // the tear
    cv::putText(m, "Participant ID:", {240, 50}, cv::FONT_HERSHEY_SIMPLEX, 0.7, kPrint, 2, cv::LINE_AA);
    cv::putText(m, "482913", {440, 55}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.4, kInk, 2, cv::LINE_AA);
    cv::putText(m, "PRE  - page 2", {240, 95}, cv::FONT_HERSHEY_SIMPLEX, 0.7, kPrint, 2, cv::LINE_AA);
    return encode(m);
}

// A ~50 dpi page preview: fiducials, title, text lines and bubble rows.
Png page_preview(const std::string& title) {
    cv::Mat m(550, 425, CV_8UC1, kPaper);
    for (cv::Point p : {cv::Point(20, 20), cv::Point(397, 20), cv::Point(20, 522), cv::Point(397, 522)})
        cv::rectangle(m, cv::Rect(p.x - 8, p.y - 8, 16, 16), cv::Scalar(0), cv::FILLED);
    cv::putText(m, title, {40, 60}, cv::FONT_HERSHEY_SIMPLEX, 0.55, kInk, 1, cv::LINE_AA);
    for (int q = 0; q < 5; ++q) {
        const int y = 100 + q * 82;
        cv::rectangle(m, cv::Rect(40, y, 320 - q * 20, 6), cv::Scalar(170), cv::FILLED);
        cv::rectangle(m, cv::Rect(40, y + 14, 250, 6), cv::Scalar(170), cv::FILLED);
        for (int o = 0; o < 4; ++o) cv::circle(m, {60 + o * 70, y + 45}, 8, kPrint, 1, cv::LINE_AA);
        cv::circle(m, {60 + ((q + 1) % 4) * 70, y + 45}, 7, kInk, cv::FILLED, cv::LINE_AA);
    }
    return encode(m);
}

}  // namespace

Fixture make_fixture_db(const std::string& path) {
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
    store::Db db(path);
    const std::string now = store::now_iso8601();
    Fixture f;

    auto input = [&](const std::string& name, const std::string& sha) {
        db.prepare("INSERT INTO inputs(sha256, path, name, kind, page_count, status, scanned_at) VALUES (?, ?, ?, 'pdf', 2, 'done', ?)")
            .bind(1, sha).bind(2, "scans/" + name).bind(3, name).bind(4, now).run();
        return db.last_insert_id();
    };
    auto page = [&](std::int64_t input_id, int index, const std::string& status, const char* participant,
                    const char* session, std::optional<int> sheet_page, bool preview) {
        auto st = db.prepare(
            "INSERT INTO pages(input_id, page_index, sha256, status, form, session, participant, sheet_page, id_source, "
            "rotation, residual_mm, dpi, preview_png) VALUES (?, ?, ?, ?, 'mlsysim-quiz', ?, ?, ?, ?, 0, 0.2, 300, ?)");
        st.bind(1, input_id).bind(2, index).bind(3, "px" + std::to_string(input_id) + "-" + std::to_string(index)).bind(4, status);
        if (session) st.bind(5, session); else st.bind_null(5);
        if (participant) st.bind(6, participant); else st.bind_null(6);
        st.bind(7, sheet_page);
        if (participant) st.bind(8, "barcode"); else st.bind_null(8);
        if (preview) st.bind(9, page_preview(participant ? std::string(participant) + " " + session : "unidentified page"));
        else st.bind_null(9);
        st.run();
        return db.last_insert_id();
    };
    auto crop = [&](std::int64_t page_id, const std::string& name, const Png& png) {
        db.prepare("INSERT INTO crops(page_id, name, png) VALUES (?, ?, ?)").bind(1, page_id).bind(2, name).bind(3, png).run();
        return db.last_insert_id();
    };
    auto item = [&](const std::string& kind, std::optional<std::int64_t> page_id, std::optional<std::string> field,
                    const char* participant, const char* session, std::optional<std::string> guess, const std::string& reason,
                    std::optional<std::int64_t> crop_id, std::optional<std::string> options, int audit) {
        auto st = db.prepare(
            "INSERT INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options, audit, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, kind).bind(2, page_id).bind(3, field);
        if (participant) st.bind(4, participant); else st.bind_null(4);
        if (session) st.bind(5, session); else st.bind_null(5);
        st.bind(6, guess).bind(7, reason).bind(8, crop_id).bind(9, options).bind(10, audit).bind(11, now);
        st.run();
        return db.last_insert_id();
    };

    store::Transaction tx(db);
    const auto in_a = input("scan-2024-a.pdf", "aaaa");
    const auto in_x = input(kXssSource, "xxxx");
    const auto in_b = input("scan-2024-b.pdf", "bbbb");
    const auto in_c = input("scan-2024-c.pdf", "cccc");
    f.page_a1 = page(in_a, 1, "read", "482913", "pre", 1, true);
    const auto a2 = page(in_a, 2, "read", "482913", "pre", 2, true);
    const auto x1 = page(in_x, 1, "unidentified", nullptr, nullptr, 2, true);  // its layout says: a page 2
    f.page_b1 = page(in_b, 1, "read", "482913", "pre", 1, true);
    const auto b2 = page(in_b, 2, "read", "551204", "post", 1, false);
    const auto c1 = page(in_c, 1, "read", "613370", "pre", 1, true);
    page(in_c, 2, "read", "613370", "pre", 2, true);
    for (const char* who : {"482913", "551204", "613370", "700001"})
        for (const char* session : {"pre", "post"})
            db.prepare("INSERT INTO roster(participant, session, form) VALUES (?, ?, 'mlsysim-quiz')").bind(1, who).bind(2, session).run();

    f.identity = item("page_identity", x1, std::nullopt, nullptr, nullptr, std::string("55120"),
                      "no barcode found; printed ID read as '55120', not on the roster (page 2)", crop(x1, "header", header_crop()),
                      std::nullopt, 0);
    f.q1 = item("choice", f.page_a1, "q1", "482913", "pre", "b", "a second, lighter mark on c (fill 0.38)",
                crop(f.page_a1, "q1", choice_crop({0.04, 0.83, 0.38, 0.02})),
                R"([{"value":"a","fill":0.04},{"value":"b","fill":0.83},{"value":"c","fill":0.38},{"value":"d","fill":0.02}])", 0);
    f.q2 = item("choice", f.page_a1, "q2", "482913", "pre", "", "no bubble is clearly filled",
                crop(f.page_a1, "q2", choice_crop({0.03, 0.05, 0.21, 0.04})),
                R"([{"value":"a","fill":0.03},{"value":"b","fill":0.05},{"value":"c","fill":0.21},{"value":"d","fill":0.04}])", 0);
    f.no_research = item("checkbox", f.page_a1, "no_research", "482913", "pre", "", "spot check of a confident reading",
                         crop(f.page_a1, "no_research", checkbox_crop(false)), R"([{"value":"yes","fill":0.02}])", 1);
    f.q6 = item("number", a2, "q6_int4", "482913", "pre", "40", "digit 2 is uncertain (0.61): 0 or 8",
                crop(a2, "q6_int4", number_crop("48", "")), R"([{"box":5,"digit":"4","confidence":0.97},{"box":6,"digit":"0","confidence":0.61}])", 0);
    f.q7 = item("number", a2, "q7_virginia", "482913", "pre", "0.6", "a mark near the decimal point",
                crop(a2, "q7_virginia", number_crop("0", "6")), std::nullopt, 0);
    f.q9 = item("choice", a2, "q9", "482913", "pre", "e", "a form with six options: e is filled, f faintly",
                crop(a2, "q9", choice_crop({0.02, 0.03, 0.02, 0.04, 0.81, 0.33})),
                R"([{"value":"a","fill":0.02},{"value":"b","fill":0.03},{"value":"c","fill":0.02},{"value":"d","fill":0.04},)"
                R"({"value":"e","fill":0.81},{"value":"f","fill":0.33}])", 0);
    std::string fields = "[";
    for (const char* q : {"q1", "q2", "q3", "q4", "q5"})
        fields += std::string(R"({"field":")") + q + R"(","kind":"choice","values":["a","b","c","d"],"read":)" +
                  (std::string(q) == "q3" ? R"("b"},)" : R"(""},)");
    fields += R"({"field":"no_research","kind":"checkbox","values":["yes"],"read":""}])";
    f.answers = item("page_answers", c1, std::nullopt, "613370", "pre", std::string("q1=;q2=;q3=b;q4=;q5=;no_research="),
                     "no marks found on this page \xe2\x80\x94 light pencil? key the answers from the paper", std::nullopt, fields, 0);
    const std::string cands = R"([{"page_id":)" + std::to_string(f.page_a1) + R"(,"source":"scan-2024-a.pdf","page_index":1},)" +
                              R"({"page_id":)" + std::to_string(f.page_b1) + R"(,"source":"scan-2024-b.pdf","page_index":1}])";
    f.duplicate = item("sheet_duplicate", f.page_b1, std::nullopt, "482913", "pre", std::to_string(f.page_a1),
                       "two different scans of 482913 pre page 1", std::nullopt, cands, 0);
    f.missing = item("sheet_missing", b2, std::string("page2"), "551204", "post", "rescan",
                     "page 2 of 551204 (post) was not found in the scans", std::nullopt, R"(["rescan","blank"])", 0);
    tx.commit();
    return f;
}

}  // namespace quizscan::review::testing
