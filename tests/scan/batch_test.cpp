// The scan batch in-process (scan/batch.hpp) with an in-memory PageStore: every file ends read,
// skipped or rejected with its reason; pages are kept in input order, each once; an interrupted
// file resumes without reading its kept pages again; a failing store names the page and the
// batch goes on. A watched folder's file is taken once it has stopped changing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "common/scratch.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "scan/batch.hpp"
#include "scan/inputs.hpp"
#include "scan/watch.hpp"

using namespace quizscan;
namespace fs = std::filesystem;

namespace {

// Keeps what the batch hands it in maps, and a log of the pages in the order they were kept.
class MemoryStore : public PageStore {
public:
    struct File {
        Input input;
        std::string path, kind, why;  // why: rejected
        int pages = 0;                // finished with
    };
    std::map<std::string, File> files;                      // by sha256
    std::map<std::pair<std::int64_t, int>, Page> pages;     // (input, page)
    std::vector<std::pair<std::int64_t, int>> kept;         // in the order kept
    int fail_on_page = 0;                                   // store_page throws for this page index of any input
    bool fail_finish = false;

    std::optional<Input> input(const std::string& sha) override {
        auto it = files.find(sha);
        return it == files.end() ? std::nullopt : std::optional<Input>(it->second.input);
    }
    std::int64_t begin_input(const std::string& sha, const std::string& path, const std::string&, const std::string& kind) override {
        auto& f = files[sha];
        if (!f.input.id) f.input.id = static_cast<std::int64_t>(files.size());
        f.path = path, f.kind = kind;
        return f.input.id;
    }
    File* by_id(std::int64_t id) {
        for (auto& [sha, f] : files)
            if (f.input.id == id) return &f;
        return nullptr;
    }
    void finish_input(std::int64_t id, int n) override {
        by_id(id)->pages = n;
        by_id(id)->input.finished = true;
    }
    void note_partly_read(std::int64_t id, const std::string& why) override { by_id(id)->input.note = why; }
    int forget_other_form_pages(std::int64_t, const std::string&) override { return 0; }
    void reject_input(std::int64_t id, const std::string& sha, const std::string& path, const std::string&, const std::string& kind,
                      const std::string& why) override {
        if (id && by_id(id) && !pages.count({id, 1})) files.erase(sha);
        if (sha.empty()) return;
        auto& f = files[sha];
        if (!f.input.id) f.input.id = 1000 + static_cast<std::int64_t>(files.size());
        f.input.rejected = true, f.path = path, f.kind = kind, f.why = why;
    }
    std::optional<Page> page(std::int64_t id, int index) override {
        auto it = pages.find({id, index});
        return it == pages.end() ? std::nullopt : std::optional<Page>(it->second);
    }
    bool store_page(std::int64_t id, int index, const PageResult& r) override {
        if (index == fail_on_page) throw std::runtime_error("disk full");
        if (pages.count({id, index})) return false;
        pages[{id, index}] = Page{false, r.status, r.reason};
        kept.emplace_back(id, index);
        return true;
    }
    void store_rejected_page(std::int64_t id, int index, const std::string& why) override {
        pages[{id, index}] = Page{true, PageStatus::Foreign, why};
        kept.emplace_back(id, index);
    }
    Sheets finish_batch() override {
        if (fail_finish) throw std::runtime_error("database is locked");
        return Sheets{};
    }
};

// Counts what the batch tells as it goes.
struct Tally : BatchProgress {
    int files = 0, queued_pages = 0, before = 0, pages = 0;
    void file(int, const std::string&) override { ++files; }
    void queued() override { ++queued_pages; }
    void stored_before(int n) override { before += n; }
    void page() override { ++pages; }
};

struct Fixture {
    Form form = load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml");
    Layout letter = make_layout(form, paper_by_name("letter"));
    Layout a4 = make_layout(form, paper_by_name("a4"));
    Tally tally;
    BatchOptions opts;
    Fixture() { opts.form_id = form.id, opts.jobs = 2; }

    ScanSummary run(const std::vector<std::string>& args, PageStore& store) {
        return run_batch(list_inputs(args), opts, store, [this](int) { return ReadContext{form, letter, a4}; }, tally);
    }
};

// A white letter page at 50 dpi (read as blank), its shade making each file's content its own.
cv::Mat white_page(int shade) { return cv::Mat(550, 425, CV_8U, cv::Scalar(shade)); }

fs::path write_png(const fs::path& dir, const std::string& name, int shade) {
    const fs::path p = dir / name;
    cv::imwrite(p.string(), white_page(shade));
    return p;
}

fs::path write_tiff(const fs::path& dir, const std::string& name, int pages, int shade) {
    const fs::path p = dir / name;
    std::vector<cv::Mat> v;
    for (int i = 0; i < pages; ++i) v.push_back(white_page(shade - i));
    cv::imwritemulti(p.string(), v);
    return p;
}

}  // namespace

