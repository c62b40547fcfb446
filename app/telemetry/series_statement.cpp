#include "telemetry/series_statement.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace fyr::app::telemetry {

SeriesStatement::SeriesStatement(sqlite3* db, const char* sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) fail();
}

SeriesStatement::~SeriesStatement() {
    sqlite3_finalize(m_stmt);
}

SeriesStatement& SeriesStatement::bind(int index, int64_t value) {
    if (m_stmt && sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail();
    return *this;
}

SeriesStatement& SeriesStatement::bind(int index, double value) {
    if (m_stmt && sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) fail();
    return *this;
}

SeriesStatement& SeriesStatement::bind(int index, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    if (m_stmt && sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail();
    return *this;
}

bool SeriesStatement::next() {
    if (!m_stmt || !m_error.isEmpty()) return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail();
    return false;
}

bool SeriesStatement::run() {
    while (next()) {
    }
    const bool ok = m_error.isEmpty();
    reset();
    return ok;
}

void SeriesStatement::reset() {
    if (!m_stmt) return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool SeriesStatement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
int64_t SeriesStatement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double SeriesStatement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}
QString SeriesStatement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column));
}

void SeriesStatement::fail() {
    if (!m_error.isEmpty()) return;
    m_error = QCoreApplication::translate("fyr::app::telemetry::SeriesStatement", "database error: %1")
                  .arg(QString::fromUtf8(sqlite3_errmsg(m_db)));
}

}  // namespace fyr::app::telemetry
