// The reader threads in-process (scan/read_pool.hpp), with a fake writer: outcomes come back in
// submission order whatever order the threads finish in, each job exactly once, a file that cannot
// be decoded as the file's error, a page that cannot be read as the page's error, never as a page
// of some other kind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "core/form.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "scan/read_pool.hpp"

using namespace quizscan;
namespace fs = std::filesystem;

namespace {

struct Fixture {
    Form form = load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml");
    Layout letter = make_layout(form, paper_by_name("letter"));
    Layout a4 = make_layout(form, paper_by_name("a4"));
    fs::path dir = fs::temp_directory_path() / ("quizscan-pool-" + std::to_string(getpid()));
    Fixture() { fs::create_directories(dir); }
    ~Fixture() { fs::remove_all(dir); }
    ReadContext context() const { return ReadContext{form, letter, a4}; }
};

}  // namespace

TEST(ReadPool, DeliversEveryJobOnceInSubmissionOrder) {
    Fixture f;
    // Blank pages of different sizes (the larger ones take longer), a file that is no image, one missing.
    std::vector<PageJob> jobs;
    for (int i = 0; i < 12; ++i) {
        const fs::path p = f.dir / ("page" + std::to_string(i) + ".png");
        const int scale = 1 + (i * 7) % 4;
        cv::imwrite(p.string(), cv::Mat(280 * scale, 216 * scale, CV_8U, cv::Scalar(250)));
        jobs.push_back({100 + i, p.string(), InputKind::Png, 1, 1});
    }
    const fs::path junk = f.dir / "junk.png";
    std::ofstream(junk) << "not a picture";
    jobs.insert(jobs.begin() + 5, PageJob{50, junk.string(), InputKind::Png, 1, 1});
    jobs.insert(jobs.begin() + 9, PageJob{60, (f.dir / "gone.png").string(), InputKind::Png, 1, 1});

    std::vector<PageDone> out;
    {
        ReadPool pool(3, 300, [&f](int) { return f.context(); }, [&out](PageDone& d) { out.push_back(std::move(d)); });
        for (const auto& j : jobs) pool.submit(j);
        pool.drain();
    }
    ASSERT_EQ(out.size(), jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        EXPECT_EQ(out[i].job.input_id, jobs[i].input_id) << "outcome " << i << " out of order";
        if (jobs[i].input_id == 50 || jobs[i].input_id == 60) {
            EXPECT_FALSE(out[i].file_error.empty()) << out[i].source << " must be the file's error";
        } else {
            EXPECT_TRUE(out[i].file_error.empty() && out[i].page_error.empty()) << out[i].source << ": " << out[i].file_error << out[i].page_error;
            EXPECT_EQ(out[i].result.status, PageStatus::Blank) << out[i].source;
        }
    }
}

TEST(ReadPool, HoldsAtMostTwoPagesPerThreadAndStopsCleanlyWhenDropped) {
    Fixture f;
    const fs::path p = f.dir / "blank.png";
    cv::imwrite(p.string(), cv::Mat(560, 432, CV_8U, cv::Scalar(250)));
    int delivered = 0, submitted = 0;
    {
        ReadPool pool(2, 300, [&f](int) { return f.context(); }, [&](PageDone&) {
            ++delivered;
            EXPECT_LE(submitted - delivered, 4) << "more pages held than 2 per reader thread";
        });
        for (int i = 0; i < 20; ++i) {
            ++submitted;
            pool.submit(PageJob{i, p.string(), InputKind::Png, 1, 1});
        }
        // Dropped without drain: the threads stop, nothing is delivered after.
    }
    EXPECT_GE(delivered, 20 - 4);
    EXPECT_LE(delivered, 20);
}
