// The decision state: everything decide() needs to know, folded from events by evolve().
//
// It holds the current situation, not history: who exists, what they may do, which contacts
// are live and who is watching them. Read models with more detail (durations, counts,
// transcripts) are projections, built from the same events elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "domain/commands.h"
#include "domain/events.h"
#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/time.h"
#include "domain/vocabulary.h"

namespace callwatch {

struct InstanceState {
  bool enhanced_contact_monitoring = true;  // ENHANCED_CONTACT_MONITORING, on for new instances
  bool enhanced_chat_monitoring = true;     // ENHANCED_CHAT_MONITORING, on for new instances
  std::optional<int> max_supervisors_per_contact;
  std::optional<int> max_supervisors_barged;
};

struct UserState {
  std::vector<ProfileId> profiles;
  PermissionSet permissions;  // union of the profiles' permissions
  int chat_concurrency = kDefaultChatConcurrency;
  bool ccp_open = false;
  std::string status{kStatusOffline};
  std::vector<ContactId> contacts;  // assigned to them and not completed (wrap-up included)
  std::vector<ContactId> watching;  // contacts they have a supervision session on
};

struct SupervisionSession {
  UserId supervisor;
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;  // meaningful in Consult mode
  Timestamp since{};
};

struct ContactState {
  Channel channel = Channel::Voice;
  ContactStatus status = ContactStatus::Initiated;
  FlowId flow;
  QueueId queue;
  bool recorded = false;
  UserId agent;  // empty until an agent is connected
  std::vector<SupervisionSession> sessions;
};

// An API token as the rules see it (its hash and expiry matter to authentication only:
// projections/tokens.h).
struct TokenState {
  UserId user;
  bool revoked = false;
};

struct QueueState {
  Channel channel = Channel::Voice;
};

struct FlowState {
  bool recording = false;
};

// The decision state's tables. Every command looks up several ids, so this is the hottest
// structure of the write path: an open-addressing table, with no node per entry and no
// modulo by a prime per lookup as std::unordered_map has. Its iteration order is not
// stable across runs: anything printed from it is sorted first. A reference into it lasts
// until the next insertion or erasure in the same table.
template <class K, class V>
using IdMap = absl::flat_hash_map<K, V, std::hash<K>>;

struct State {
  InstanceState instance;
  IdMap<ProfileId, PermissionSet> profiles;
  IdMap<UserId, UserState> users;
  IdMap<QueueId, QueueState> queues;
  IdMap<FlowId, FlowState> flows;
  IdMap<ContactId, ContactState> contacts;
  IdMap<TokenId, TokenState> tokens;
  Timestamp clock{};  // time of the latest event; decide() stamps unstamped commands with it
};

// The user every new instance starts with, holding the Admin profile.
inline constexpr std::string_view kAdminUser = "admin";
// The actor recorded on facts that no user caused (the instance's genesis).
inline constexpr std::string_view kSystemUser = "system";

// The facts that make a new instance: the three built-in profiles and the admin user.
// The engine appends them to an empty log; evolving them onto State{} gives a new instance.
[[nodiscard]] std::vector<Event> instance_genesis(Timestamp at);

// Lookups that return nullptr when the id is unknown.
[[nodiscard]] const UserState* find(const State&, const UserId&);
[[nodiscard]] const ContactState* find(const State&, const ContactId&);
[[nodiscard]] const SupervisionSession* find_session(const ContactState&, const UserId&);

// Supervision limits for a conversation on `channel`, attributes applied.
[[nodiscard]] int monitor_limit(const InstanceState&, Channel);
[[nodiscard]] int barge_limit(const InstanceState&, Channel);
[[nodiscard]] bool enhanced_monitoring(const InstanceState&, Channel);

// A session that speaks to the customer counts against the barge limit: barge, or a
// consult join with PUBLIC message mode.
[[nodiscard]] bool speaks_to_customer(const SupervisionSession&);

}  // namespace callwatch
