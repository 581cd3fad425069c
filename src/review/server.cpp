// The review HTTP server: token and Host checks, security headers, the embedded page,
// and the JSON API over the queue functions. One mutex serialises database access.
#include "review/server.hpp"

#include "core/text.hpp"
#include "review/api_json.hpp"
#include "review/assets.hpp"
#include "review/identity_choices.hpp"
#include "review/http_listener.hpp"
#include "review/queue.hpp"
#include "review/search.hpp"
#include "store/db.hpp"
#include "store/purge.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <regex>
#include <stdexcept>
#include <thread>

#include <pthread.h>

namespace quizscan::review {
namespace {

using nlohmann::json;

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& msg) { send_json(res, status, {{"error", msg}}); }

// A missing image: 410 Gone once `quizscan purge --images` removed the scans' images (an
// answer typed on Google Forms never had one: 404), else 404.
void send_no_image(httplib::Response& res, const store::Db& db, bool digital, const std::string& what) {
    if (digital) return send_error(res, 404, what + " (typed on Google Forms)");
    if (const auto at = store::images_purged_at(db))
        return send_error(res, 410, what + ": the images were purged on " + *at +
                                        " (quizscan purge --images); the reading and every decision are kept");
    send_error(res, 404, what);
}

bool equal_constant_time(const std::string& a, const std::string& expected) {
    // Time depends only on the expected token's length, not on where the strings differ.
    unsigned diff = a.size() == expected.size() ? 0u : 1u;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        diff |= x ^ static_cast<unsigned char>(expected[i]);
    }
    return diff == 0;
}

bool valid_token(const std::string& t) {
    if (t.size() < 16 || t.size() > 256) return false;
    return std::all_of(t.begin(), t.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '~' || c == '-';
    });
}

// Paths a browser loads by URL (page, its scripts and style, images): the token may come as ?token=.
bool token_in_query_allowed(const httplib::Request& req) {
    static const std::regex images(R"(^/api/items/\d{1,18}/(image|page)$)");
    if (req.method != "GET" && req.method != "HEAD") return false;
    return find_asset(req.path) != nullptr || std::regex_match(req.path, images);
}

std::int64_t id_of(const httplib::Request& req) { return std::stoll(req.matches[1].str()); }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

// A path as a shell word (quoted when it holds anything but safe characters).
std::string shell_word(const std::string& s) {
    const bool safe = !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ':' || c == '@';
    });
    return safe ? s : "'" + replace_all(s, "'", "'\\''") + "'";
}

// Parses a POST body as a JSON object; answers 400 and returns nullopt otherwise.
std::optional<json> body_object(const httplib::Request& req, httplib::Response& res, bool allow_empty) {
    if (allow_empty && req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
    json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
        send_error(res, 400, "the request body must be a JSON object, e.g. {\"value\": \"b\"}");
        return std::nullopt;
    }
    return j;
}

// The optional "revision" member; answers 400 when present but not an integer.
bool read_revision(const json& body, std::optional<std::int64_t>& rev, httplib::Response& res) {
    const auto it = body.find("revision");
    if (it == body.end() || it->is_null()) return true;
    if (!it->is_number_integer()) {
        send_error(res, 400, "\"revision\" must be an integer (the item's revision when the page loaded it)");
        return false;
    }
    rev = it->get<std::int64_t>();
    return true;
}

}  // namespace

std::string random_token() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 4; ++i) {
        const std::uint32_t w = rd();
        for (int s = 28; s >= 0; s -= 4) t += hex[(w >> s) & 0xF];
    }
    return t;
}

struct ReviewServer::Impl {
    ServerOptions opts;
    store::Db db;
    std::mutex db_mutex;
    GuardedServer svr;  // httplib's server with a port of its own, deadlines and a byte budget per request
    std::thread thread;
    int port = 0;
    bool started = false;

    std::string db_path;

    Impl(const std::string& path, ServerOptions o) : opts(std::move(o)), db(path), db_path(path) {}

    bool host_ok(const httplib::Request& req) const {
        const std::string host = lower(req.get_header_value("Host"));
        const std::string p = ":" + std::to_string(port);
        if (host == "127.0.0.1" + p || host == "localhost" + p || host == "[::1]" + p) return true;
        return opts.host != "0.0.0.0" && opts.host != "::" && host == lower(opts.host) + p;
    }

    bool token_ok(const httplib::Request& req) const {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.size() > 7 && lower(auth.substr(0, 7)) == "bearer ") return equal_constant_time(auth.substr(7), opts.token);
        if (token_in_query_allowed(req) && req.has_param("token"))
            return equal_constant_time(req.get_param_value("token"), opts.token);
        return false;
    }

    void routes();
};

