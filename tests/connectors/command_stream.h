// A stream of JSON commands over the partitions of a topic whose every effect is known: each
// good record creates one queue (one event with a known id), every 37th record from offset 5
// is undecodable (quarantined), every 11th from 3 has its own commandId.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors::kafka_test {

class CommandStream {
 public:
  CommandStream(std::string brokers, std::string topic, int partitions)
      : brokers_(std::move(brokers)), topic_(std::move(topic)), ids_(partitions), bad_(partitions),
        next_(partitions, 0) {}

  // `per_partition` more records to every partition.
  void produce_more(int per_partition) {
    for (std::size_t p = 0; p < next_.size(); ++p) {
      std::vector<std::string> values;
      for (int i = 0; i < per_partition; ++i) {
        const std::int64_t offset = next_[p]++;
        const std::string tag = std::to_string(p) + "-" + std::to_string(offset);
        if (offset % 37 == 5) {
          values.push_back("{\"type\":");
          bad_[p].push_back(offset);
        } else if (offset % 11 == 3) {
          values.push_back(create_queue("q" + tag, "k-" + tag));
          ids_[p].push_back("k-" + tag + "#0");
        } else {
          values.push_back(create_queue("q" + tag));
          ids_[p].push_back(topic_ + "/" + std::to_string(p) + "/" + std::to_string(offset) + "#0");
        }
      }
      produce(brokers_, topic_, static_cast<std::int32_t>(p), values);
    }
  }

  [[nodiscard]] std::int64_t produced(std::size_t p) const { return next_[p]; }

  // Every partition store under `data_dir` holds exactly the stream's effects, in order.
  void expect_applied_once(const std::string& data_dir) const {
    for (std::size_t p = 0; p < next_.size(); ++p) {
      const std::string store = data_dir + "/" + topic_ + "." + std::to_string(p);
      EXPECT_EQ(command_event_ids(store), ids_[p]) << "partition " << p;
      std::vector<std::int64_t> bad;
      for (const auto& q : quarantine_of(store)) bad.push_back(q["offset"].get<std::int64_t>());
      EXPECT_EQ(bad, bad_[p]) << "partition " << p;
    }
  }

 private:
  std::string brokers_, topic_;
  std::vector<std::vector<std::string>> ids_;
  std::vector<std::vector<std::int64_t>> bad_;
  std::vector<std::int64_t> next_;
};

}  // namespace callwatch::connectors::kafka_test
