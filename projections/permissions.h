// Permissions read model: who may do what, where it comes from, and "may U monitor or barge
// contact C now, and if not, why".
//
// The answer to that question is domain check_monitor() (decide.h): the same function
// decide() runs for MonitorContact, so there is one implementation of the rules, not two.
// check_monitor reads a domain State; decision_slice() builds the part of it the question
// touches (the instance, the user, the contact, the contacts the user has in hand or
// watches) from the read model, which keeps no domain State of its own (that State keeps
// every finished contact forever; the read model does not). A contact that has finished is
// no longer in memory: the caller passes its final state, folded from the contact's history
// (history.h, fold_contact), or the answer is UNKNOWN_CONTACT.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/rejection.h"
#include "domain/state.h"
#include "projections/model.h"

namespace callwatch::projections {

struct PermissionSource {
  Permission permission;
  std::vector<std::string> profiles;  // the user's profiles that grant it, in assignment order
};

struct UserPermissionsRow {
  std::string user;
  std::vector<std::string> profiles;  // as assigned
  PermissionSet permissions;          // their union
  std::vector<PermissionSource> sources;  // one per held permission, in declaration order
};

struct PermissionHoldersRow {
  Permission permission;
  std::vector<std::string> users;  // sorted
};

// Every created user, sorted by id.
[[nodiscard]] std::vector<UserPermissionsRow> user_permissions(const ReadModel&);
// Every permission in declaration order, with the users holding it (possibly none).
[[nodiscard]] std::vector<PermissionHoldersRow> permission_holders(const ReadModel&);

// The domain State check_monitor needs to judge `user` on `contact`. `finished` is the
// contact's final state when it is no longer live (ignored when it is live).
[[nodiscard]] State decision_slice(const ReadModel&, const UserId& user, const ContactId& contact,
                                   const ContactState* finished = nullptr);

// nullopt: yes, `user` may start supervising `contact` in `mode` (Silent or Barge) now.
[[nodiscard]] std::optional<Rejection> can_monitor(const ReadModel&, const UserId& user,
                                                   const ContactId& contact, MonitorMode mode,
                                                   const ContactState* finished = nullptr);

}  // namespace callwatch::projections
