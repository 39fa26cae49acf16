// CommandWriter: the one thread that executes commands on the engine (engine/ is
// single-writer). Requests queue their commands here; the writer takes everything queued
// (up to `max_batch` commands), decides it in one execute_batch (one append, one fsync in
// sync mode: group commit across concurrent requests), and only then calls each request's
// `done`, on the writer's thread: a reply is sent after its events are durable.
//
// A request's commands stay together and in order within a batch; results come back in
// command order. When the store fails, every request of that batch gets the error and nothing
// of it was acknowledged.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/engine.h"

namespace callwatch::server {

class CommandWriter {
 public:
  struct Done {
    engine::Result<std::vector<engine::Outcome>> outcomes;
    eventstore::Position position = 0;  // the log's head after the batch
  };
  using OnDone = std::function<void(Done)>;
  // Told of every batch written: events appended and seconds the execute took.
  using OnBatch = std::function<void(std::size_t events, double seconds)>;

  explicit CommandWriter(engine::Engine& engine, OnBatch on_batch = {}, std::size_t max_batch = 4096);
  ~CommandWriter();
  CommandWriter(const CommandWriter&) = delete;
  CommandWriter& operator=(const CommandWriter&) = delete;

  // Queues; false (and `done` is not called) once stop() began.
  [[nodiscard]] bool submit(std::vector<Command> commands, OnDone done);
  // Executes what is queued, then ends the thread. Idempotent.
  void stop();

 private:
  void run();
  struct Job {
    std::vector<Command> commands;
    OnDone done;
  };
  engine::Engine& engine_;
  OnBatch on_batch_;
  const std::size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace callwatch::server
