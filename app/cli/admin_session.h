// What every fyrctl command that administers an installation shares: the
// database (--db), the acting user (--as NAME, authenticated with the password
// from --password-file or FYR_PASSWORD), the data key (--passphrase-file or
// FYR_PASSPHRASE) that keys the audit chain, and one permission check that
// names what is missing and leaves a trace in the audit log.
//
//   AdminSession s;
//   if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;   // refused: exit code
//   if (auto rc = s.require(Permission::UsersManage, args, io)) return *rc;
//   s.audit->append(s.who.user, "user.create", name, "role analyst");
#pragma once

#include <QByteArray>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <optional>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "store/audit_log.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/permissions.h"
#include "store/store.h"

namespace fyr::app::cli {

struct AdminSession {
    std::unique_ptr<Store> store;
    std::unique_ptr<KeyRing> ring;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<Identity> identity;
    Principal who;

    // nullopt when `who` may; else refuses (exit 1) naming the permission, and audits the refusal.
    std::optional<int> require(Permission p, const QStringList& args, CommandIo& io);
    // Appends to the audit chain; a failure to record is a failure of the command.
    std::optional<int> record(const QString& action, const QString& target, const QString& details,
                              const QStringList& args, CommandIo& io);
};

// --db, --as, --password-file, --passphrase-file.
void addAdminOptions(QCommandLineParser& parser);
// Opens the store, unlocks the data key and logs in; the login (or its failure) is audited.
// `passphraseOption` names the option that holds the data passphrase's file
// (backup uses --passphrase-file for the backup's own passphrase).
std::optional<int> openAdminSession(const QCommandLineParser& parser, const QStringList& args, CommandIo& io,
                                    AdminSession* out, const QString& passphraseOption = QStringLiteral("passphrase-file"));
// The audit chain's key from the data key (the same for every command).
QByteArray auditKey(const KeyRing& ring);

}  // namespace fyr::app::cli
