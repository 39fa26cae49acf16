// ChangeFeed: the live feed's recent changes, one per event folded by the server's read
// models, kept in a bounded ring that every live-feed client reads at its own pace.
//
// The follower (live_model.h) publishes each event it folds as a Change: its position, its
// JSON (the SSE `data`) and what the feed's filters look at (the contact, its queue, agent,
// channel and state, as the read model had them when the event was folded). A client keeps
// only a cursor (the last position it saw), so the writer never waits for a client and a slow
// client costs nothing: it reads further behind until the ring has moved past its cursor,
// and then it is dropped (it reconnects with Last-Event-ID and is served from the log).
#pragma once

#include <cstdint>
#include <atomic>
#include <deque>
#include <expected>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/events.h"
#include "domain/vocabulary.h"
#include "projections/model.h"
#include "server/http_types.h"

namespace callwatch::server {

using Position = projections::Position;

struct Change {
  Position position = 0;
  std::string type;  // the event's type name
  std::string contact, queue, agent;  // empty: not about one
  std::optional<Channel> channel;
  std::optional<ContactStatus> state;
  std::string data;  // {"position":..,"type":..,"at":..,"contact":..,...,"event":{..}}
};

// The event as a Change. With a model (the live read model, just after folding the event),
// the contact's queue, agent, channel and state come from it; without one (events read back
// from the log for a resuming client) only from the event's own fields.
// `with_data` false leaves `data` empty (only the attributes are wanted).
[[nodiscard]] Change make_change(Position, const Event&, const projections::ReadModel* after,
                                 const Change* before = nullptr, bool with_data = true);

// The feed's and the reads' filters: every one given must equal the change's (or row's)
// attribute. Parsed from ?queue=&channel=&state=&agent=&contact=.
struct ChangeFilter {
  std::optional<std::string> queue, agent, contact;
  std::optional<Channel> channel;
  std::optional<ContactStatus> state;
  [[nodiscard]] bool matches(const Change&) const;
  [[nodiscard]] bool empty() const { return !queue && !agent && !contact && !channel && !state; }
  // A 400 response for a bad value (unknown channel or state).
  [[nodiscard]] static std::expected<ChangeFilter, Response> from_query(const Request&);
};

class ChangeFeed {
 public:
  explicit ChangeFeed(std::size_t capacity = 1 << 16) : capacity_(capacity) {}

  // The follower: appends changes (positions increasing) and wakes every waiting client.
  void publish(std::vector<Change> changes);
  // The feed starts after this position (what was folded before the server started is read
  // back from the log).
  void set_start(Position p);

  enum class Read { Ok, Behind };
  // Changes with position > *cursor that pass `filter`, appended to `out` as SSE events until
  // out holds about `max_bytes`; *cursor moves past every change looked at. Behind: the ring
  // no longer holds the change after *cursor.
  [[nodiscard]] Read read(Position* cursor, const ChangeFilter& filter, std::size_t max_bytes, std::string& out) const;
  // Registers `wake` for the next publish (or at once if something after `cursor` is there).
  void wait(Position cursor, std::function<void()> wake);
  // Wakes everyone (the server stops).
  void wake_all();
  [[nodiscard]] Position head() const;

  // Live-feed clients, for metrics.
  std::atomic<std::int64_t> clients{0};

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<Change> ring_;
  Position start_ = 0;  // the ring holds every change after start_ ...
  Position head_ = 0;   // ... up to head_ (its front is at most the change after start_)
  std::vector<std::function<void()>> wakes_;
};

// One SSE event: "id: P\nevent: TYPE\ndata: JSON\n\n".
void append_sse(const Change&, std::string& out);

}  // namespace callwatch::server
