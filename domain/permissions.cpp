#include "domain/permissions.h"

#include <array>
#include <utility>

namespace callwatch {
namespace {

constexpr std::array<std::pair<std::string_view, Permission>, kPermissionCount> kNames{{
    {"AccessCcp", Permission::AccessCcp},
    {"MakeOutboundCalls", Permission::MakeOutboundCalls},
    {"RealTimeContactMonitoring", Permission::RealTimeContactMonitoring},
    {"RealTimeContactBargeIn", Permission::RealTimeContactBargeIn},
    {"AccessMetrics", Permission::AccessMetrics},
    {"RecordedConversationsAccess", Permission::RecordedConversationsAccess},
    {"RecordedConversationsDownload", Permission::RecordedConversationsDownload},
    {"ManageUsers", Permission::ManageUsers},
    {"EditSecurityProfiles", Permission::EditSecurityProfiles},
    {"ManageRouting", Permission::ManageRouting},
    {"EditInstance", Permission::EditInstance},
}};

// Amazon Connect API names for the same permissions.
constexpr std::array<std::pair<std::string_view, Permission>, 5> kAliases{{
    {"ManagerListenIn", Permission::RealTimeContactMonitoring},
    {"ManagerBargeIn", Permission::RealTimeContactBargeIn},
    {"BasicAgentAccess", Permission::AccessCcp},
    {"ListenCallRecordings", Permission::RecordedConversationsAccess},
    {"DownloadCallRecordings", Permission::RecordedConversationsDownload},
}};

constexpr std::array<Permission, kPermissionCount> kAll = [] {
  std::array<Permission, kPermissionCount> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = kNames[i].second;
  return a;
}();

}  // namespace

std::string_view to_string(Permission p) { return kNames[static_cast<std::size_t>(p)].first; }

std::optional<Permission> parse_permission(std::string_view name) {
  for (const auto& [n, p] : kNames)
    if (n == name) return p;
  for (const auto& [n, p] : kAliases)
    if (n == name) return p;
  return std::nullopt;
}

std::span<const Permission> all_permissions() { return kAll; }

}  // namespace callwatch
