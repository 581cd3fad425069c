// SQLite wrapper implementation and schema application.
#include "store/db.hpp"

#include <chrono>
#include <ctime>

namespace quizscan::store {
namespace {
const char* kSchema =
#include "store/schema.sql.inc"
    ;
constexpr int kSchemaVersion = 1;
}  // namespace

Db::Db(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(path + ": cannot open the database: " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec("PRAGMA foreign_keys = ON");
    exec(kSchema);
    auto st = prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (st.step()) {
        if (std::stoi(st.col_text(0)) > kSchemaVersion)
            throw StoreError(path + ": made by a newer quizscan (schema " + st.col_text(0) + "); upgrade quizscan");
    } else {
        prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?)").bind(1, std::to_string(kSchemaVersion)).run();
    }
}

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

Stmt Db::prepare(const std::string& sql) const { return Stmt(db_, sql, path_); }

void Db::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError(path_ + ": " + msg);
    }
}

Stmt::Stmt(sqlite3* db, const std::string& sql, const std::string& db_path) : db_(db), path_(db_path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
        throw StoreError(path_ + ": " + sqlite3_errmsg(db) + " in: " + sql);
}

Stmt::~Stmt() {
    if (st_) sqlite3_finalize(st_);
}

Stmt& Stmt::bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, const std::vector<unsigned char>& blob) {
    sqlite3_bind_blob(st_, i, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
}

bool Stmt::step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(path_ + ": " + sqlite3_errmsg(db_));
}

void Stmt::run() {
    step();
    reset();
}

void Stmt::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

std::string Stmt::col_text(int c) const {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, c))) : std::string();
}

std::vector<unsigned char> Stmt::col_blob(int c) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st_, c));
    return p ? std::vector<unsigned char>(p, p + sqlite3_column_bytes(st_, c)) : std::vector<unsigned char>();
}

Transaction::Transaction(const Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

std::string now_iso8601() {
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace quizscan::store
