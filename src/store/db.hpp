// A thin RAII layer over SQLite: open with the schema applied, prepared statements with
// typed binds and columns, transactions. Errors throw StoreError naming the database.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace quizscan::store {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Stmt;

class Db {
public:
    // Opens (creating if needed) and brings the schema up to date. WAL, foreign keys on,
    // busy timeout 5 s so a review server and a scan can share the file.
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    Stmt prepare(const std::string& sql) const;
    void exec(const std::string& sql) const;
    std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// A prepared statement. bind() is 1-based like SQLite; col_*() are 0-based.
class Stmt {
public:
    Stmt(sqlite3* db, const std::string& sql, const std::string& db_path);
    ~Stmt();
    Stmt(Stmt&& o) noexcept : st_(o.st_), db_(o.db_), path_(std::move(o.path_)) { o.st_ = nullptr; }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, const std::string& v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, double v);
    Stmt& bind(int i, const std::vector<unsigned char>& blob);
    Stmt& bind_null(int i);
    template <typename T>
    Stmt& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    bool step();           // true while a row is available
    void run();            // step once, expect done
    void reset();

    bool is_null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
    std::string col_text(int c) const;
    std::int64_t col_int(int c) const { return sqlite3_column_int64(st_, c); }
    double col_double(int c) const { return sqlite3_column_double(st_, c); }
    std::vector<unsigned char> col_blob(int c) const;

private:
    sqlite3_stmt* st_ = nullptr;
    sqlite3* db_ = nullptr;
    std::string path_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed.
class Transaction {
public:
    explicit Transaction(const Db& db);
    ~Transaction();
    void commit();

private:
    const Db& db_;
    bool done_ = false;
};

std::string now_iso8601();

}  // namespace quizscan::store
