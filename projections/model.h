// ReadModel: the live read models of callwatch, folded from the event log in one pass.
//
// One fold (fold.cpp) feeds the in-memory views (views.h: agents, queues, conversations;
// permissions.h): they share the same users, queues and live contacts, so an event is
// resolved once (one hash of its contact or user id) and every view's numbers move together.
// Histories (supervision sessions, contact timelines) are not kept here: they grow with the
// log and live in RocksDB (sessions.h, history.h).
//
// Memory is bounded by the size of the contact center, not by the length of the log:
// finished contacts (wrap-up completed, abandoned) give their slot back, and slots are
// reused with their capacity, so replay allocates nothing in the steady state. Strings are
// interned to dense integers once; the fold works on integers.
//
// `apply` is deterministic and never fails: an event naming something unknown (a log from a
// foreign or newer producer) is applied as far as it makes sense, as domain evolve() does.
//
// Times: "now" for ages and durations is passed to the views explicitly; the model itself
// keeps the time of the newest event (`clock()`), which is what the CLI uses as "now" so that
// answers depend on the log only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/events.h"
#include "domain/permissions.h"
#include "domain/state.h"
#include "domain/time.h"
#include "domain/vocabulary.h"
#include "projections/id_index.h"
#include "projections/position.h"

namespace callwatch::projections {

struct ModelOptions {
  Duration service_level_threshold{20'000};  // answered within this counts for service level
  Duration window{15 * 60'000};              // the queues' sliding window
  Duration window_bucket{60'000};            // its granularity: the window moves in these steps
};

// UTC day number of a time (days since 1970-01-01): "today" for daily counters.
[[nodiscard]] std::int32_t utc_day(Timestamp t);

// A live supervision session, kept inside its contact.
struct LiveSession {
  std::uint32_t supervisor = kNone;  // user number
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;
  Timestamp since{};       // started
  Timestamp mode_since{};  // current mode since
  Position started_at = 0;  // position of the event that started it: its key in the audit trail
};

// A contact from ContactInitiated until wrap-up completes or it is abandoned.
struct LiveContact {
  std::string id;
  std::string customer;
  Channel channel = Channel::Voice;
  ContactStatus status = ContactStatus::Initiated;
  bool recorded = false;
  bool in_use = false;  // false: a free slot
  std::uint32_t flow = kNone;
  std::uint32_t queue = kNone;
  std::uint32_t agent = kNone;
  Timestamp initiated_at{}, queued_at{}, connected_at{}, ended_at{}, status_since{};
  Timestamp last_message_at{};
  std::uint32_t public_messages = 0;
  std::uint32_t internal_messages = 0;
  std::uint32_t holds = 0;
  Duration held{0};  // completed holds; the current one runs since status_since
  std::uint32_t queue_prev = kNone;  // the queue's waiting line (FIFO), while Queued
  std::uint32_t queue_next = kNone;
  std::vector<LiveSession> sessions;
};

// Why an agent's activity is what it is; ranked: a higher value wins when several apply
// (Amazon Connect's order On contact > After contact work > custom > Available, with a
// supervisor's own session ranked just under a contact of their own). Error, Missed,
// Rejected and Incoming have no event in callwatch's log and never appear.
enum class Activity : std::uint8_t {
  Offline,           // CCP closed, or status Offline, with nothing in hand
  Available,         // status Available
  Custom,            // a custom status (Break, Training): the status name is shown
  AfterContactWork,  // a contact of theirs in wrap-up
  Monitoring,        // a silent session, or a consult join with INTERNAL messages
  Barging,           // a session that speaks to the customer (barge, or PUBLIC consult)
  OnContact,         // a contact of theirs connected or on hold
};
[[nodiscard]] std::string_view to_string(Activity);  // "On contact", "After contact work", ...

struct DailyCount {
  std::int32_t day = -1;  // utc_day of the counts; older days read as zero
  std::array<std::uint32_t, 2> by_channel{};  // indexed by Channel
};

struct User {
  bool created = false;  // UserCreated seen (the domain knows only created users)
  bool ccp_open = false;
  int chat_concurrency = kDefaultChatConcurrency;
  PermissionSet permissions;
  std::uint32_t status = 0;  // status number; 0 is Offline, 1 is Available
  Timestamp status_since{};
  Activity activity = Activity::Offline;
  std::uint32_t activity_status = 0;  // the status shown when activity is Custom
  Timestamp activity_since{};
  std::vector<std::uint32_t> profiles;  // profile numbers, as assigned
  std::vector<std::uint32_t> contacts;  // contact slots assigned to them, wrap-up included
  std::vector<std::uint32_t> watching;  // contact slots they have a session on
  DailyCount handled;                   // contacts connected to them, today
};

struct Profile {
  bool created = false;
  PermissionSet permissions;
};

struct Flow {
  bool created = false;
  bool recording = false;
};

// Queue counters over some period.
struct QueueCounts {
  std::uint32_t handled = 0;         // connected to an agent
  std::uint32_t handled_in_sl = 0;   // ... within the service-level threshold
  std::uint32_t abandoned = 0;
  std::int64_t wait_ms = 0;          // total queue time of the handled ones
  void add(const QueueCounts& o);
};

struct Queue {
  bool created = false;
  Channel channel = Channel::Voice;
  std::uint32_t waiting = 0;  // contacts in queue
  std::uint32_t head = kNone;  // oldest waiting contact slot
  std::uint32_t tail = kNone;
  std::int32_t day = -1;
  QueueCounts today;
  // Ring of window buckets: bucket i holds the counts of bucket number `bucket_ids[i]`.
  std::vector<std::int64_t> bucket_ids;
  std::vector<QueueCounts> buckets;
};

struct MemoryUsage {
  std::size_t total_bytes = 0;
  std::size_t user_bytes = 0;      // user records, their vectors and names
  std::size_t contact_bytes = 0;   // contact slots, their strings, sessions and index
  std::size_t other_bytes = 0;     // queues, profiles, flows, status names
  std::size_t users = 0;
  std::size_t live_contacts = 0;
  std::size_t contact_slots = 0;
};

class ReadModel;

// Told of every change to a supervision session as the fold applies it; the audit trail of
// sessions (sessions.h) is kept this way, without a second lookup per event.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  virtual void started(const ReadModel&, Position, Timestamp, const LiveContact&,
                       const LiveSession&) = 0;
  // A mode change (MonitorModeChanged, or ConversationJoined upgrading a session); `session` is
  // the new state.
  virtual void changed(const ReadModel&, Position, Timestamp, const LiveContact&,
                       const LiveSession&) = 0;
  virtual void stopped(const ReadModel&, Position, Timestamp, const LiveContact&,
                       const LiveSession&, StopReason) = 0;
  // A search, listen or download of recorded conversations (RecordingAccessed): the audit
  // trail shows them with the sessions.
  virtual void accessed(const ReadModel&, Position, Timestamp, const ev::RecordingAccessed&) {}
};

class ReadModel {
 public:
  explicit ReadModel(ModelOptions options = {});

