// BlankSource: the blank pages are made once, on first use, whichever thread asks; never when no
// page asks for them; a failure is a null, asked about once, not a crash.
#include "scan/blank_source.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace quizscan {
namespace {

BlankForm one_page() {
    BlankForm f;
    f.pages.push_back(cv::Mat(10, 8, CV_8U, cv::Scalar(255)));
    return f;
}

TEST(BlankSource, IsNotRenderedUntilAPageAsksForIt) {
    int renders = 0;
    const BlankSource source([&] { return ++renders, one_page(); }, "form (letter)");
    EXPECT_EQ(renders, 0);
    ASSERT_NE(source.get(), nullptr);
    EXPECT_EQ(source.get()->pages.size(), 1u);
    EXPECT_EQ(renders, 1);
}

TEST(BlankSource, ManyThreadsAskingAtOnceRenderItOnce) {
    std::atomic<int> renders{0};
    const BlankSource source([&] {
        ++renders;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // others ask meanwhile
        return one_page();
    }, "form (a4)");
    std::vector<const BlankForm*> seen(8, nullptr);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = source.get(); });
    for (auto& t : threads) t.join();
    EXPECT_EQ(renders.load(), 1);
    for (const auto* s : seen) EXPECT_EQ(s, seen.front());
    EXPECT_NE(seen.front(), nullptr);
}

TEST(BlankSource, AFailedRenderIsNoBlankAndIsNotTriedForEveryPage) {
    int tries = 0;
    const BlankSource source([&]() -> BlankForm {
        ++tries;
        throw std::runtime_error("no fonts");
    }, "form (letter)");
    EXPECT_EQ(source.get(), nullptr);
    EXPECT_EQ(source.get(), nullptr);
    EXPECT_EQ(tries, 1);
}

}  // namespace
}  // namespace quizscan
