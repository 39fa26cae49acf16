// A real event store in a temporary directory, filled from a World's log so that store
// positions equal the log's positions.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "codec/event_codec.h"
#include "eventstore/event_store.h"
#include "testing/temp_dir.h"
#include "world.h"

namespace callwatch::projections::testing {

using testkit::TempDir;


inline std::unique_ptr<eventstore::EventStore> open_store(const std::string& dir, bool read_only = false) {
  eventstore::Options o;
  o.durability = read_only ? std::nullopt : std::optional(eventstore::Durability::Wal);
  o.read_only = read_only;
  o.create_if_missing = !read_only;
  auto s = eventstore::EventStore::open(dir, o);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return s ? std::move(*s) : nullptr;
}

inline eventstore::NewEvent to_new_event(Position position, const Event& e) {
  codec::Envelope env{"e-" + std::to_string(position), stream_of(e.body), e};
  return eventstore::NewEvent{env.event_id, env.stream, std::string(type_name(e.body)),
                              codec::encode_event(env)};
}

// Appends log[from, to) (0-based indexes), in order, 256 events per atomic append.
inline void append(eventstore::EventStore& store, const std::vector<PositionedEvent>& log,
                   std::size_t from = 0, std::size_t to = ~std::size_t{0}) {
  to = std::min(to, log.size());
  std::vector<eventstore::NewEvent> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    auto r = store.append(eventstore::parts_in_order(batch));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    batch.clear();
  };
  for (std::size_t i = from; i < to; ++i) {
    batch.push_back(to_new_event(log[i].position, log[i].event));
    if (batch.size() >= 256) flush();
  }
  flush();
  ASSERT_EQ(store.last_position(), log[to - 1].position);
}

}  // namespace callwatch::projections::testing