  // Folds one event. `position` is its place in the log; positions must increase.
  void apply(Position position, const Event& event);

  // Back to the empty model (before any event), keeping options and observer.
  void clear();

  // Not owned; nullptr for none.
  void set_session_observer(SessionObserver* o) noexcept { observer_ = o; }

  [[nodiscard]] const ModelOptions& options() const noexcept { return options_; }
  [[nodiscard]] std::uint64_t events_applied() const noexcept { return events_; }
  // Position of the last event applied; meaningless while events_applied() == 0.
  [[nodiscard]] Position last_position() const noexcept { return last_position_; }
  [[nodiscard]] Timestamp clock() const noexcept { return clock_; }
  [[nodiscard]] const InstanceState& instance() const noexcept { return instance_; }

  // Names and records, indexed by the numbers the interners hand out.
  [[nodiscard]] const Interner& user_ids() const noexcept { return user_ids_; }
  [[nodiscard]] const Interner& queue_ids() const noexcept { return queue_ids_; }
  [[nodiscard]] const Interner& flow_ids() const noexcept { return flow_ids_; }
  [[nodiscard]] const Interner& profile_ids() const noexcept { return profile_ids_; }
  [[nodiscard]] const Interner& statuses() const noexcept { return statuses_; }
  [[nodiscard]] const std::vector<User>& users() const noexcept { return users_; }
  [[nodiscard]] const std::vector<Queue>& queues() const noexcept { return queues_; }
  [[nodiscard]] const std::vector<Flow>& flows() const noexcept { return flows_; }
  [[nodiscard]] const std::vector<Profile>& profiles() const noexcept { return profiles_; }
  // Contact slots; only those with in_use are live contacts.
  [[nodiscard]] const std::vector<LiveContact>& contact_slots() const noexcept { return contacts_; }
  [[nodiscard]] std::size_t live_contacts() const noexcept { return live_; }
  // Slot of a live contact, or kNone.
  [[nodiscard]] std::uint32_t find_contact(std::string_view id) const { return find_contact(id, hash_id(id)); }
  [[nodiscard]] std::uint32_t find_contact(std::string_view id, std::uint64_t hash) const;

  // Window counts of a queue as of `now` (buckets older than the window read as zero), and
  // its counts for the UTC day of `now`.
  [[nodiscard]] QueueCounts window_counts(const Queue&, Timestamp now) const;
  [[nodiscard]] QueueCounts day_counts(const Queue&, Timestamp now) const;

  [[nodiscard]] MemoryUsage memory_usage() const;

  // For snapshots (snapshot.cpp), which write and read every field.
  friend class SnapshotCodec;

 private:
  struct Fold;  // the per-event handlers (model.cpp)

  std::uint32_t user(const UserId& id);
  std::uint32_t queue(const QueueId& id);
  std::uint32_t flow(const FlowId& id);
  std::uint32_t profile(const ProfileId& id);
  std::uint32_t add_contact(const ContactId& id);
  void free_contact(std::uint32_t slot);
  void unlink_from_queue(std::uint32_t slot);
  void refresh_activity(std::uint32_t user, Timestamp at);
  QueueCounts& bucket(Queue& q, Timestamp at);
  void count_day(Queue& q, Timestamp at);
  void rebuild_contact_index();

  ModelOptions options_;
  std::uint64_t events_ = 0;
  Position last_position_ = 0;
  Timestamp clock_{};
  InstanceState instance_;

  Interner user_ids_, queue_ids_, flow_ids_, profile_ids_, statuses_;
  std::vector<User> users_;
  std::vector<Queue> queues_;
  std::vector<Flow> flows_;
  std::vector<Profile> profiles_;

  std::vector<LiveContact> contacts_;
  std::vector<std::uint32_t> free_slots_;  // LIFO: the most recently freed slot is reused first
  FlatIndex contact_index_;
  std::size_t live_ = 0;
  SessionObserver* observer_ = nullptr;
};

// The activity an agent's situation gives (see Activity), with the status number to show
// for Custom. Pure: used by the fold and by tests.
struct ActivityOf {
  Activity activity;
  std::uint32_t status;
};
[[nodiscard]] ActivityOf activity_of(const ReadModel&, const User&);

}  // namespace callwatch::projections
