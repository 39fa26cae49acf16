// Shared fixtures of the event store tests: a fresh temporary directory, events, a store.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eventstore/event_store.h"
#include "testing/temp_dir.h"

namespace callwatch::eventstore::testing {

using testkit::TempDir;


inline NewEvent ev(std::string id, std::string stream, std::string type = "Thing",
                   std::string data = "payload") {
  return NewEvent{std::move(id), std::move(stream), std::move(type), std::move(data)};
}

inline std::unique_ptr<EventStore> open_store(const std::string& dir, Options o = {}) {
  o.durability = o.durability.value_or(Durability::Wal);
  auto s = EventStore::open(dir, o);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return s ? std::move(*s) : nullptr;
}

inline std::vector<std::string> ids_of(const std::vector<RecordedEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.event_id);
  return out;
}

}  // namespace callwatch::eventstore::testing
