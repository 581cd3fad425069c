// The installed command: `cmake --install` to a temporary prefix, then from another directory
// (no forms/ or calibration/ there) print, scan a rendered sheet and export with the installed
// binary, which must take its form and digit models from <prefix>/share/quizscan.
#include <gtest/gtest.h>

#include "cli_util.hpp"

using namespace quizscan::clitest;

TEST(Install, InstalledCommandWorksFromAnyDirectory) {
    const fs::path prefix = fresh_dir("prefix");
    const CmdResult in = run("cmake --install " + q(QUIZSCAN_BUILD_DIR) + " --prefix " + q(prefix.string()));
    ASSERT_EQ(in.rc, 0) << describe(in);
    const fs::path exe = prefix / "bin" / "quizscan";
    ASSERT_TRUE(fs::exists(exe));
    const fs::path share = prefix / "share" / "quizscan";
    EXPECT_TRUE(fs::exists(share / "forms" / "mlsysim-quiz.yaml"));
    EXPECT_TRUE(fs::exists(share / "forms" / "exit-ticket.yaml"));
    EXPECT_TRUE(fs::exists(share / "calibration" / "icr-thresholds.json"));

    const fs::path work = fresh_dir("elsewhere");
    const std::string in_work = "cd " + q(work.string()) + " && ";
    const CmdResult v = run(in_work + q(exe.string()) + " --version");
    EXPECT_EQ(v.rc, 0) << describe(v);

    // print with the default form, found beside the installed binary.
    auto pages = print_and_render(exe.string(), work, "", {"482913"});
    const quizscan::Layout layout =
        quizscan::make_layout(quizscan::load_form((share / "forms" / "mlsysim-quiz.yaml").string()), quizscan::paper_by_name("letter"));
    // Every choice answered (a page with few answers would be a "no marks found" review item).
    for (const auto& [field, value] : {std::pair{"q1", "b"}, {"q2", "a"}, {"q3", "b"}, {"q4", "b"}, {"q5", "a"}})
        fill(pages[0], layout, 1, field, value);
    for (const auto& [field, value] : {std::pair{"q8", "b"}, {"q9", "a"}, {"q10", "a"}}) fill(pages[1], layout, 2, field, value);
    cv::imwrite((work / "front.png").string(), pages[0]);
    cv::imwrite((work / "back.png").string(), pages[1]);
    const CmdResult sc = run(in_work + q(exe.string()) + " -v scan --jobs 2 --db quiz.db front.png back.png");
    EXPECT_EQ(sc.rc, 0) << describe(sc);
    // The form and the digit models came from the prefix, not the source tree.
    EXPECT_NE(sc.err.find("data: " + share.string()), std::string::npos) << describe(sc);
    EXPECT_EQ(sc.err.find("digit models not loaded"), std::string::npos) << describe(sc);
    EXPECT_NE(sc.out.find("pages read: 2"), std::string::npos) << describe(sc);

    const CmdResult ex = run(in_work + q(exe.string()) + " export --db quiz.db --out out");
    EXPECT_EQ(ex.rc, 0) << describe(ex);
    const std::string csv = read_file(work / "out" / "responses.csv");
    EXPECT_NE(csv.find("\n482913,pre,,b,a,b,b,a,"), std::string::npos) << csv;
}
