// The review HTTP API over real sockets: token and Host checks, errors that change
// nothing, resolve/undo/history, two tabs (409), security headers, no path traversal.
#include "review/server.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using nlohmann::json;
using quizscan::store::Db;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef";

class Api : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = temp_db_path();
        f_ = make_fixture_db(path_);
        ServerOptions o;
        o.token = kToken;
        o.on_url = [this](const std::string& u) { url_ = u; };
        server_ = std::make_unique<ReviewServer>(path_, o);
        port_ = server_->start();
        cli_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
        db_ = std::make_unique<Db>(path_);
    }
    void TearDown() override { server_->stop(); }

    httplib::Headers auth(const std::string& token = kToken) { return {{"Authorization", "Bearer " + token}}; }
    httplib::Result post(const std::string& path, const std::string& body, const httplib::Headers& h) {
        return cli_->Post(path.c_str(), h, body, "application/json");
    }
    std::string item(std::int64_t id) { return "/api/items/" + std::to_string(id); }

    std::string path_, url_;
    Fixture f_;
    int port_ = 0;
    std::unique_ptr<ReviewServer> server_;
    std::unique_ptr<httplib::Client> cli_;
    std::unique_ptr<Db> db_;
};

}  // namespace

TEST_F(Api, PrintsUrlWithToken) {
    EXPECT_EQ(url_, "http://127.0.0.1:" + std::to_string(port_) + "/?token=" + kToken);
    EXPECT_EQ(random_token().size(), 32u);
    EXPECT_NE(random_token(), random_token());
}

TEST_F(Api, MissingOrWrongTokenIs401AndChangesNothing) {
    const auto before = snapshot(*db_);
    auto r = cli_->Get("/api/queue");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(json::parse(r->body).contains("error"));
    r = post(item(f_.q1), R"({"value":"b"})", {});
    EXPECT_EQ(r->status, 401);
    r = post(item(f_.q1), R"({"value":"b"})", auth("ffffffffffffffffffffffffffffffff"));
    EXPECT_EQ(r->status, 401);
    r = post(item(f_.q1), R"({"value":"b"})", auth(kToken.substr(0, 31)));
    EXPECT_EQ(r->status, 401);
    // ?token= is for things a browser loads by URL, not for API calls.
    r = post(item(f_.q1) + "?token=" + kToken, R"({"value":"b"})", {});
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(cli_->Get(("/api/queue?token=" + kToken).c_str())->status, 401);
    EXPECT_EQ(cli_->Get("/?token=wrong")->status, 401);
    EXPECT_EQ(cli_->Get("/")->status, 401);
    EXPECT_EQ(cli_->Get("/app.js")->status, 401);
    EXPECT_EQ(cli_->Get((item(f_.q1) + "/image").c_str())->status, 401);
    EXPECT_EQ(snapshot(*db_), before);
}

TEST_F(Api, ForeignHostIs403) {
    const auto before = snapshot(*db_);
    auto h = auth();
    h.emplace("Host", "evil.example:" + std::to_string(port_));
    auto r = post(item(f_.q1), R"({"value":"b"})", h);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    auto h2 = auth();
    h2.emplace("Host", "127.0.0.1:1");
    EXPECT_EQ(cli_->Get("/api/queue", h2)->status, 403);
    auto h3 = auth();
    h3.emplace("Host", "localhost:" + std::to_string(port_));
    EXPECT_EQ(cli_->Get("/api/queue", h3)->status, 200);
    EXPECT_EQ(snapshot(*db_), before);
}

TEST_F(Api, ErrorsAreJsonAndChangeNothing) {
    const auto before = snapshot(*db_);
    auto r = post(item(9999), R"({"value":"b"})", auth());
    EXPECT_EQ(r->status, 404);
    EXPECT_NE(json::parse(r->body).value("error", "").find("9999"), std::string::npos);
    EXPECT_EQ(cli_->Get((item(9999) + "/image").c_str(), auth())->status, 404);
    EXPECT_EQ(post(item(9999) + "/undo", "", auth())->status, 404);
    for (const char* body : {"{value:", "", "[]", "\"b\"", R"({"value":5})", R"({"val":"b"})", R"({"value":"b","revision":"x"})"}) {
        r = post(item(f_.q1), body, auth());
        EXPECT_EQ(r->status, 400) << body;
        EXPECT_TRUE(json::parse(r->body).contains("error")) << body;
    }
    r = post(item(f_.q6), R"({"value":"4O"})", auth());
    EXPECT_EQ(r->status, 422);
    EXPECT_NE(json::parse(r->body).value("error", "").find("number"), std::string::npos) << r->body;
    EXPECT_EQ(post(item(f_.q1), R"({"value":"x"})", auth())->status, 422);
    EXPECT_EQ(post(item(f_.identity), R"({"value":"482913/pre"})", auth())->status, 422);
    EXPECT_EQ(post(item(f_.q1) + "/undo", "", auth())->status, 409);  // not resolved
    EXPECT_EQ(cli_->Get("/api/nope", auth())->status, 404);
    EXPECT_EQ(snapshot(*db_), before);
}

