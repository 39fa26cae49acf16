#include "domain/state.h"

#include <algorithm>

namespace callwatch {

std::vector<Event> instance_genesis(Timestamp at) {
  const UserId system{kSystemUser};
  std::vector<Event> events;
  events.push_back({at, ev::SecurityProfileCreated{system, ProfileId{kAdminProfile},
                                                   PermissionSet::all()}});
  events.push_back({at, ev::SecurityProfileCreated{system, ProfileId{kCallCenterManagerProfile},
                                                   kCallCenterManagerPermissions}});
  events.push_back(
      {at, ev::SecurityProfileCreated{system, ProfileId{kAgentProfile}, kAgentPermissions}});
  events.push_back({at, ev::UserCreated{system, UserId{kAdminUser}, {ProfileId{kAdminProfile}},
                                        kDefaultChatConcurrency}});
  return events;
}

const UserState* find(const State& s, const UserId& id) {
  auto it = s.users.find(id);
  return it == s.users.end() ? nullptr : &it->second;
}

const ContactState* find(const State& s, const ContactId& id) {
  auto it = s.contacts.find(id);
  return it == s.contacts.end() ? nullptr : &it->second;
}

const SupervisionSession* find_session(const ContactState& c, const UserId& user) {
  auto it = std::find_if(c.sessions.begin(), c.sessions.end(),
                         [&](const SupervisionSession& s) { return s.supervisor == user; });
  return it == c.sessions.end() ? nullptr : &*it;
}

bool enhanced_monitoring(const InstanceState& i, Channel ch) {
  return ch == Channel::Voice ? i.enhanced_contact_monitoring : i.enhanced_chat_monitoring;
}

// Amazon Connect's hard limits per conversation: a call with enhanced (multi-party)
// monitoring admits 2 supervisors, a call without it 5 listeners, a chat 5 supervisors.
int monitor_limit(const InstanceState& i, Channel ch) {
  if (i.max_supervisors_per_contact) return *i.max_supervisors_per_contact;
  if (ch == Channel::Chat) return 5;
  return i.enhanced_contact_monitoring ? 2 : 5;
}

int barge_limit(const InstanceState& i, Channel) {
  return i.max_supervisors_barged.value_or(1);
}

bool speaks_to_customer(const SupervisionSession& s) {
  return s.mode == MonitorMode::Barge ||
         (s.mode == MonitorMode::Consult && s.message_mode == MessageMode::Public);
}

}  // namespace callwatch
