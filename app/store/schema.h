// The store's schema as forward migrations. Migration v (1-based) takes a
// database at version v-1 to v; the version lives in SQLite's user_version.
// Each runs in its own transaction with the version bump, so a crash leaves the
// database at the old version or the new one, never in between.
//
//   if (QString e = fyr::app::schema::migrate(db, fyr::app::schema::latestVersion()); !e.isEmpty()) ...
//
// Adding a table or column: append a migration; never edit one that has shipped.
// Thread-safety: run on the one connection that writes.
#pragma once

#include <QString>

struct sqlite3;

namespace fyr::app::schema {

int latestVersion();
// user_version of the open database, or -1 (with *error) when it cannot be read.
int currentVersion(sqlite3* db, QString* error);
// Applies the migrations after the current version up to `target`; "" or why not.
QString migrate(sqlite3* db, int target);

}  // namespace fyr::app::schema
