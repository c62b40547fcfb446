// The installation's database: one SQLite file (WAL mode, foreign keys on,
// synchronous=FULL), its schema brought forward by migrations (store/schema.h)
// when opened, checked with PRAGMA integrity_check before anything is written.
// One writer thread runs every write as one transaction; readers get their own
// read-only connections and are never blocked by it (WAL).
//
//   fyr::app::Store::Opened o = fyr::app::Store::open(fyr::app::Store::defaultPath());
//   if (!o.store) { show(o.error); /* o.problem says Corrupt, Locked, TooNew or Io */ }
//   QString err = o.store->write([](sqlite3* db) {
//       fyr::app::Statement st(db, "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, ?3)");
//       st.bind(1, QStringLiteral("theme")).bind(2, QStringLiteral("dark")).bind(3, int64_t(0));
//       return st.run() ? QString() : st.error();
//   }).get();                                   // "" once committed and on disk
//   auto r = o.store->reader();                 // for this thread
//   fyr::app::Statement q(r->db(), "SELECT value FROM settings WHERE key = 'theme'");
//
// A damaged, locked or too new database is never modified: the error names the
// file, what is wrong and the way out (put a backup copy in its place, or move
// the file away).
//
// Thread-safety: write() and reader() may be called from any thread; a Reader
// belongs to the thread that made it. The destructor finishes queued writes,
// then joins the writer.
#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

namespace fyr::app {

class Store {
public:
    enum class Problem { None, Io, Corrupt, Locked, TooNew, Migration };
    struct Options {
        int busyTimeoutMs = 5000;  // how long to wait for another process's lock
    };
    struct Opened {
        std::unique_ptr<Store> store;
        Problem problem = Problem::None;
        QString error;
    };
    // A read-only connection (closed with it).
    class Reader {
    public:
        explicit Reader(sqlite3* db) : m_db(db) {}
        ~Reader();
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        sqlite3* db() const { return m_db; }

    private:
        sqlite3* m_db;
    };
    // Runs inside BEGIN IMMEDIATE ... COMMIT on the writer thread; returns "" to
    // commit or an error to roll back.
    using WriteJob = std::function<QString(sqlite3*)>;

    static Opened open(const QString& path, const Options& options);
    static Opened open(const QString& path) { return open(path, Options{}); }
    // <generic data directory>/Fyr/fyr.db (~/.local/share/Fyr/fyr.db), the same for fyr and fyrctl
    static QString defaultPath();
    // The installation's folder: the one its database is in (empty: the default
    // database's). What else an installation keeps — a site's guard policy, its
    // backups, the audit head checkpoint — lives there, so fyr and every fyrctl
    // command given the same --db find the same files.
    static QString folder(const QString& databasePath = {});

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const QString& path() const { return m_path; }
    int schemaVersion() const { return m_version; }

    // "" once the transaction is committed (on disk), or why it was rolled back.
    std::future<QString> write(WriteJob job);
    // A read-only connection for the calling thread; null (and *error) if it cannot be opened.
    std::unique_ptr<Reader> reader(QString* error = nullptr) const;

private:
    Store(QString path, sqlite3* writer, int version, const Options& options);
    void writerLoop();

    QString m_path;
    sqlite3* m_writer;
    int m_version;
    Options m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<WriteJob, std::promise<QString>>> m_jobs;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace fyr::app
