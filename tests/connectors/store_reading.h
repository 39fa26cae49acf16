// Reading what ingest wrote: a partition store's log and its quarantine.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "kafka_fixture.h"

namespace callwatch::connectors::kafka_test {

inline std::vector<eventstore::RecordedEvent> log_of(const std::string& dir) {
  eventstore::Options o;
  o.read_only = true;
  o.create_if_missing = false;
  auto store = eventstore::EventStore::open(dir, o);
  EXPECT_TRUE(store) << dir << ": " << store.error().message;
  if (!store) return {};
  auto all = (*store)->read_all(1, 10'000'000);
  EXPECT_TRUE(all);
  return all ? *all : std::vector<eventstore::RecordedEvent>{};
}

// The ids of the events after the genesis.
inline std::vector<std::string> command_event_ids(const std::string& dir) {
  std::vector<std::string> ids;
  for (const auto& e : log_of(dir))
    if (e.event_id.rfind("genesis#", 0) != 0) ids.push_back(e.event_id);
  return ids;
}

inline std::vector<nlohmann::json> quarantine_of(const std::string& dir) {
  auto r = run_callwatch("quarantine --data " + dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

inline std::string create_queue(const std::string& q, const std::string& id = "") {
  std::string s = R"({"type":"CreateQueue","by":"admin","queue":")" + q +
                  R"(","channel":"VOICE","at":"2026-11-23T08:00:00Z")";
  if (!id.empty()) s += R"(,"commandId":")" + id + '"';
  return s + "}";
}

}  // namespace callwatch::connectors::kafka_test
