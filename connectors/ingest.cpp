#include "connectors/ingest.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "connectors/kafka_client.h"
#include "connectors/partition_task.h"
#include "connectors/producer.h"

namespace callwatch::connectors {
namespace {

using Clock = std::chrono::steady_clock;

struct Assigned {
  std::unique_ptr<PartitionTask> task;
  std::vector<KafkaMessage> pending;  // consumed, not yet written
  bool at_end = false;
};

class Ingest {
 public:
  explicit Ingest(const IngestOptions& o) : o_(o) {}

  [[nodiscard]] Result<IngestReport> run() {
    if (auto s = connect(); !s) return std::unexpected(s.error());
    if (!o_.group) {
      auto n = partition_count(consumer_.get(), o_.topic);
      if (!n) return std::unexpected(n.error());
      PartitionList all(rd_kafka_topic_partition_list_new(*n));
      for (int p = 0; p < *n; ++p) rd_kafka_topic_partition_list_add(all.get(), o_.topic.c_str(), p);
      if (auto s = assign(all.get()); !s) return std::unexpected(s.error());
    } else {
      PartitionList topics(rd_kafka_topic_partition_list_new(1));
      rd_kafka_topic_partition_list_add(topics.get(), o_.topic.c_str(), RD_KAFKA_PARTITION_UA);
      if (auto e = rd_kafka_subscribe(consumer_.get(), topics.get()); e != RD_KAFKA_RESP_ERR_NO_ERROR)
        return connector_error(kafka_error_text(fmt::format("subscribing to '{}'", o_.topic), e));
    }
    last_record_ = Clock::now();
    Status s = loop();
    // Leave cleanly: write what is in hand, close the stores (the group rebalances now).
    if (s) s = flush();
    if (failure_ && s) s = std::unexpected(*failure_);
    if (o_.group)
      ignore_error(rd_kafka_consumer_close(consumer_.get()),
                   "leaving: the stores hold the offsets, not the group");
    partitions_.clear();
    if (!s) return std::unexpected(s.error());
    return report_;
  }

 private:
  [[nodiscard]] Status connect() {
    if (o_.dead_letter) {
      auto p = Producer::open(o_.brokers, o_.kafka);
      if (!p) return std::unexpected(p.error());
      dead_letters_ = std::move(*p);
    }
    const std::array<KafkaSetting, 4> defaults{{{"enable.auto.commit", "false"},
                                                {"enable.auto.offset.store", "false"},
                                                {"auto.offset.reset", "earliest"},
                                                {"enable.partition.eof", "true"}}};
    std::vector<KafkaSetting> required{{"bootstrap.servers", o_.brokers},
                                       {"group.id", o_.group.value_or("callwatch-ingest-" + o_.topic)}};
    auto conf = make_conf(defaults, o_.kafka, required);
    if (!conf) return std::unexpected(conf.error());
    if (o_.group) {
      rd_kafka_conf_set_rebalance_cb(conf->get(), &Ingest::on_rebalance);
      rd_kafka_conf_set_opaque(conf->get(), this);
    }
    auto client = make_client(RD_KAFKA_CONSUMER, std::move(*conf));
    if (!client) return std::unexpected(client.error());
    consumer_ = std::move(*client);
    ignore_error(rd_kafka_poll_set_consumer(consumer_.get()),
                 "without a group there is no queue to redirect; polling works either way");
    return {};
  }

  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                           void* opaque) {
    auto* self = static_cast<Ingest*>(opaque);
    const bool cooperative = std::string_view(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
    Status s;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      s = self->assign(parts, cooperative);
    } else {
      // Revoked (or lost): finish the in-flight write, close the stores, then let go.
      s = self->flush();
      for (int i = 0; i < parts->cnt; ++i) self->partitions_.erase(parts->elems[i].partition);
      if (cooperative) {
        rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts);
        if (e) rd_kafka_error_destroy(e);
      } else {
        ignore_error(rd_kafka_assign(rk, nullptr),
                     "a failed unassign leaves nothing assigned to us anyway");
      }
    }
    if (!s && !self->failure_) self->failure_ = s.error();
  }

  // Opens each partition's store and starts it at its stored offset. The stores are opened
  // in parallel: opening (and creating) one is mostly waiting for the disk.
  [[nodiscard]] Status assign(rd_kafka_topic_partition_list_t* parts, bool cooperative = false) {
    std::vector<Result<std::unique_ptr<PartitionTask>>> opened;
    for (int i = 0; i < parts->cnt; ++i) opened.emplace_back(connector_error("not opened"));
    {
      std::vector<std::thread> openers;
      std::atomic<int> next{0};
      const int threads = std::min(parts->cnt, 8);
      for (int t = 0; t < threads; ++t)
        openers.emplace_back([&] {
          for (int i; (i = next++) < parts->cnt;) {
            TaskOptions to{o_.data_dir, o_.topic, parts->elems[i].partition, o_.format, o_.durability};
            opened[static_cast<std::size_t>(i)] = PartitionTask::open(to);
          }
        });
      for (auto& t : openers) t.join();
    }
    Status result;
    for (int i = 0; i < parts->cnt; ++i) {
      rd_kafka_topic_partition_t& tp = parts->elems[i];
      auto& task = opened[static_cast<std::size_t>(i)];
      if (!task) {
        if (result) result = std::unexpected(task.error());
        continue;
      }
      tp.offset = (*task)->next_offset().value_or(RD_KAFKA_OFFSET_BEGINNING);
      if (o_.verbose)
        std::fprintf(stderr, "ingest: partition %d of '%s' from offset %lld\n", tp.partition, o_.topic.c_str(),
                     static_cast<long long>(tp.offset));
      Assigned& a = partitions_[tp.partition];
      a = Assigned{};
      a.task = std::move(*task);
      ++report_.assignments;
      if (result) result = forward(a);
    }
    if (!result) return result;
    if (cooperative) {
      rd_kafka_error_t* e = rd_kafka_incremental_assign(consumer_.get(), parts);
      if (e) {
        std::string m = rd_kafka_error_string(e);
        rd_kafka_error_destroy(e);
        return connector_error("assigning partitions: " + m);
      }
    } else if (auto e = rd_kafka_assign(consumer_.get(), parts); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return connector_error(kafka_error_text("assigning partitions", e));
    }
    last_record_ = Clock::now();
    return {};
  }

