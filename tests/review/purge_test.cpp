// Retention: `store::purge_images` on the review fixture removes every image and keeps
// readings, items and decisions; the review API then answers 410 for images and says
// when they were purged, and resolving still works. The CLI refuses while items are open.
#include "review/server.hpp"
#include "store/purge.hpp"

#include "common/run_command.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using nlohmann::json;
using quizscan::store::Db;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef";

std::string readings(Db& db) {
    auto st = db.prepare("SELECT group_concat(page_id || field || value || needs_review, ';') FROM "
                         "(SELECT * FROM readings ORDER BY id)");
    return st.step() ? st.col_text(0) : std::string();
}

}  // namespace

TEST(Purge, RemovesImagesKeepsEverythingElse) {
    const std::string path = temp_db_path();
    make_fixture_db(path);
    Db db(path);
    ASSERT_GT(count(db, "SELECT COUNT(*) FROM crops"), 0);
    ASSERT_GT(count(db, "SELECT COUNT(*) FROM pages WHERE preview_png IS NOT NULL"), 0);
    EXPECT_FALSE(quizscan::store::images_purged_at(db));
    const auto items = snapshot(db);
    const auto read = readings(db);
    const auto crops = count(db, "SELECT COUNT(*) FROM crops");

    const auto r = quizscan::store::purge_images(db);
    EXPECT_EQ(r.crops, crops);
    EXPECT_GT(r.previews, 0);
    EXPECT_GT(r.image_bytes, 0);
    EXPECT_LT(r.file_bytes_after, r.file_bytes_before);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM crops"), 0);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE preview_png IS NOT NULL"), 0);
    EXPECT_EQ(snapshot(db), items);   // review items and resolutions untouched
    EXPECT_EQ(readings(db), read);
    EXPECT_TRUE(quizscan::store::images_purged_at(db));
    EXPECT_EQ(count(db, "PRAGMA foreign_key_check"), -1);  // no rows: no dangling references

    const auto again = quizscan::store::purge_images(db);
    EXPECT_EQ(again.crops, 0);
    EXPECT_EQ(again.previews, 0);
}

TEST(Purge, ReviewApiSaysPurged) {
    const std::string path = temp_db_path();
    const Fixture f = make_fixture_db(path);
    ServerOptions o;
    o.token = kToken;
    ReviewServer server(path, o);
    const int port = server.start();
    httplib::Client cli("127.0.0.1", port);
    const httplib::Headers auth = {{"Authorization", "Bearer " + kToken}};
    const std::string image = "/api/items/" + std::to_string(f.q1) + "/image";
    ASSERT_EQ(cli.Get(image.c_str(), auth)->status, 200);
    EXPECT_EQ(cli.Get(("/api/items/" + std::to_string(f.missing) + "/image").c_str(), auth)->status, 404);
    EXPECT_TRUE(json::parse(cli.Get("/api/queue", auth)->body)["images_purged_at"].is_null());
    {
        Db db(path);
        quizscan::store::purge_images(db);
    }
    auto r = cli.Get(image.c_str(), auth);
    EXPECT_EQ(r->status, 410);
    EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("purged"), std::string::npos);
    EXPECT_EQ(cli.Get(("/api/items/" + std::to_string(f.identity) + "/page").c_str(), auth)->status, 410);
    const json q = json::parse(cli.Get("/api/queue", auth)->body);
    EXPECT_TRUE(q["images_purged_at"].is_string());
    for (const auto& it : q["items"]) {
        EXPECT_TRUE(it["image"].is_null());
        EXPECT_FALSE(it["digital"].get<bool>());
    }
    // Deciding still works without the picture.
    r = cli.Post(("/api/items/" + std::to_string(f.q1)).c_str(), auth, R"({"value":"b"})", "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    server.stop();
}

TEST(Purge, CliRefusesWhileItemsAreOpen) {
    const std::string path = temp_db_path();
    make_fixture_db(path);
    using quizscan::testing::q;
    auto r = quizscan::testing::run(std::string(QUIZSCAN_EXE) + " purge --images --db " + q(path));
    EXPECT_EQ(r.rc, 1);
    EXPECT_NE(r.out.find("review items are still open"), std::string::npos) << r.out;
    {
        Db db(path);
        EXPECT_GT(count(db, "SELECT COUNT(*) FROM crops"), 0);
    }
    r = quizscan::testing::run(std::string(QUIZSCAN_EXE) + " purge --images --force --db " + q(path));
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("field crops"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" freed"), std::string::npos) << r.out;
    Db db(path);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM crops"), 0);
}
