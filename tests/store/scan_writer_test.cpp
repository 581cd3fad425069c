// The scan batch's writer over the database (store/scan_writer.hpp), in-process on a fresh
// database per test: inputs stay unfinished until their pages are counted, a page is kept once,
// a rejected file is recorded with its reason, another form's pages are forgotten to be read again.
#include <gtest/gtest.h>

#include "common/scratch.hpp"
#include "store/db.hpp"
#include "store/scan_writer.hpp"

using namespace quizscan;

namespace {

std::string fresh_db(const std::string& name) {
    return (quizscan::testing::fresh_dir("quizscan-store-tests", name) / "scan.sqlite").string();
}

PageResult blank_page() {
    PageResult r;
    r.status = PageStatus::Blank;
    r.reason = "nothing printed or written";
    return r;
}

}  // namespace

TEST(ScanWriter, AnInputIsUnfinishedUntilItsPagesAreCounted) {
    store::Db db(fresh_db("unfinished"));
    store::ScanWriter w(db, {});
    EXPECT_FALSE(w.input("aa"));
    const auto id = w.begin_input("aa", "/scans/a.pdf", "a.pdf", "pdf");
    EXPECT_EQ(w.begin_input("aa", "/elsewhere/a-copy.pdf", "a-copy.pdf", "pdf"), id) << "the same content is the same input";
    ASSERT_TRUE(w.input("aa"));
    EXPECT_FALSE(w.input("aa")->finished);
    EXPECT_FALSE(w.input("aa")->rejected);
    w.note_partly_read(id, "the file ends after page 2");
    EXPECT_EQ(w.input("aa")->note, "") << "an unfinished input is read again, not described";
    w.finish_input(id, 2);
    EXPECT_TRUE(w.input("aa")->finished);
    EXPECT_EQ(w.input("aa")->note, "the file ends after page 2");
}

TEST(ScanWriter, APageIsKeptOnceWithItsStatusAndReason) {
    store::Db db(fresh_db("page-once"));
    store::ScanWriter w(db, {});
    const auto id = w.begin_input("bb", "/scans/b.tif", "b.tif", "tiff");
    EXPECT_FALSE(w.page(id, 1));
    EXPECT_TRUE(w.store_page(id, 1, blank_page()));
    EXPECT_FALSE(w.store_page(id, 1, blank_page())) << "kept already (by a scan alongside): nothing stored";
    ASSERT_TRUE(w.page(id, 1));
    EXPECT_EQ(w.page(id, 1)->status, PageStatus::Blank);
    EXPECT_FALSE(w.page(id, 1)->rejected);
    EXPECT_EQ(w.page(id, 1)->reason, "nothing printed or written");
    w.store_rejected_page(id, 2, "could not be decoded: bad JPEG");
    ASSERT_TRUE(w.page(id, 2));
    EXPECT_TRUE(w.page(id, 2)->rejected);
    EXPECT_EQ(w.page(id, 2)->reason, "could not be decoded: bad JPEG");
}

TEST(ScanWriter, ARejectedFileIsRecordedAndItsInputForgottenUnlessPagesOfItAreKept) {
    store::Db db(fresh_db("rejected"));
    store::ScanWriter w(db, {});
    const auto empty = w.begin_input("cc", "/scans/c.png", "c.png", "png");
    w.reject_input(empty, "cc", "/scans/c.png", "c.png", "png", "not a picture");
    ASSERT_TRUE(w.input("cc"));
    EXPECT_TRUE(w.input("cc")->rejected) << "a rescan of the same content says it was rejected before";

    const auto part = w.begin_input("dd", "/scans/d.tif", "d.tif", "tiff");
    ASSERT_TRUE(w.store_page(part, 1, blank_page()));
    w.reject_input(part, "dd", "/scans/d.tif", "d.tif", "tiff", "page 2 is damaged");
    ASSERT_TRUE(w.input("dd"));
    EXPECT_FALSE(w.input("dd")->rejected) << "its kept page stays with its input";
    EXPECT_TRUE(w.page(part, 1));

    w.reject_input(0, "", "/scans/gone.png", "gone.png", "png", "no such file");  // never opened: nothing to record
    auto st = db.prepare("SELECT COUNT(*) FROM inputs");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.col_int(0), 2);
}

TEST(ScanWriter, AnotherFormsPagesAreForgottenToBeReadAgainWithTheirForm) {
    store::Db db(fresh_db("other-form"));
    store::ScanWriter w(db, {});
    const auto id = w.begin_input("ee", "/scans/e.pdf", "e.pdf", "pdf");
    PageResult other;
    other.status = PageStatus::OtherForm;
    other.reason = "a page of form other-quiz";
    other.id = PageId{};
    other.id->form = "other-quiz";
    ASSERT_TRUE(w.store_page(id, 1, other));
    ASSERT_TRUE(w.store_page(id, 2, blank_page()));
    w.finish_input(id, 2);
    EXPECT_EQ(w.forget_other_form_pages(id, "mlsysim-quiz"), 0) << "not this form's pages";
    EXPECT_TRUE(w.input("ee")->finished);
    EXPECT_EQ(w.forget_other_form_pages(id, "other-quiz"), 1);
    EXPECT_FALSE(w.page(id, 1));
    EXPECT_TRUE(w.page(id, 2));
    EXPECT_FALSE(w.input("ee")->finished) << "read again, with its own form";
}

TEST(ScanWriter, TheBatchEndsWithItsOpenReviewItemsCounted) {
    store::Db db(fresh_db("finish"));
    store::ScanWriter w(db, {});
    const auto id = w.begin_input("ff", "/scans/f.png", "f.png", "png");
    ASSERT_TRUE(w.store_page(id, 1, blank_page()));
    EXPECT_EQ(w.finish_batch().review_open, 0);
    PageResult unknown;
    unknown.status = PageStatus::Unidentified;
    unknown.reason = "barcode unreadable";
    unknown.header = cv::Mat(40, 200, CV_8U, cv::Scalar(255));
    ASSERT_TRUE(w.store_page(id, 2, unknown));
    const auto s = w.finish_batch();
    EXPECT_EQ(s.review_open, 1) << "the unidentified page waits for a person";
    EXPECT_EQ(s.sheets, 0);
}
