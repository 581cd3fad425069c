// `quizscan scan --watch` as a user runs it beside a scanner: the command keeps running, reads each
// file the scanner drops into the folder once it is written (a file arriving in pieces is read once,
// whole), and on Ctrl-C stops and prints the summary of everything it read.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <opencv2/imgcodecs.hpp>
#include <thread>

#include "cli/cli_util.hpp"
#include "store/db.hpp"

extern char** environ;

using namespace quizscan::clitest;

namespace {

// Starts `args` with stdout and stderr to files; returns its pid.
pid_t spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

// The pages the database holds, by status ("read 2"), once it exists.
int pages_with_status(const fs::path& db_path, const std::string& status) {
    if (!fs::exists(db_path)) return 0;
    quizscan::store::Db db(db_path.string());
    auto st = db.prepare("SELECT COUNT(*) FROM pages WHERE status = ?");
    st.bind(1, status);
    return st.step() ? static_cast<int>(st.col_int(0)) : 0;
}

bool wait_for(const std::function<bool()>& done, int seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return done();
}

}  // namespace

TEST(ScanWatch, ReadsEachFileAsItArrivesOnceAndPrintsTheSummaryWhenStopped) {
    const fs::path dir = fresh_dir("scan-watch");
    const fs::path inbox = dir / "scanner";
    fs::create_directories(inbox);
    const fs::path db = dir / "watch.sqlite";
    const quizscan::Form form = quizscan::load_form(kQuizForm);
    const quizscan::Layout layout = quizscan::make_layout(form, quizscan::paper_by_name("letter"));
    auto pages = print_and_render(kExe, dir, "", {"482913"});
    ASSERT_EQ(pages.size(), 2u);
    for (const auto& [field, value] : {std::pair{"q1", "b"}, {"q2", "a"}, {"q3", "b"}, {"q4", "b"}, {"q5", "a"}})
        fill(pages[0], layout, 1, field, value);
    for (const auto& [field, value] : {std::pair{"q8", "b"}, {"q9", "a"}, {"q10", "a"}}) fill(pages[1], layout, 2, field, value);

    const pid_t pid = spawn({kExe, "scan", "--db", db.string(), "--watch", "--watch-interval", "1", "--jobs", "1", inbox.string()},
                            dir / "out.txt", dir / "err.txt");
    ASSERT_GT(pid, 0);
    // The front arrives as a scanner writes it: in pieces, a moment apart.
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", pages[0], jpeg, {cv::IMWRITE_JPEG_QUALITY, 90});
    {
        std::ofstream f(inbox / "scan-0001.jpg", std::ios::binary);
        const std::size_t part = jpeg.size() / 4;
        for (std::size_t at = 0; at < jpeg.size(); at += part) {
            f.write(reinterpret_cast<const char*>(jpeg.data() + at), static_cast<std::streamsize>(std::min(part, jpeg.size() - at)));
            f.flush();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_TRUE(wait_for([&] { return pages_with_status(db, "read") == 1; }, 90)) << read_file(dir / "err.txt");
    // The back, later; a note the scanner writes beside its files is not a scan.
    cv::imwrite((inbox / "scan-0002.png").string(), pages[1]);
    write_file(inbox / "notes.txt", "batch 1");
    EXPECT_TRUE(wait_for([&] { return pages_with_status(db, "read") == 2; }, 90)) << read_file(dir / "err.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // more looks: nothing is read twice

    ASSERT_EQ(kill(pid, SIGINT), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "stopped by Ctrl-C without its summary";
    EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir / "err.txt");
    const std::string out = read_file(dir / "out.txt");
    EXPECT_NE(out.find("scanned 2 files"), std::string::npos) << out;
    EXPECT_NE(out.find("sheets: 1 (1 with both pages)"), std::string::npos) << out;
    EXPECT_EQ(pages_with_status(db, "read"), 2);
    quizscan::store::Db d(db.string());
    auto st = d.prepare("SELECT COUNT(*) FROM inputs");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.col_int(0), 2) << "each file once";
}

TEST(ScanWatch, WatchingAFileInsteadOfAFolderIsRefused) {
    const fs::path dir = fresh_dir("scan-watch-file");
    write_file(dir / "a.png", "x");
    const auto r = run(q(kExe) + " scan --db " + q((dir / "w.sqlite").string()) + " --watch " + q((dir / "a.png").string()));
    EXPECT_EQ(r.rc, 2) << describe(r);
    EXPECT_NE(r.err.find("--watch reads folders"), std::string::npos) << describe(r);
    EXPECT_FALSE(fs::exists(dir / "w.sqlite"));
}
