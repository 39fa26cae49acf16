// Permissions and the built-in security profiles.
//
// A security profile is a named set of permissions; a user holds one or more profiles and
// their effective permissions are the union. Names follow the Amazon Connect console; the
// API names (ManagerListenIn, ManagerBargeIn, BasicAgentAccess, ...) are accepted as aliases.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace callwatch {

enum class Permission : std::uint8_t {
  AccessCcp,                      // open the Contact Control Panel (API: BasicAgentAccess)
  MakeOutboundCalls,
  RealTimeContactMonitoring,      // silent monitor (API: ManagerListenIn)
  RealTimeContactBargeIn,         // barge (API: ManagerBargeIn); barge also needs monitoring
  AccessMetrics,
  RecordedConversationsAccess,    // API: ListenCallRecordings
  RecordedConversationsDownload,  // API: DownloadCallRecordings
  ManageUsers,                    // create users, assign security profiles
  EditSecurityProfiles,
  ManageRouting,                  // queues and contact flows
  EditInstance,                   // instance attributes
};
inline constexpr int kPermissionCount = 11;

// A set of permissions as a bit mask: unions and checks are single instructions.
class PermissionSet {
 public:
  constexpr PermissionSet() = default;
  constexpr PermissionSet(std::initializer_list<Permission> ps) {
    for (Permission p : ps) add(p);
  }
  static constexpr PermissionSet all() { return PermissionSet((1u << kPermissionCount) - 1); }
  static constexpr PermissionSet from_bits(std::uint32_t bits) {
    return PermissionSet(bits & all().bits_);
  }

  constexpr void add(Permission p) { bits_ |= bit(p); }
  [[nodiscard]] constexpr bool has(Permission p) const { return (bits_ & bit(p)) != 0; }
  [[nodiscard]] constexpr std::uint32_t bits() const { return bits_; }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  constexpr PermissionSet& operator|=(PermissionSet o) {
    bits_ |= o.bits_;
    return *this;
  }
  friend constexpr bool operator==(PermissionSet, PermissionSet) = default;

 private:
  constexpr explicit PermissionSet(std::uint32_t bits) : bits_(bits) {}
  static constexpr std::uint32_t bit(Permission p) { return 1u << static_cast<unsigned>(p); }
  std::uint32_t bits_ = 0;
};

// Canonical name, as printed ("RealTimeContactMonitoring").
[[nodiscard]] std::string_view to_string(Permission p);
// Accepts canonical names and Amazon Connect API aliases; nullopt if unknown.
[[nodiscard]] std::optional<Permission> parse_permission(std::string_view name);
// Every permission in declaration order (for listings and exhaustive tests).
[[nodiscard]] std::span<const Permission> all_permissions();

// Built-in security profiles; a new instance has exactly these three.
inline constexpr std::string_view kAdminProfile = "Admin";
inline constexpr std::string_view kCallCenterManagerProfile = "CallCenterManager";
inline constexpr std::string_view kAgentProfile = "Agent";

inline constexpr PermissionSet kCallCenterManagerPermissions{
    Permission::RealTimeContactMonitoring, Permission::RealTimeContactBargeIn,
    Permission::AccessMetrics,             Permission::RecordedConversationsAccess,
    Permission::RecordedConversationsDownload, Permission::ManageUsers};
inline constexpr PermissionSet kAgentPermissions{Permission::AccessCcp,
                                                 Permission::MakeOutboundCalls};

}  // namespace callwatch