TEST_F(Api, QueueResolveUndoHistory) {
    auto r = cli_->Get("/api/queue", auth());
    ASSERT_EQ(r->status, 200);
    EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
    auto q = json::parse(r->body);
    ASSERT_EQ(q["items"].size(), 10u);
    const auto& first = q["items"][0];
    for (const char* k : {"id", "kind", "participant_id", "session", "field", "guess", "source", "page_index", "image"})
        EXPECT_TRUE(first.contains(k)) << k;
    EXPECT_EQ(first["source"], kXssSource);  // as data; the page renders it as text
    EXPECT_EQ(first["kind"], "page_identity");
    const auto& q1 = q["items"][1];
    EXPECT_EQ(q1["image"], item(f_.q1) + "/image");
    ASSERT_EQ(q1["choices"].size(), 4u);
    EXPECT_DOUBLE_EQ(q1["choices"][1]["fill"].get<double>(), 0.83);

    auto img = cli_->Get(q1["image"].get<std::string>().c_str(), auth());
    ASSERT_EQ(img->status, 200);
    EXPECT_EQ(img->get_header_value("Content-Type"), "image/png");
    EXPECT_EQ(img->body.substr(1, 3), "PNG");
    EXPECT_EQ(cli_->Get((item(f_.q1) + "/image?token=" + kToken).c_str())->status, 200);
    EXPECT_EQ(cli_->Get((item(f_.q1) + "/page?token=" + kToken).c_str())->status, 200);
    EXPECT_EQ(cli_->Get((item(f_.duplicate) + "/page?n=1").c_str(), auth())->status, 200);
    EXPECT_EQ(cli_->Get((item(f_.missing) + "/page").c_str(), auth())->status, 404);

    r = post(item(f_.q6), R"({"value":"48","revision":0})", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    auto res = json::parse(r->body);
    EXPECT_EQ(res["item"]["value"], "48");
    EXPECT_EQ(res["item"]["revision"], 1);
    r = post(item(f_.q6) + "/undo", R"({"revision":1})", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    r = post(item(f_.q1), R"({"value":"B"})", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["item"]["value"], "b");
    r = post("/api/undo", "", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["item"]["id"], f_.q1);

    auto h = json::parse(cli_->Get("/api/history?limit=10", auth())->body)["items"];
    ASSERT_EQ(h.size(), 4u);
    EXPECT_EQ(h[0]["action"], "undo");
    EXPECT_EQ(h[0]["item_id"], f_.q1);
    EXPECT_EQ(h[3]["action"], "resolve");
    EXPECT_EQ(h[3]["new_value"], "48");
    EXPECT_EQ(h[3]["via"], "web");
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM resolutions"), 4);
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM review_items WHERE state = 'open'"), 10);
}

TEST_F(Api, IdentityChoicesNextCommandsAndSixOptions) {
    const auto q = json::parse(cli_->Get("/api/queue", auth())->body);
    const auto& identity = q["items"][0];
    ASSERT_EQ(identity["id"], f_.identity);
    ASSERT_GE(identity["identity_choices"].size(), 3u);
    EXPECT_EQ(identity["identity_choices"][0]["value"], "551204/post/2");
    EXPECT_EQ(identity["identity_choices"][0]["sheet_page"], 2);
    EXPECT_NE(identity["identity_choices"][0]["why"].get<std::string>().find("printed ID read as 55120"), std::string::npos);
    EXPECT_FALSE(q["items"][1].contains("identity_choices"));
    ASSERT_EQ(q["next"].size(), 2u);
    EXPECT_EQ(q["next"][0], "quizscan export --db " + path_ + " --out results/");
    EXPECT_EQ(q["next"][1], "quizscan report --db " + path_ + " --out report.html");
    EXPECT_EQ(q["closed"], 0);
    for (const auto& it : q["items"]) {
        if (it["id"] != f_.q9) continue;
        ASSERT_EQ(it["choices"].size(), 6u);   // the item's own options: a-f
        EXPECT_EQ(it["choices"][5]["value"], "f");
    }
    // The top choice decides the page and closes 551204's missing-page item.
    auto r = post(item(f_.identity), R"({"value":"551204/post/2","revision":0})", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["closed"], 1);
    const auto after = json::parse(cli_->Get("/api/queue", auth())->body);
    EXPECT_EQ(after["items"].size(), 8u);
    EXPECT_EQ(after["resolved"], 1);
    EXPECT_EQ(after["closed"], 1);
    const auto missing = json::parse(cli_->Get(item(f_.missing).c_str(), auth())->body);
    EXPECT_EQ(missing["decided_by"], "machine");
    ASSERT_EQ(missing["trail"].size(), 1u);
    EXPECT_EQ(missing["trail"][0]["via"], "sheets");
}

TEST_F(Api, AmendAndSearch) {
    ASSERT_EQ(post(item(f_.q6), R"({"value":"48"})", auth())->status, 200);
    const auto before = snapshot(*db_);
    EXPECT_EQ(post(item(f_.q6) + "/amend", R"({"value":"46"})", auth())->status, 400);              // revision needed
    EXPECT_EQ(post(item(f_.q6) + "/amend", R"({"value":"46","revision":0})", auth())->status, 409); // stale
    EXPECT_EQ(post(item(f_.q6) + "/amend", R"({"value":"4x","revision":1})", auth())->status, 422);
    EXPECT_EQ(post(item(f_.q6), R"({"value":"46"})", auth())->status, 409);                         // a resolve never changes
    EXPECT_EQ(snapshot(*db_), before);
    auto r = post(item(f_.q6) + "/amend", R"({"value":"46","revision":1})", auth());
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["item"]["revision"], 2);

    auto s = json::parse(cli_->Get("/api/search?q=q6%20482913", auth())->body)["items"];
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0]["id"], f_.q6);
    EXPECT_EQ(s[0]["value"], "46");
    EXPECT_EQ(s[0]["decided_by"], "person");
    ASSERT_EQ(s[0]["trail"].size(), 2u);
    EXPECT_EQ(s[0]["trail"][1]["old_value"], "48");
    EXPECT_EQ(s[0]["trail"][1]["new_value"], "46");
    s = json::parse(cli_->Get("/api/search", auth())->body)["items"];   // no words: the latest decisions
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(cli_->Get("/api/search?limit=x", auth())->status, 400);
    EXPECT_EQ(cli_->Get("/api/search?q=q6")->status, 401);
    for (const char* js : {"/widgets.js", "/page_widgets.js", "/sheet.js", "/history.js"}) {
        EXPECT_EQ(cli_->Get((std::string(js) + "?token=" + kToken).c_str())->status, 200) << js;
        EXPECT_EQ(cli_->Get(js)->status, 401) << js;
    }
}

