// The fixed set of permissions, the built-in roles and the one function that
// decides every access check. Custom roles are sets of these permissions kept in
// the store (role_permissions); nothing else grants anything.
//
//   if (!fyr::app::allowed(principal.permissions, fyr::app::Permission::ModelsManage)) refuse();
//
// Thread-safety: pure functions and constants.
#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace fyr::app {

enum class Permission : uint32_t {
    UsersManage,
    SecurityManage,
    ModelsManage,
    ModelsUse,
    ChatUse,
    ChatViewAll,
    DashboardsView,
    DeploymentsPlan,
    AuditView,
    ApiKeysManage,
    SettingsManage,
};
constexpr int kPermissionCount = 11;

// A set of permissions as bits (1 << Permission).
using PermissionSet = uint32_t;

constexpr PermissionSet bit(Permission p) {
    return PermissionSet{1} << static_cast<uint32_t>(p);
}

// "users.manage", ...
QString permissionName(Permission p);
std::optional<Permission> permissionFromName(const QString& name);
QList<Permission> allPermissions();

struct BuiltinRole {
    const char* name;
    PermissionSet permissions;
};
// admin, operator, analyst, auditor.
const QList<BuiltinRole>& builtinRoles();

// The one access decision: does a holder of `granted` have `p`?
bool allowed(PermissionSet granted, Permission p);

}  // namespace fyr::app
