// A prepared SQLite statement with RAII, typed binds and reads, and errors that
// quote the database's own message. The store's building block; nothing here
// knows the schema.
//
//   fyr::app::Statement st(db, "INSERT INTO settings(key, value) VALUES(?1, ?2)");
//   st.bind(1, QStringLiteral("theme")).bind(2, QStringLiteral("dark"));
//   if (!st.run()) qWarning() << st.error();
//   fyr::app::Statement q(db, "SELECT value FROM settings WHERE key = ?1");
//   q.bind(1, QStringLiteral("theme"));
//   while (q.next()) use(q.text(0));
//
// Thread-safety: a Statement belongs to the thread that uses its connection.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

struct sqlite3;
struct sqlite3_stmt;

namespace fyr::app {

class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_stmt != nullptr && m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& blob);
    Statement& bindNull(int index);

    // Steps to the next row: true while there is one; false at the end or on an
    // error (then error() says which).
    bool next();
    // Runs to completion (an INSERT, UPDATE, ...); false on an error.
    bool run();
    void reset();

    int64_t integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
};

// Runs SQL text without results (several statements allowed); "" or the error.
QString execSql(sqlite3* db, const char* sql);

}  // namespace fyr::app
