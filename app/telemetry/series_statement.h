// A prepared SQLite statement for the time series' few queries, with the
// database's own message in error(). fyr_app's Statement does the same for the
// store, but fyr_telemetry cannot link fyr_app (it sits below it).
//
//   SeriesStatement st(db, "SELECT MAX(time_s) FROM metric_series WHERE name = ?1");
//   st.bind(1, name);
//   if (st.next()) use(st.integer(0));
//   if (!st.error().isEmpty()) return st.error();
//
// Thread-safety: belongs to the thread using its connection.
#pragma once

#include <QString>

#include <cstdint>

struct sqlite3;
struct sqlite3_stmt;

namespace fyr::app::telemetry {

class SeriesStatement final {
public:
    SeriesStatement(sqlite3* db, const char* sql);
    ~SeriesStatement();
    SeriesStatement(const SeriesStatement&) = delete;
    SeriesStatement& operator=(const SeriesStatement&) = delete;

    SeriesStatement& bind(int index, int64_t value);
    SeriesStatement& bind(int index, double value);
    SeriesStatement& bind(int index, const QString& value);

    // The next row: true while there is one; false at the end or on an error.
    bool next();
    // Runs to completion and resets for new binds; false on an error.
    bool run();
    void reset();

    bool isNull(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    // "" or the first error, quoting SQLite's message.
    const QString& error() const { return m_error; }

private:
    void fail();

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
};

}  // namespace fyr::app::telemetry
