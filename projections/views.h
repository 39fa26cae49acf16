// The in-memory views, as rows: what `callwatch agents|queues|conversations` and the server
// show. Each is a query over ReadModel at a given "now" (ages and durations are measured to
// it); rows are sorted by id so that output is stable. See docs/projections.md for the
// meaning of every field and its JSON form (json.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "projections/model.h"

namespace callwatch::projections {

// Where a view was taken: the last position folded and the time durations are measured to.
struct ViewPoint {
  Position position = 0;
  std::uint64_t events = 0;  // events folded; 0 means an empty log (position meaningless)
  Timestamp now{};
};
[[nodiscard]] ViewPoint view_point(const ReadModel&, std::optional<Timestamp> now = std::nullopt);

struct SupervisorOnContact {
  std::string user;
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;
  Timestamp since{};       // session start
  Timestamp mode_since{};  // current mode since
};

// ---- Agents (the real-time metrics Agents table) ----------------------------------------

struct AgentContact {
  std::string contact;
  Channel channel = Channel::Voice;
  ContactStatus state = ContactStatus::Connected;
  Timestamp state_since{};
  Timestamp connected_at{};
  std::string queue;
  std::vector<SupervisorOnContact> supervisors;  // who is monitoring or barging it
};

struct AgentWatch {  // a session of the agent's own, as a supervisor
  std::string contact;
  std::string agent;  // the contact's agent
  Channel channel = Channel::Voice;
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;
  Timestamp since{};
};

struct AgentRow {
  std::string user;
  std::string status;  // Offline, Available or a custom status name
  Timestamp status_since{};
  Activity activity = Activity::Offline;
  std::string activity_name;  // to_string(activity), or the custom status's name
  Timestamp activity_since{};
  bool ccp_open = false;
  std::array<std::uint32_t, 2> contacts_by_channel{};  // indexed by Channel
  std::array<std::uint32_t, 2> handled_today{};        // connected to them on now's UTC day
  std::vector<AgentContact> contacts;                  // by contact id
  std::vector<AgentWatch> watching;                    // by contact id
};

// Users that are logged in or have something in hand; `all` adds every other user.
[[nodiscard]] std::vector<AgentRow> agents_view(const ReadModel&, Timestamp now, bool all = false);

// ---- Queues --------------------------------------------------------------------------------

struct QueueFigures {
  std::uint32_t handled = 0;    // contacts connected to an agent from this queue
  std::uint32_t abandoned = 0;  // contacts that left the queue without an agent
  std::optional<Duration> average_speed_of_answer;  // mean queue time of the handled ones
  // handled within the threshold / (handled + abandoned): abandoned contacts count against
  // the level whenever they left ("over offered"). nullopt when nothing left the queue.
  std::optional<double> service_level;
};
[[nodiscard]] QueueFigures figures_of(const QueueCounts&);

struct QueueRow {
  std::string queue;
  Channel channel = Channel::Voice;
  std::uint32_t in_queue = 0;
  std::optional<std::string> oldest_contact;
  std::optional<Duration> oldest_age;
  // Agents, by what they do for this queue. callwatch has no routing profiles: every agent
  // serves every queue of a channel, so "available" is the same for all queues of a channel.
  std::uint32_t agents_online = 0;     // CCP open
  std::uint32_t agents_available = 0;  // Available with a free slot for this channel
  std::uint32_t agents_on_contact = 0;     // connected to (or holding) a contact of this queue
  std::uint32_t agents_after_contact_work = 0;  // wrapping up one, and not on one
  QueueFigures window;  // the sliding window ending at now (ModelOptions::window)
  QueueFigures today;   // now's UTC day
};

[[nodiscard]] std::vector<QueueRow> queues_view(const ReadModel&, Timestamp now);

// ---- Ongoing conversations (the supervisor dashboard list) ---------------------------------

struct ConversationRow {
  std::string contact;
  Channel channel = Channel::Voice;
  ContactStatus status = ContactStatus::Connected;  // CONNECTED, ON_HOLD or AFTER_CONTACT_WORK
  Timestamp status_since{};
  std::string agent;
  std::string queue;
  std::string customer;
  bool recorded = false;
  std::optional<Duration> wait;  // queued until connected
  Timestamp connected_at{};
  Duration duration{0};  // connected until ended (or until now, while not ended)
  std::uint32_t holds = 0;
  Duration held{0};  // total time on hold, the current hold included
  std::uint32_t public_messages = 0;    // chats
  std::uint32_t internal_messages = 0;  // chats
  std::optional<Timestamp> last_message_at;
  std::vector<SupervisorOnContact> supervisors;
};

// Every conversation connected, on hold or in wrap-up, by contact id.
[[nodiscard]] std::vector<ConversationRow> conversations_view(const ReadModel&, Timestamp now);

}  // namespace callwatch::projections
