// Turns the model's actions into domain commands and submits them to a sink (internal).
//
// Each command gets the next command id ("sim-1", "sim-2", ...) and its simulated time. The
// model predicts every answer (accepted, or refused with a given code); a different answer
// from the sink is a divergence between model and domain, counted and shown in the report.
// Commands expected to be accepted are batched; one expected to be refused is submitted on
// its own, so an all-or-nothing batch write never fails because of a planned refusal.
//
// With a background writer, batches go to a second thread that submits them in order while
// the model runs ahead (at most two batches queued): the model never waits for the answers,
// because it predicted them. The log and the counts are the same either way.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "simulator/command_sink.h"
#include "simulator/event_digest.h"
#include "simulator/model.h"

namespace callwatch::sim {

struct SubmitterStats {
  std::uint64_t commands = 0;
  std::uint64_t accepted = 0;
  std::uint64_t events = 0;  // accepted events, appended to the log
  std::array<std::uint64_t, kRejectionCodes> rejections{};
  std::uint64_t divergences = 0;
  std::vector<std::string> divergence_examples;  // the first few, with the reason
  LogDigest digest;
};

class Submitter final : public ActionListener {
 public:
  Submitter(const Scenario& s, CommandSink& sink, std::size_t batch, bool background_writer);
  ~Submitter() override;
  Submitter(const Submitter&) = delete;
  Submitter& operator=(const Submitter&) = delete;
  // The model whose names (users, statuses) actions refer to; before the model starts.
  void attach(const Model& model) { model_ = &model; }

  void on(const Action& action) override;
  // Submits (or hands to the writer) what is batched; call before pausing.
  void flush();
  // Flushes and waits until every command was decided. stats() is valid afterwards.
  void finish();
  // The sink reported a failure (set by whichever thread submits).
  [[nodiscard]] bool failed() const { return failed_.load(std::memory_order_relaxed); }
  [[nodiscard]] const SubmitterStats& stats() const { return stats_; }

 private:
  struct Job {
    std::vector<Command> commands;
    std::vector<std::optional<RejectionCode>> expected;
  };
  void build(const Action& a, Command& out);
  [[nodiscard]] const ContactId& contact_id(const Action& a);
  [[nodiscard]] ContactId make_contact_id(const Action& a) const;
  [[nodiscard]] const UserId& user_id(std::uint32_t index);
  void hand_over(Job job);
  void process(const Job& job);
  void writer_loop();
  void record(const Command& c, std::optional<RejectionCode> expected, const Decision& d);

  const Scenario& s_;
  CommandSink& sink_;
  std::size_t batch_;
  const Model* model_ = nullptr;
  std::vector<UserId> user_ids_;  // by index into Model::users(), made on first use
  std::vector<QueueId> queue_ids_;  // by index into Scenario::queues
  std::vector<FlowId> flow_ids_;    // by index into Scenario::flows
  struct ContactIdSlot {
    std::uint64_t ordinal = 0;  // ordinals start at 1: a fresh slot never matches
    std::uint32_t queue = 0;
    ContactId id;
  };
  static constexpr std::uint64_t kContactIdWays = 7919;  // a prime: queues spread over slots
  std::vector<ContactIdSlot> contact_ids_ = std::vector<ContactIdSlot>(4096);
  std::uint64_t next_id_ = 1;
  Command single_;  // the command of the one-thread, batch-of-one path, reused
  std::vector<Command> pending_;
  std::vector<std::optional<RejectionCode>> expected_;
  std::vector<Decision> results_;  // the submitting thread's
  SubmitterStats stats_;             // the submitting thread's until finish()
  std::atomic<bool> failed_{false};

  // The background writer.
  bool background_;
  std::thread writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  static constexpr std::size_t kMaxQueued = 2;  // jobs queued before the model waits
  std::deque<Job> queue_;
  std::atomic<std::size_t> queued_{0};  // queue_.size(), for spinning without the lock
  // Jobs the writer has processed, handed back so that their commands are destroyed and
  // their buffers reused on the thread that allocated them: freeing another thread's
  // allocations made glibc's malloc the bottleneck of the two-thread pipeline.
  std::vector<Job> spare_;
  std::atomic<bool> closing_{false};
  bool finished_ = false;
};

}  // namespace callwatch::sim
