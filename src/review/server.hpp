// The local review web server: serves the embedded page and the review API
// (DESIGN.md "The review API") on 127.0.0.1, guarded by a per-run token.
#pragma once

#include "core/form.hpp"

#include <functional>
#include <memory>
#include <string>

namespace quizscan::review {

// Endpoints (every request needs the token: `Authorization: Bearer TOKEN`; `?token=` is
// accepted only for GET of the page, /app.js, /app.css and the two image URLs; a Host
// other than 127.0.0.1:P / localhost:P is refused with 403):
//   GET  /                         the page (also its scripts and style, assets.hpp; nothing else is served)
//   GET  /api/queue                {"items":[item...], "open":N, "resolved":M (by people), "closed":K (by quizscan:
//                                  settled by another scan or page), "blind":bool, "next":["quizscan export ...", ...]}
//   GET  /api/items/{id}           one item (any state), with its "trail" of resolutions
//   GET  /api/search?q=WORDS[&limit=N] {"items":[item + "trail"...]}: items fitting every word (participant, field,
//                                  session, file, #id; search.hpp); no words: the items decided most recently
//   GET  /api/items/{id}/image     the item's crop PNG
//   GET  /api/items/{id}/page[?n=K] the page preview PNG (n: candidate K of a sheet_duplicate)
//   POST /api/items/{id}           {"value":"...", "revision":N?} -> 200 {"item":{id,state,value,revision}}
//   POST /api/items/{id}/amend     {"value":"...", "revision":N} -> 200: changes a decided item's value (a new
//                                  resolution row; the old one stays); an open item is resolved
//   POST /api/items/{id}/undo      {"revision":N?} (body optional) -> 200, item open again
//   POST /api/undo                 undo the newest decision that still stands
//   GET  /api/history[?limit=N]    {"items":[{id,item_id,action,old_value,new_value,at,via,...}]}, newest first
// Errors are {"error":"..."} with 400 (malformed JSON/body), 401 (token), 403 (Host),
// 404 (unknown item/path), 409 (resolved or changed elsewhere; also state/value/revision),
// 422 (value not allowed for the kind); nothing is changed on any error.
// An item is {"id","kind","participant_id","session","field","guess","source","page_id","page_index",
// "image", "page_image","reason","audit","state","value","revision","options","question",
// "unit","sheet_page","decided_by"} plus "choices" (choice: value, fill, text; the item's letters, a-f),
// "candidates" (sheet_duplicate: n, page_id, source, page_index, image) or "identity_choices"
// (page_identity: value, participant_id, session, sheet_page, why; best first).
// A resolve, amend or undo answers {"item":{...}, "follow_ups":N, "closed":N, "added":N}.

struct ServerOptions {
    std::string host = "127.0.0.1";   // address to bind; keep the loopback default
    int port = 0;                     // 0 = pick a free port
    bool blind = false;               // number items: hide the guess, ask for a second look on disagreement
    std::string token;                // empty = random 128-bit hex; otherwise [A-Za-z0-9._~-], 16+ chars
    std::shared_ptr<const Form> form; // optional: shows question and option texts on the page
    // Called once the server listens, with "http://127.0.0.1:P/?token=TOKEN".
    // Empty = print "quizscan review: open http://...  (Ctrl+C to stop)" on stdout.
    std::function<void(const std::string& url)> on_url;
};

// A running server over one database. start() serves on a background thread; stop()
// (or the destructor) ends it. Tests use this directly; the CLI uses run_review_server.
class ReviewServer {
public:
    // Opens the database (throws store::StoreError) and checks the options
    // (throws std::invalid_argument for a malformed token).
    ReviewServer(const std::string& db_path, ServerOptions options);
    ~ReviewServer();
    ReviewServer(const ReviewServer&) = delete;
    ReviewServer& operator=(const ReviewServer&) = delete;

    // Binds and starts serving; returns the port. Throws std::runtime_error when the
    // address/port cannot be bound. Calls options.on_url.
    int start();
    void stop();
    void wait();                      // blocks until stop() (from another thread)

    int port() const;
    const std::string& token() const;
    std::string url() const;          // http://127.0.0.1:P/?token=TOKEN

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Serves until SIGINT/SIGTERM; returns a process exit code (0 after a clean stop, 1 when
// the database cannot be opened or the port bound — the reason is logged).
int run_review_server(const std::string& db_path, const ServerOptions& options);

// 32 lowercase hex digits from std::random_device.
std::string random_token();

}  // namespace quizscan::review
