#include "store/model_access.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <sqlite3.h>

#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

ModelAccess::ModelAccess(Store& store) : m_store(store) {}

QString ModelAccess::allow(const QString& role, const QString& pattern) {
    if (pattern.trimmed().isEmpty() || pattern.size() > 256)
        return QCoreApplication::translate("fyr::app::ModelAccess", "a model pattern needs 1 to 256 characters");
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement find(db, "SELECT id FROM roles WHERE name = ?1");
            find.bind(1, role);
            if (!find.next()) return QCoreApplication::translate("fyr::app::ModelAccess", "there is no role %1").arg(role);
            Statement st(db, "INSERT OR IGNORE INTO role_models(role_id, pattern) VALUES(?1, ?2)");
            st.bind(1, find.integer(0)).bind(2, pattern.trimmed());
            return st.run() ? QString() : st.error();
        })
        .get();
}

QString ModelAccess::disallow(const QString& role, const QString& pattern) {
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db, "DELETE FROM role_models WHERE pattern = ?2 AND role_id = (SELECT id FROM roles WHERE name = ?1)");
            st.bind(1, role).bind(2, pattern.trimmed());
            if (!st.run()) return st.error();
            return sqlite3_changes(db) > 0
                       ? QString()
                       : QCoreApplication::translate("fyr::app::ModelAccess", "the role %1 has no model pattern %2").arg(role, pattern);
        })
        .get();
}

QStringList ModelAccess::patterns(const QString& role) const {
    QStringList out;
    auto r = m_store.reader();
    if (!r) return out;
    Statement st(r->db(), "SELECT m.pattern FROM role_models m JOIN roles ro ON ro.id = m.role_id WHERE ro.name = ?1 ORDER BY m.pattern");
    st.bind(1, role);
    while (st.next()) out << st.text(0);
    return out;
}

ModelAccess::Decision ModelAccess::check(const Principal& who, const QStringList& names) const {
    const QString shown = names.value(0);
    if (!allowed(who.permissions, Permission::ModelsUse))
        return {false, QCoreApplication::translate("fyr::app::ModelAccess", "the role %1 lacks the permission models.use").arg(who.role)};
    const QStringList pats = patterns(who.role);
    if (pats.isEmpty()) return {true, {}};
    for (const QString& p : pats) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(p, QRegularExpression::UnanchoredWildcardConversion)
                                        .prepend(u'^')
                                        .append(u'$'),
                                    QRegularExpression::CaseInsensitiveOption);
        for (const QString& n : names)
            if (!n.isEmpty() && re.match(n).hasMatch()) return {true, {}};
    }
    return {false, QCoreApplication::translate("fyr::app::ModelAccess", "the role %1 may not use %2 (allowed: %3)")
                       .arg(who.role, shown, pats.join(QStringLiteral(", ")))};
}

}  // namespace fyr::app
