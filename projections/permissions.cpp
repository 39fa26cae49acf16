#include "projections/permissions.h"

#include <algorithm>

#include "domain/decide.h"

namespace callwatch::projections {
namespace {

ContactState to_domain(const ReadModel& m, const LiveContact& c) {
  ContactState s;
  s.channel = c.channel;
  s.status = c.status;
  if (c.flow != kNone) s.flow = FlowId{m.flow_ids().name(c.flow)};
  if (c.queue != kNone) s.queue = QueueId{m.queue_ids().name(c.queue)};
  s.recorded = c.recorded;
  if (c.agent != kNone) s.agent = UserId{m.user_ids().name(c.agent)};
  s.sessions.reserve(c.sessions.size());
  for (const LiveSession& x : c.sessions)
    s.sessions.push_back({UserId{m.user_ids().name(x.supervisor)}, x.mode, x.message_mode, x.since});
  return s;
}

}  // namespace

std::vector<UserPermissionsRow> user_permissions(const ReadModel& m) {
  std::vector<UserPermissionsRow> rows;
  for (std::uint32_t n = 0; n < m.users().size(); ++n) {
    const User& u = m.users()[n];
    if (!u.created) continue;
    UserPermissionsRow& r = rows.emplace_back();
    r.user = m.user_ids().name(n);
    r.permissions = u.permissions;
    for (std::uint32_t p : u.profiles) r.profiles.push_back(m.profile_ids().name(p));
    for (Permission p : all_permissions()) {
      if (!u.permissions.has(p)) continue;
      PermissionSource& src = r.sources.emplace_back(PermissionSource{p, {}});
      for (std::uint32_t prof : u.profiles)
        if (m.profiles()[prof].created && m.profiles()[prof].permissions.has(p) &&
            std::find(src.profiles.begin(), src.profiles.end(), m.profile_ids().name(prof)) ==
                src.profiles.end())
          src.profiles.push_back(m.profile_ids().name(prof));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.user < b.user; });
  return rows;
}

std::vector<PermissionHoldersRow> permission_holders(const ReadModel& m) {
  std::vector<PermissionHoldersRow> rows;
  for (Permission p : all_permissions()) {
    PermissionHoldersRow& r = rows.emplace_back(PermissionHoldersRow{p, {}});
    for (std::uint32_t n = 0; n < m.users().size(); ++n)
      if (m.users()[n].created && m.users()[n].permissions.has(p))
        r.users.push_back(m.user_ids().name(n));
    std::sort(r.users.begin(), r.users.end());
  }
  return rows;
}

State decision_slice(const ReadModel& m, const UserId& user, const ContactId& contact,
                     const ContactState* finished) {
  State s;
  s.instance = m.instance();
  s.clock = m.clock();
  const auto& slots = m.contact_slots();
  auto add_live = [&](std::uint32_t slot) {
    s.contacts.try_emplace(ContactId{slots[slot].id}, to_domain(m, slots[slot]));
  };
  if (const std::uint32_t slot = m.find_contact(contact.view()); slot != kNone)
    add_live(slot);
  else if (finished)
    s.contacts.emplace(contact, *finished);

  const std::uint32_t n = m.user_ids().find(user.view());
  if (n == kNone || !m.users()[n].created) return s;
  const User& u = m.users()[n];
  UserState us;
  for (std::uint32_t p : u.profiles) us.profiles.emplace_back(m.profile_ids().name(p));
  us.permissions = u.permissions;
  us.chat_concurrency = u.chat_concurrency;
  us.ccp_open = u.ccp_open;
  us.status = m.statuses().name(u.status);
  for (std::uint32_t slot : u.contacts) {
    us.contacts.emplace_back(slots[slot].id);
    add_live(slot);
  }
  for (std::uint32_t slot : u.watching) {
    us.watching.emplace_back(slots[slot].id);
    add_live(slot);
  }
  s.users.emplace(user, std::move(us));
  return s;
}

std::optional<Rejection> can_monitor(const ReadModel& m, const UserId& user,
                                     const ContactId& contact, MonitorMode mode,
                                     const ContactState* finished) {
  return check_monitor(decision_slice(m, user, contact, finished), user, contact, mode);
}

}  // namespace callwatch::projections