TEST(ScanBatch, EveryFileEndsReadSkippedOrRejectedAndPagesAreKeptInOrder) {
    Fixture f;
    const fs::path dir = quizscan::testing::fresh_dir("quizscan-batch-tests", "every-file");
    write_png(dir, "a.png", 250);
    write_tiff(dir, "b.tif", 3, 248);
    write_png(dir, "c.png", 246);
    fs::copy_file(dir / "a.png", dir / "d-copy.png");
    std::ofstream(dir / "e.png") << "not a picture";
    MemoryStore store;
    const ScanSummary s = f.run({dir.string()}, store);

    EXPECT_EQ(s.files, 3);
    EXPECT_EQ(s.files_rejected, 1);
    ASSERT_EQ(s.rejected.size(), 1u);
    EXPECT_NE(s.rejected[0].find("e.png"), std::string::npos) << s.rejected[0];
    ASSERT_EQ(s.skipped.size(), 1u);
    EXPECT_NE(s.skipped[0].find("the same content as"), std::string::npos) << s.skipped[0];
    EXPECT_EQ(s.pages, 5);
    EXPECT_EQ(s.pages_blank, 5);
    // Kept in the order of the files and their pages, each once.
    const std::int64_t a = store.input(sha256_of_file((dir / "a.png").string()))->id;
    const std::int64_t b = store.input(sha256_of_file((dir / "b.tif").string()))->id;
    const std::int64_t c = store.input(sha256_of_file((dir / "c.png").string()))->id;
    const std::vector<std::pair<std::int64_t, int>> order{{a, 1}, {b, 1}, {b, 2}, {b, 3}, {c, 1}};
    EXPECT_EQ(store.kept, order);
    EXPECT_EQ(f.tally.files, 5) << "the progress names every file";
    EXPECT_EQ(f.tally.queued_pages, 5);
    EXPECT_EQ(f.tally.pages, 5);
    EXPECT_EQ(store.files[sha256_of_file((dir / "b.tif").string())].pages, 3);
    const auto junk = store.input(sha256_of_file((dir / "e.png").string()));
    ASSERT_TRUE(junk && junk->rejected) << "the unreadable file is recorded as rejected, so a rescan names it again";

    // The same folder again: nothing is read twice; the rejected file is named again.
    const std::size_t kept_before = store.kept.size();
    const ScanSummary again = f.run({dir.string()}, store);
    EXPECT_EQ(store.kept.size(), kept_before);
    EXPECT_EQ(again.files_skipped, 4);
    EXPECT_EQ(again.files_rejected, 1);
    EXPECT_EQ(again.pages, 0);
}

TEST(ScanBatch, AnInterruptedFileResumesWithoutReadingItsKeptPagesAgain) {
    Fixture f;
    const fs::path dir = quizscan::testing::fresh_dir("quizscan-batch-tests", "resume");
    const fs::path tif = write_tiff(dir, "stack.tif", 4, 250);
    MemoryStore store;
    const std::int64_t id = store.begin_input(sha256_of_file(tif.string()), tif.string(), "stack.tif", "tiff");
    store.pages[{id, 1}] = PageStore::Page{false, PageStatus::Read, ""};  // an earlier scan kept pages 1 and 3
    store.pages[{id, 3}] = PageStore::Page{true, PageStatus::Foreign, "could not be decoded"};

    const ScanSummary s = f.run({tif.string()}, store);
    const std::vector<std::pair<std::int64_t, int>> order{{id, 2}, {id, 4}};
    EXPECT_EQ(store.kept, order);
    EXPECT_EQ(f.tally.queued_pages, 2) << "only the pages not kept before are read";
    EXPECT_EQ(f.tally.before, 2);
    EXPECT_EQ(f.tally.pages, 2);
    EXPECT_EQ(s.pages, 4);
    EXPECT_EQ(s.pages_read, 1);
    EXPECT_EQ(s.pages_rejected, 1);
    EXPECT_EQ(s.pages_blank, 2);
    EXPECT_EQ(store.files.begin()->second.pages, 4) << "the file is finished once its last page is kept";
}

TEST(ScanBatch, APageTheStoreCannotKeepIsNamedAndTheRestGoOn) {
    Fixture f;
    const fs::path dir = quizscan::testing::fresh_dir("quizscan-batch-tests", "store-fails");
    write_tiff(dir, "stack.tif", 3, 250);
    write_png(dir, "single.png", 240);
    MemoryStore store;
    store.fail_on_page = 2;
    store.fail_finish = true;
    const ScanSummary s = f.run({dir.string()}, store);
    EXPECT_EQ(store.kept.size(), 3u) << "pages 1 and 3 of the TIFF and the PNG";
    EXPECT_EQ(s.pages_rejected, 1);
    bool named = false;
    for (const auto& line : s.flagged) named |= line.find("stack.tif p2: not stored (disk full)") != std::string::npos;
    EXPECT_TRUE(named);
    ASSERT_EQ(s.sheet_problems.size(), 1u);
    EXPECT_NE(s.sheet_problems[0].find("database is locked"), std::string::npos);
}

TEST(SettledFiles, AFileIsTakenOnceItStopsChangingAndAgainWhenWrittenAnew) {
    const fs::path dir = quizscan::testing::fresh_dir("quizscan-batch-tests", "settled");
    const std::string a = (dir / "a.pdf").string();
    SettledFiles settled;
    std::ofstream(a) << "%PDF-1.4 part";
    EXPECT_TRUE(settled.take({a}).empty()) << "first seen: it may still be written";
    std::ofstream(a, std::ios::app) << " and more";
    EXPECT_TRUE(settled.take({a}).empty()) << "it grew since the last look";
    EXPECT_EQ(settled.take({a}), std::vector<std::string>{a});
    EXPECT_TRUE(settled.take({a}).empty()) << "taken once";
    EXPECT_TRUE(settled.take({a, (dir / "gone.pdf").string()}).empty()) << "a file that is not there is not taken";
    std::ofstream(a, std::ios::app) << ", scanned again";
    EXPECT_TRUE(settled.take({a}).empty());
    EXPECT_EQ(settled.take({a}), std::vector<std::string>{a}) << "written anew: taken again";
}
