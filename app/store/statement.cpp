#include "store/statement.h"

#include <sqlite3.h>

namespace fyr::app {

namespace {
QString message(sqlite3* db) {
    return QString::fromUtf8(sqlite3_errmsg(db));
}
}  // namespace

Statement::Statement(sqlite3* db, const char* sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
        m_error = QStringLiteral("%1 (in \"%2\")").arg(message(db), QString::fromUtf8(sql).left(80));
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, int64_t value) {
    if (m_stmt && sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) m_error = message(m_db);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (m_stmt && sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) m_error = message(m_db);
    return *this;
}

Statement& Statement::bind(int index, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    if (m_stmt && sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                                    SQLITE_TRANSIENT) != SQLITE_OK)
        m_error = message(m_db);
    return *this;
}

Statement& Statement::bind(int index, const QByteArray& blob) {
    if (m_stmt && sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()),
                                    SQLITE_TRANSIENT) != SQLITE_OK)
        m_error = message(m_db);
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (m_stmt && sqlite3_bind_null(m_stmt, index) != SQLITE_OK) m_error = message(m_db);
    return *this;
}

bool Statement::next() {
    if (!ok()) return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) m_error = message(m_db);
    return false;
}

bool Statement::run() {
    if (!ok()) return false;
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_DONE) {
        m_error = message(m_db);
        return false;
    }
    return true;
}

void Statement::reset() {
    if (!m_stmt) return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_error.clear();
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(m_stmt, column);
    return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString execSql(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return {};
    const QString e = err ? QString::fromUtf8(err) : message(db);
    sqlite3_free(err);
    return e;
}

}  // namespace fyr::app