void ReviewServer::Impl::routes() {
    svr.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; connect-src 'self'; "
         "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Cache-Control", "no-store"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });
    svr.set_payload_max_length(64 * 1024);

    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (!host_ok(req)) {
            send_error(res, 403, "this server answers only requests for 127.0.0.1:" + std::to_string(port) +
                                     " or localhost:" + std::to_string(port));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!token_ok(req)) {
            send_error(res, 401, "missing or wrong token: open the exact URL printed by quizscan review "
                                 "(API calls send it as Authorization: Bearer TOKEN)");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    svr.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
            if (request_over_budget()) {
                send_error(res, 413, "the request is too large (at most 64 KB of body)");
                return httplib::Server::HandlerResponse::Handled;
            }
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            send_error(res, res.status, res.status == 404 ? "no such page or API endpoint" : "request refused");
            return httplib::Server::HandlerResponse::Handled;
        }));
    svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        spdlog::error("review: {} {}: {}", req.method, req.path, what);
        send_error(res, 500, "internal error: " + what);
    });

    auto asset = [this](const std::string& path) {
        return [this, path](const httplib::Request&, httplib::Response& res) {
            const Asset* a = find_asset(path);
            std::string body(a->body);
            if (path == "/") body = replace_all(body, "{{TOKEN}}", opts.token);  // token is [A-Za-z0-9._~-]
            res.set_content(body, std::string(a->content_type).c_str());
        };
    };
    for (const auto& a : assets()) svr.Get(std::string(a.path), asset(std::string(a.path)));

    svr.Get("/api/queue", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(db_mutex);
        const auto queue = list_queue(db);
        std::optional<IdentityIndex> ids;
        json items = json::array();
        for (const auto& it : queue) {
            if (it.kind == "page_identity" && !ids) ids = load_identity_index(db);
            items.push_back(item_json(it, opts.form.get(), ids ? &*ids : nullptr));
        }
        const auto counts = queue_counts(db);
        const std::string d = shell_word(db_path);
        const json next = {"quizscan export --db " + d + " --out results/", "quizscan report --db " + d + " --out report.html"};
        const auto purged = store::images_purged_at(db);
        send_json(res, 200, {{"items", items}, {"open", counts.open}, {"resolved", counts.resolved}, {"closed", counts.closed},
                             {"blind", opts.blind}, {"next", next},
                             {"images_purged_at", purged ? json(*purged) : json(nullptr)}});
    });
    svr.Get(R"(/api/items/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(db_mutex);
        const auto it = get_item(db, id_of(req));
        if (!it) return send_error(res, 404, "no review item " + req.matches[1].str());
        std::optional<IdentityIndex> ids;
        if (it->kind == "page_identity") ids = load_identity_index(db);
        json j = item_json(*it, opts.form.get(), ids ? &*ids : nullptr);
        j["trail"] = trail_json(item_trail(db, it->id));
        send_json(res, 200, j);
    });
    svr.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
        int limit = 50;
        if (req.has_param("limit")) {
            const std::string s = req.get_param_value("limit");
            if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), ::isdigit))
                return send_error(res, 400, "limit must be a number of items (1-1000)");
            limit = std::clamp(std::stoi(s), 1, 1000);
        }
        const std::string q = req.has_param("q") ? req.get_param_value("q") : "";
        if (q.size() > 200) return send_error(res, 400, "the search is too long (200 characters at most)");
        std::lock_guard lock(db_mutex);
        const auto found = search_items(db, q, limit);
        std::optional<IdentityIndex> ids;
        for (const auto& f : found)
            if (f.item.kind == "page_identity" && !ids) ids = load_identity_index(db);
        send_json(res, 200, search_json(found, opts.form.get(), ids ? &*ids : nullptr));
    });
    svr.Get(R"(/api/items/(\d{1,18})/image)", [this](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(db_mutex);
        const auto it = get_item(db, id_of(req));
        if (!it) return send_error(res, 404, "no review item " + req.matches[1].str());
        const auto png = item_crop_png(db, id_of(req));
        if (!png) return send_no_image(res, db, it->digital, "review item " + req.matches[1].str() + " has no image");
        res.set_content(std::string(png->begin(), png->end()), "image/png");
    });
    svr.Get(R"(/api/items/(\d{1,18})/page)", [this](const httplib::Request& req, httplib::Response& res) {
        std::optional<int> n;
        if (req.has_param("n")) {
            const std::string s = req.get_param_value("n");
            if (s.empty() || s.size() > 3 || !std::all_of(s.begin(), s.end(), ::isdigit))
                return send_error(res, 400, "n must be a candidate number (0, 1, ...)");
            n = std::stoi(s);
        }
        std::lock_guard lock(db_mutex);
        const auto it = get_item(db, id_of(req));
        if (!it) return send_error(res, 404, "no review item " + req.matches[1].str());
        const auto png = item_page_png(db, id_of(req), n);
        if (!png) return send_no_image(res, db, it->digital && !n, "no page preview for review item " + req.matches[1].str());
        res.set_content(std::string(png->begin(), png->end()), "image/png");
    });
    svr.Post(R"(/api/items/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = body_object(req, res, false);
        if (!body) return;
        const auto v = body->find("value");
        if (v == body->end() || !v->is_string())
            return send_error(res, 400, "the body needs \"value\" as a string (\"\" for blank), e.g. {\"value\": \"b\"}");
        std::optional<std::int64_t> rev;
        if (!read_revision(*body, rev, res)) return;
        std::lock_guard lock(db_mutex);
        const auto r = resolve_item(db, id_of(req), v->get<std::string>(), rev, "web");
        if (r.ok()) spdlog::info("review: item {} resolved as \"{}\"", r.item_id, r.value.value_or(""));
        send_json(res, r.status, action_json(r));
    });
    svr.Post(R"(/api/items/(\d{1,18})/amend)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = body_object(req, res, false);
        if (!body) return;
        const auto v = body->find("value");
        if (v == body->end() || !v->is_string())
            return send_error(res, 400, "the body needs \"value\" as a string (\"\" for blank), e.g. {\"value\": \"b\", \"revision\": 3}");
        std::optional<std::int64_t> rev;
        if (!read_revision(*body, rev, res)) return;
        if (!rev) return send_error(res, 400, "changing a decision needs \"revision\" (the item's revision as the page showed it)");
        std::lock_guard lock(db_mutex);
        const auto r = amend_item(db, id_of(req), v->get<std::string>(), rev, "web");
        if (r.ok()) spdlog::info("review: item {} changed to \"{}\"", r.item_id, r.value.value_or(""));
        send_json(res, r.status, action_json(r));
    });
    svr.Post(R"(/api/items/(\d{1,18})/undo)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = body_object(req, res, true);
        if (!body) return;
        std::optional<std::int64_t> rev;
        if (!read_revision(*body, rev, res)) return;
        std::lock_guard lock(db_mutex);
        const auto r = undo_item(db, id_of(req), rev, "web");
        if (r.ok()) spdlog::info("review: item {} reopened", r.item_id);
        send_json(res, r.status, action_json(r));
    });
    svr.Post("/api/undo", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(db_mutex);
        const auto r = undo_last(db, "web");
        if (r.ok()) spdlog::info("review: item {} reopened", r.item_id);
        send_json(res, r.status, action_json(r));
    });
    svr.Get("/api/history", [this](const httplib::Request& req, httplib::Response& res) {
        int limit = 50;
        if (req.has_param("limit")) {
            const std::string s = req.get_param_value("limit");
            if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), ::isdigit))
                return send_error(res, 400, "limit must be a number of rows (1-1000)");
            limit = std::clamp(std::stoi(s), 1, 1000);
        }
        std::lock_guard lock(db_mutex);
        send_json(res, 200, history_json(history(db, limit)));
    });
}

