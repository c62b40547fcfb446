#include "store/permissions.h"

namespace fyr::app {

namespace {
constexpr const char* kNames[kPermissionCount] = {
    "users.manage",    "security.manage",  "models.manage", "models.use",    "chat.use",        "chat.view_all",
    "dashboards.view", "deployments.plan", "audit.view",    "api_keys.manage", "settings.manage",
};
}  // namespace

QString permissionName(Permission p) {
    return QString::fromLatin1(kNames[static_cast<uint32_t>(p)]);
}

std::optional<Permission> permissionFromName(const QString& name) {
    for (int i = 0; i < kPermissionCount; ++i) {
        if (name == QLatin1String(kNames[i])) return static_cast<Permission>(i);
    }
    return std::nullopt;
}

QList<Permission> allPermissions() {
    QList<Permission> out;
    for (int i = 0; i < kPermissionCount; ++i) out.append(static_cast<Permission>(i));
    return out;
}

const QList<BuiltinRole>& builtinRoles() {
    using P = Permission;
    static const QList<BuiltinRole> roles{
        {"admin", (PermissionSet{1} << kPermissionCount) - 1},
        // Runs the service: models, dashboards, deployments, keys for services.
        {"operator", bit(P::ModelsManage) | bit(P::ModelsUse) | bit(P::ChatUse) | bit(P::DashboardsView) |
                         bit(P::DeploymentsPlan) | bit(P::ApiKeysManage)},
        // Tests chatbots: uses models, chats, sees dashboards.
        {"analyst", bit(P::ModelsUse) | bit(P::ChatUse) | bit(P::DashboardsView)},
        // Reads, changes nothing: the audit log, every conversation, the dashboards.
        {"auditor", bit(P::AuditView) | bit(P::ChatViewAll) | bit(P::DashboardsView)},
    };
    return roles;
}

bool allowed(PermissionSet granted, Permission p) {
    return (granted & bit(p)) != 0;
}

}  // namespace fyr::app
