// A metric_series table in a temporary SQLite file, offered as a SeriesDatabase
// the way fyr_app's Store does: writes as one transaction on one connection,
// reads on a read-only connection of their own. failNextWrite() makes the next
// write roll back, as a full disk would.
#pragma once

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <mutex>

#include "telemetry/series_database.h"
#include "telemetry/series_statement.h"

namespace fyr::app::telemetry::test {

class SeriesTestDb {
public:
    SeriesTestDb() : SeriesTestDb(QString()) {}
    // Over an existing file (path from another SeriesTestDb) when given.
    explicit SeriesTestDb(const QString& path) {
        m_path = path.isEmpty() ? m_dir.filePath(QStringLiteral("fyr.db")) : path;
        sqlite3_open(m_path.toUtf8().constData(), &m_db);
        exec("PRAGMA journal_mode=WAL");
        exec(
            "CREATE TABLE IF NOT EXISTS metric_series (name TEXT NOT NULL, labels TEXT NOT NULL DEFAULT '', "
            "resolution_s INTEGER NOT NULL, time_s INTEGER NOT NULL, value REAL NOT NULL, "
            "PRIMARY KEY (name, labels, resolution_s, time_s)) WITHOUT ROWID");
    }
    ~SeriesTestDb() { sqlite3_close(m_db); }

    const QString& path() const { return m_path; }
    sqlite3* db() const { return m_db; }
    void failNextWrite() { m_fail.store(true); }
    void exec(const char* sql) { QCOMPARE(sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr), SQLITE_OK); }

    SeriesDatabase database() {
        return SeriesDatabase{[this](const SeriesDatabase::Job& job) {
                                  std::lock_guard lock(m_writeMutex);
                                  sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
                                  QString error = job(m_db);
                                  if (error.isEmpty() && m_fail.exchange(false)) error = QStringLiteral("disk full");
                                  sqlite3_exec(m_db, error.isEmpty() ? "COMMIT" : "ROLLBACK", nullptr, nullptr,
                                               nullptr);
                                  return error;
                              },
                              [this](const SeriesDatabase::Job& job) {
                                  sqlite3* r = nullptr;
                                  sqlite3_open_v2(m_path.toUtf8().constData(), &r, SQLITE_OPEN_READONLY, nullptr);
                                  const QString error = job(r);
                                  sqlite3_close(r);
                                  return error;
                              }};
    }

    // The value of one row; NaN when absent.
    double value(const QString& name, const QString& labels, int64_t resolution, int64_t time_s) const {
        SeriesStatement q(m_db,
                          "SELECT value FROM metric_series WHERE name = ?1 AND labels = ?2 AND resolution_s = ?3 "
                          "AND time_s = ?4");
        q.bind(1, name).bind(2, labels).bind(3, resolution).bind(4, time_s);
        return q.next() ? q.real(0) : std::nan("");
    }
    int64_t count(const char* where) const {
        const QByteArray sql = QByteArray("SELECT COUNT(*) FROM metric_series WHERE ") + where;
        SeriesStatement q(m_db, sql.constData());
        return q.next() ? q.integer(0) : -1;
    }
    void insert(const QString& name, const QString& labels, int64_t resolution, int64_t time_s, double value) {
        SeriesStatement q(m_db, "INSERT OR REPLACE INTO metric_series VALUES(?1, ?2, ?3, ?4, ?5)");
        q.bind(1, name).bind(2, labels).bind(3, resolution).bind(4, time_s).bind(5, value);
        QVERIFY2(q.run(), qPrintable(q.error()));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    sqlite3* m_db = nullptr;
    std::mutex m_writeMutex;
    std::atomic<bool> m_fail{false};
};

}  // namespace fyr::app::telemetry::test
