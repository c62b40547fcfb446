// Test helper for tst_store's durability test: opens the database given as the
// first argument and writes rows "PREFIX-N" (N = 1, 2, ...) one transaction at a
// time, printing "committed PREFIX-N" (flushed) after each commit is reported,
// until killed.
#include <QCoreApplication>

#include <cstdio>

#include "store/statement.h"
#include "store/store.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: fyr_store_writer DB PREFIX\n");
        return 2;
    }
    fyr::app::Store::Opened o = fyr::app::Store::open(QString::fromLocal8Bit(argv[1]));
    if (!o.store) {
        std::fprintf(stderr, "%s\n", qPrintable(o.error));
        return 1;
    }
    const QString prefix = QString::fromLocal8Bit(argv[2]);
    for (int64_t id = 1;; ++id) {
        const QString error = o.store
                                  ->write([id, &prefix](sqlite3* db) {
                                      fyr::app::Statement st(
                                          db, "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, ?3)");
                                      st.bind(1, QStringLiteral("%1-%2").arg(prefix).arg(id))
                                          .bind(2, QString(200, QLatin1Char('x')))
                                          .bind(3, id);
                                      return st.run() ? QString() : st.error();
                                  })
                                  .get();
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("committed %s-%lld\n", argv[2], static_cast<long long>(id));
        std::fflush(stdout);
    }
}
