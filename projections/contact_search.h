// Past conversations: the search of completed contacts behind
// GET /v1/contacts?agent=&queue=&from=&to=&monitoredBy= (issue 12; needs the permission
// RecordedConversationsAccess, and each search is itself recorded: AccessRecording SEARCH).
//
// ContactIndex folds the contact events into one summary per contact; a contact joins the
// searchable set when it finishes (WrapUpCompleted or ContactAbandoned), at that event's
// position, so a search "as of" position P sees exactly the contacts finished at or before
// P, each complete (nothing about a contact happens after it finishes). search() is a scan
// of the finished contacts, newest first, under a shared lock: no I/O.
//
// Memory grows with the number of finished contacts (about 200 bytes each, ids and names
// as short strings): a day of a large center (a million contacts) is about 200 MB. Thread-
// safe: one thread applies (the server's subscription) while any number search.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <nlohmann/json.hpp>

#include "domain/events.h"
#include "domain/ids.h"
#include "domain/vocabulary.h"
#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/position.h"
#include "projections/views.h"

namespace callwatch::projections {

struct ContactQuery {
  std::optional<std::string> agent;         // the contact's agent
  std::optional<std::string> queue;         // the queue it waited in
  std::optional<std::string> monitored_by;  // a supervisor who had a session on it
  std::optional<Timestamp> from, to;        // initiated at or after `from`, before `to`
  Position as_of = std::numeric_limits<Position>::max();
  std::size_t limit = 100;                  // at most this many, newest first
};

struct ContactSummary {
  std::string contact;
  Channel channel = Channel::Voice;
  ContactStatus status = ContactStatus::Initiated;  // COMPLETED or ABANDONED once finished
  std::string customer;
  std::string flow;
  std::string queue;  // empty if never queued
  std::string agent;  // empty if never connected
  bool recorded = false;
  Timestamp initiated_at{};
  std::optional<Timestamp> connected_at, ended_at;
  Timestamp finished_at{};
  Position finished_position = 0;
  std::vector<std::string> monitored_by;  // in the order their first session started
};

struct ContactSearchResult {
  std::vector<ContactSummary> contacts;  // newest finished first
  bool truncated = false;                // more matched than the limit
};

class ContactIndex {
 public:
  ContactIndex() = default;
  ContactIndex(const ContactIndex&) = delete;
  ContactIndex& operator=(const ContactIndex&) = delete;

  // Folds one event (positions increasing); events about no contact only move position().
  void apply(Position position, const Event& event);
  [[nodiscard]] ContactSearchResult search(const ContactQuery& query) const;
  [[nodiscard]] Position position() const;
  [[nodiscard]] std::size_t finished() const;  // searchable contacts held

 private:
  mutable std::shared_mutex mu_;
  absl::flat_hash_map<ContactId, ContactSummary, std::hash<ContactId>> live_;
  std::vector<ContactSummary> finished_;  // in finishing order
  Position position_ = 0;
};

// Folds `store`'s log after index.position() up to `as_of` (default: the head) into `index`.
[[nodiscard]] Status catch_up(const eventstore::EventStore& store, ContactIndex& index,
                              Position as_of = std::numeric_limits<Position>::max());

// {"asOf": view point, "contacts": [contact], "truncated": bool}; a contact is
// {"contact", "channel", "status", "customer", "flow", "queue", "agent", "recorded",
//  "initiatedAt", "connectedAt", "endedAt", "finishedAt", "finishedPosition", "monitoredBy"}
// (null for a queue, agent or time that does not apply). docs/projections.md.
[[nodiscard]] nlohmann::json contacts_json(const ViewPoint&, const ContactSearchResult&);

}  // namespace callwatch::projections