ReviewServer::ReviewServer(const std::string& db_path, ServerOptions options) {
    if (options.token.empty()) options.token = random_token();
    if (!valid_token(options.token))
        throw std::invalid_argument("review token must be 16-256 characters of A-Z a-z 0-9 . _ ~ -");
    impl_ = std::make_unique<Impl>(db_path, std::move(options));
    impl_->routes();
}

ReviewServer::~ReviewServer() { stop(); }

int ReviewServer::start() {
    auto& im = *impl_;
    if (im.started) return im.port;
    im.port = im.svr.bind_port(im.opts.host, im.opts.port);  // throws for a busy port
    im.started = true;
    im.thread = std::thread([&im] { im.svr.serve(); });
    const std::string u = url();
    if (im.opts.on_url) im.opts.on_url(u);
    else std::cout << "quizscan review: open " << u << "  (Ctrl+C to stop)" << std::endl;
    return im.port;
}

void ReviewServer::stop() {
    if (!impl_ || !impl_->started) return;
    impl_->svr.stop_serving();
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->started = false;
}

void ReviewServer::wait() {
    if (impl_->thread.joinable()) impl_->thread.join();
}

int ReviewServer::port() const { return impl_->port; }
const std::string& ReviewServer::token() const { return impl_->opts.token; }

std::string ReviewServer::url() const {
    const auto& h = impl_->opts.host;
    const std::string host = (h == "0.0.0.0" || h == "::" || h == "127.0.0.1" || h == "localhost") ? "127.0.0.1" : h;
    return "http://" + host + ":" + std::to_string(impl_->port) + "/?token=" + impl_->opts.token;
}

int run_review_server(const std::string& db_path, const ServerOptions& options) {
    // Block SIGINT/SIGTERM in every thread (the server's inherit the mask) and wait for
    // them here, so Ctrl+C stops the server cleanly instead of killing a write midway.
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    int rc = 0;
    try {
        ReviewServer server(db_path, options);
        server.start();
        int sig = 0;
        sigwait(&sigs, &sig);
        spdlog::info("review: stopping");
        server.stop();
    } catch (const std::exception& e) {
        spdlog::error("review: {}", e.what());
        rc = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return rc;
}

}  // namespace quizscan::review
