// Contact history: the full timeline of one contact, and the transcript its customer saw.
//
// Every event about a contact belongs to the contact's stream ("contact-<id>", stream_of in
// domain/events.h), and the event store keeps a per-stream index in RocksDB. So the history
// of a contact is its stream: it lives on disk, costs nothing during replay, and is built
// here, at query time, from the stream's events (and their positions, for "as of").
#pragma once

#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/events.h"
#include "domain/state.h"
#include "projections/position.h"

namespace callwatch::projections {

struct PositionedEvent {
  Position position = 0;
  Event event;
};

struct HistoryEntry {
  Position position = 0;
  Event event;
  std::string text;  // one human line: "queued in Sales", "sup barged in", "customer: Hello"
};

struct ContactHistory {
  std::string contact;
  Channel channel = Channel::Voice;
  ContactStatus status = ContactStatus::Initiated;  // as of the last event
  std::string customer;
  std::string flow;
  bool recorded = false;
  std::string queue;  // empty if never queued
  std::string agent;  // empty if never connected
  Timestamp initiated_at{};
  std::optional<Timestamp> queued_at, connected_at, ended_at, finished_at;  // finished: completed or abandoned
  std::optional<Duration> wait;      // queued until connected (or abandoned)
  std::optional<Duration> talk;      // connected until ended
  std::uint32_t holds = 0;
  Duration held{0};
  std::uint32_t public_messages = 0;
  std::uint32_t internal_messages = 0;
  std::uint32_t supervision_sessions = 0;
  std::vector<HistoryEntry> timeline;
};

// The history of `contact` from its stream's events, in log order. Events about other
// contacts are an error (the caller read the wrong stream); no events: "unknown contact".
[[nodiscard]] std::expected<ContactHistory, std::string> build_history(
    std::string_view contact, std::span<const PositionedEvent> events);

// What the customer saw: public messages and the notices of a supervisor joining or barging
// in (domain visible_to_customer). Never internal messages, never silent monitoring.
[[nodiscard]] std::vector<HistoryEntry> customer_transcript(const ContactHistory&);

// One human line for an event of a contact's timeline.
[[nodiscard]] std::string describe(const Event&);

// The contact's state as the domain knows it (evolve over its stream): what permission
// questions need about a contact that is no longer live. nullopt if there are no events.
[[nodiscard]] std::optional<ContactState> fold_contact(std::string_view contact,
                                                       std::span<const PositionedEvent> events);

}  // namespace callwatch::projections