  [[nodiscard]] Status loop() {
    std::vector<rd_kafka_topic_partition_t> done;
    while (!(o_.stop && o_.stop->load()) && !failure_) {
      std::size_t taken = 0;
      for (rd_kafka_message_t* m; taken < o_.batch_records &&
                                  (m = rd_kafka_consumer_poll(consumer_.get(), taken == 0 ? 100 : 0));) {
        KafkaMessage msg(m);
        if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
          if (auto it = partitions_.find(msg->partition); it != partitions_.end()) it->second.at_end = true;
          continue;
        }
        if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          if (msg->err == RD_KAFKA_RESP_ERR__FATAL || msg->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
              msg->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
            return connector_error(kafka_error_text(fmt::format("consuming '{}'", o_.topic), msg->err));
          std::fprintf(stderr, "ingest: %s (retrying)\n", rd_kafka_message_errstr(msg.get()));
          continue;
        }
        auto it = partitions_.find(msg->partition);
        if (it == partitions_.end()) continue;  // a partition revoked meanwhile
        it->second.at_end = false;
        it->second.pending.push_back(std::move(msg));
        ++taken;
      }
      if (taken > 0) {
        last_record_ = Clock::now();
        if (auto s = flush(); !s) return s;
      } else if (o_.exit_when_idle_ms && idle()) {
        return {};
      }
    }
    return {};
  }

  [[nodiscard]] bool idle() const {
    if (partitions_.empty()) return false;
    for (const auto& [p, a] : partitions_)
      if (!a.at_end) return false;
    return Clock::now() - last_record_ >= std::chrono::milliseconds(*o_.exit_when_idle_ms);
  }

  // Writes every partition's pending records: one store write each.
  Status flush() {
    std::vector<InRecord> records;
    for (auto& [p, a] : partitions_) {
      if (a.pending.empty()) continue;
      records.clear();
      for (const KafkaMessage& m : a.pending)
        records.push_back({m->offset, std::string_view(static_cast<const char*>(m->key), m->key ? m->key_len : 0),
                           std::string_view(static_cast<const char*>(m->payload), m->payload ? m->len : 0)});
      const TaskCounters before = a.task->counters();
      if (auto s = a.task->process(records); !s) return s;
      const TaskCounters& after = a.task->counters();
      report_.records += after.records - before.records;
      report_.events += after.events - before.events;
      report_.duplicates += after.duplicates - before.duplicates;
      report_.quarantined += after.quarantined - before.quarantined;
      report_.findings += after.findings - before.findings;
      a.pending.clear();
      if (auto s = forward(a); !s) return s;
      if (o_.group) commit(p, a.task->next_offset().value_or(0));
    }
    return {};
  }

  // Sends the quarantine's unforwarded entries to the dead-letter topic, then marks them.
  [[nodiscard]] Status forward(Assigned& a) {
    if (!dead_letters_) return {};
    const QuarantineState q = a.task->quarantine();
    if (q.forwarded >= q.count) return {};
    auto entries = read_quarantine(a.task->store(), q.forwarded, q.count);
    if (!entries) return std::unexpected(entries.error());
    for (const QuarantinedRecord& r : *entries) {
      const std::string partition = std::to_string(r.partition), offset = std::to_string(r.offset);
      const std::array<KafkaHeader, 5> headers{{{"callwatch.reason-code", r.code},
                                                {"callwatch.reason", r.reason},
                                                {"callwatch.source-topic", r.topic},
                                                {"callwatch.source-partition", partition},
                                                {"callwatch.source-offset", offset}}};
      if (auto s = dead_letters_->send(*o_.dead_letter, -1, r.key, r.value, headers); !s) return s;
    }
    if (auto s = dead_letters_->flush(); !s) return connector_error("dead-letter topic: " + s.error().message);
    report_.dead_lettered += entries->size();
    return a.task->mark_forwarded(q.count);
  }

  // Informational only: consumption resumes from the store's offset, never from this.
  void commit(std::int32_t partition, std::int64_t next) {
    PartitionList l(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(l.get(), o_.topic.c_str(), partition)->offset = next;
    ignore_error(rd_kafka_commit(consumer_.get(), l.get(), 1),
                 "informational: the store holds the offset");
  }

  const IngestOptions& o_;
  KafkaClient consumer_;
  std::unique_ptr<Producer> dead_letters_;
  std::map<std::int32_t, Assigned> partitions_;
  Clock::time_point last_record_;
  std::optional<ConnectorError> failure_;
  IngestReport report_;
};

}  // namespace

Result<IngestReport> run_ingest(const IngestOptions& options) {
  if (options.batch_records == 0) return connector_error("the batch size must be positive");
  Ingest ingest(options);
  return ingest.run();
}

}  // namespace callwatch::connectors
