#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

#include "store/schema.h"
#include "store/statement.h"

namespace fyr::app {

namespace {


// The way out, said the same way for every problem that stops the start.
QString wayOut() {
    return QCoreApplication::translate("fyr::app::Store", "Fyr has not changed the file. Restore a backup (fyrctl backup list, then fyrctl backup restore FILE), "
              "or move the file away to start with an empty database.");
}

}  // namespace

Store::Reader::~Reader() {
    sqlite3_close_v2(m_db);
}

QString Store::defaultPath() {
    // Not AppDataLocation: fyr and fyrctl have different application names but share the installation.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/Fyr/fyr.db");
}

QString Store::folder(const QString& databasePath) {
    return QFileInfo(databasePath.isEmpty() ? defaultPath() : databasePath).absolutePath();
}

Store::Opened Store::open(const QString& path, const Options& options) {
    Opened o;
    auto fail = [&](Problem p, const QString& why) {
        o.problem = p;
        o.error = why;
        return std::move(o);
    };
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(Problem::Io, QCoreApplication::translate("fyr::app::Store", "%1: cannot create the folder %2").arg(path, info.absolutePath()));

    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString why = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return fail(Problem::Io, QCoreApplication::translate("fyr::app::Store", "%1: cannot open the database: %2").arg(path, why));
    }
    auto close = [&] { sqlite3_close_v2(db); };
    sqlite3_busy_timeout(db, options.busyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);

    // Read-only checks first: nothing is written to a file that fails them.
    {
        Statement check(db, "PRAGMA quick_check");
        QString result;
        const bool row = check.next();
        if (row) result = check.text(0);
        const int code = sqlite3_errcode(db) & 0xff;
        if (!row || result != QStringLiteral("ok")) {
            const QString detail = row ? result : check.error();
            close();
            if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
                return fail(Problem::Locked,
                            QCoreApplication::translate("fyr::app::Store", "%1: the database is locked by another program (is another Fyr running?): %2")
                                .arg(path, detail));
            if (!row && code != SQLITE_NOTADB && code != SQLITE_CORRUPT)
                return fail(Problem::Io, QCoreApplication::translate("fyr::app::Store", "%1: cannot read the database: %2").arg(path, detail));
            return fail(Problem::Corrupt, QCoreApplication::translate("fyr::app::Store", "%1 is damaged (%2). %3").arg(path, detail, wayOut()));
        }
    }
    QString error;
    const int version = schema::currentVersion(db, &error);
    if (version < 0) {
        close();
        return fail(Problem::Io, QCoreApplication::translate("fyr::app::Store", "%1: cannot read the schema version: %2").arg(path, error));
    }
    if (version > schema::latestVersion()) {
        close();
        return fail(Problem::TooNew, QCoreApplication::translate("fyr::app::Store", "%1 has schema version %2, newer than this Fyr understands (%3): open it with "
                                        "a newer Fyr. %4")
                                         .arg(path)
                                         .arg(version)
                                         .arg(schema::latestVersion())
                                         .arg(wayOut()));
    }
    // WAL lets readers run beside the writer; FULL makes every commit durable.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        Statement st(db, pragma);
        if (!st.run() && !st.error().isEmpty()) {
            const int code = sqlite3_errcode(db) & 0xff;
            close();
            if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
                return fail(Problem::Locked,
                            QCoreApplication::translate("fyr::app::Store", "%1: the database is locked by another program (is another Fyr running?): %2")
                                .arg(path, st.error()));
            return fail(Problem::Io, QCoreApplication::translate("fyr::app::Store", "%1: %2").arg(path, st.error()));
        }
    }
    if (const QString e = schema::migrate(db, schema::latestVersion()); !e.isEmpty()) {
        const int code = sqlite3_errcode(db) & 0xff;
        close();
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            return fail(Problem::Locked,
                        QCoreApplication::translate("fyr::app::Store", "%1: the database is locked by another program (is another Fyr running?): %2").arg(path, e));
        return fail(Problem::Migration, QCoreApplication::translate("fyr::app::Store", "%1: %2. %3").arg(path, e, wayOut()));
    }
    o.store.reset(new Store(path, db, schema::latestVersion(), options));
    return o;
}

Store::Store(QString path, sqlite3* writer, int version, const Options& options)
    : m_path(std::move(path)), m_writer(writer), m_version(version), m_options(options) {
    m_thread = std::thread([this] { writerLoop(); });
}

Store::~Store() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    sqlite3_close_v2(m_writer);
}

std::future<QString> Store::write(WriteJob job) {
    std::promise<QString> done;
    std::future<QString> result = done.get_future();
    {
        std::lock_guard lock(m_mutex);
        m_jobs.emplace_back(std::move(job), std::move(done));
    }
    m_wake.notify_one();
    return result;
}

void Store::writerLoop() {
    for (;;) {
        std::pair<WriteJob, std::promise<QString>> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
            if (m_jobs.empty()) return;  // stopping, and every queued write is done
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        QString error = execSql(m_writer, "BEGIN IMMEDIATE");
        if (error.isEmpty()) {
            error = job.first(m_writer);
            if (error.isEmpty()) error = execSql(m_writer, "COMMIT");
            if (!error.isEmpty()) execSql(m_writer, "ROLLBACK");
        }
        job.second.set_value(error);
    }
}

std::unique_ptr<Store::Reader> Store::reader(QString* error) const {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (error) *error = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, m_options.busyTimeoutMs);
    return std::make_unique<Reader>(db);
}

}  // namespace fyr::app