TEST_F(Api, TwoTabsSecondResolutionIs409) {
    // Both tabs loaded the item at revision 0.
    auto r = post(item(f_.q1), R"({"value":"b","revision":0})", auth());
    ASSERT_EQ(r->status, 200);
    const auto before = snapshot(*db_);
    r = post(item(f_.q1), R"({"value":"c","revision":0})", auth());
    ASSERT_EQ(r->status, 409);
    const auto body = json::parse(r->body);
    EXPECT_NE(body["error"].get<std::string>().find("someone else"), std::string::npos) << r->body;
    EXPECT_NE(body["error"].get<std::string>().find("\"b\""), std::string::npos) << r->body;
    EXPECT_EQ(body["value"], "b");
    EXPECT_EQ(body["revision"], 1);
    EXPECT_EQ(snapshot(*db_), before);
}

TEST_F(Api, PageAssetsAndSecurityHeaders) {
    auto r = cli_->Get(("/?token=" + kToken).c_str());
    ASSERT_EQ(r->status, 200);
    EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(r->body.find("app.js?token=" + kToken), std::string::npos);
    EXPECT_EQ(r->body.find("{{TOKEN}}"), std::string::npos);
    for (const auto* path : {"/", "/api/queue", "/api/items/9999"}) {
        auto x = cli_->Get(path, auth());
        const auto csp = x->get_header_value("Content-Security-Policy");
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
        EXPECT_NE(csp.find("img-src 'self' data:"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(x->get_header_value("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(x->get_header_value("Cache-Control"), "no-store") << path;
    }
    auto js = cli_->Get(("/app.js?token=" + kToken).c_str());
    ASSERT_EQ(js->status, 200);
    EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
    EXPECT_EQ(js->body.find("innerHTML"), std::string::npos);  // data is rendered with textContent only
    EXPECT_EQ(cli_->Get(("/app.css?token=" + kToken).c_str())->status, 200);
    // Only embedded assets: no file paths, no traversal.
    for (const auto* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/src/review/server.cpp", "/index.html"}) {
        auto x = cli_->Get(path, auth());
        ASSERT_TRUE(x) << path;
        EXPECT_TRUE(x->status == 404 || x->status == 400) << path << " " << x->status;
        EXPECT_EQ(x->body.find("root:"), std::string::npos);
    }
}

TEST(ApiOptions, RejectsMalformedTokenAndBlindFlagIsReported) {
    const auto path = temp_db_path();
    make_fixture_db(path);
    ServerOptions bad;
    bad.token = "short\"<";
    EXPECT_THROW(ReviewServer(path, bad), std::invalid_argument);
    ServerOptions o;
    o.blind = true;
    std::string url;
    o.on_url = [&](const std::string& u) { url = u; };
    ReviewServer s(path, o);
    const int port = s.start();
    ASSERT_GT(port, 0);
    EXPECT_EQ(s.token().size(), 32u);
    httplib::Client c("127.0.0.1", port);
    auto r = c.Get("/api/queue", {{"Authorization", "Bearer " + s.token()}});
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(json::parse(r->body)["blind"], true);
    s.stop();
}
