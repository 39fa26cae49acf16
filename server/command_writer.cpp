#include "server/command_writer.h"

namespace callwatch::server {

CommandWriter::CommandWriter(engine::Engine& engine, OnBatch on_batch, std::size_t max_batch)
    : engine_(engine), on_batch_(std::move(on_batch)), max_batch_(max_batch) {
  thread_ = std::thread([this] { run(); });
}

CommandWriter::~CommandWriter() { stop(); }

bool CommandWriter::submit(std::vector<Command> commands, OnDone done) {
  {
    std::lock_guard l(mu_);
    if (stopping_) return false;
    queue_.push_back({std::move(commands), std::move(done)});
  }
  cv_.notify_one();
  return true;
}

void CommandWriter::stop() {
  {
    std::lock_guard l(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void CommandWriter::run() {
  std::vector<Job> jobs;
  std::vector<Command> commands;
  for (;;) {
    jobs.clear();
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is done
      std::size_t n = 0;
      while (!queue_.empty() && (jobs.empty() || n + queue_.front().commands.size() <= max_batch_)) {
        n += queue_.front().commands.size();
        jobs.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commands.clear();
    for (auto& j : jobs)
      for (auto& c : j.commands) commands.push_back(std::move(c));
    const auto t0 = std::chrono::steady_clock::now();
    auto decided = engine_.execute_batch(commands);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto head = engine_.last_position();
    if (decided && on_batch_) {
      std::size_t events = 0;
      for (const auto& o : *decided)
        if (o) events += o->size();
      on_batch_(events, seconds);
    }
    std::size_t at = 0;
    for (auto& j : jobs) {
      Done d;
      d.position = head;
      if (!decided) {
        d.outcomes = std::unexpected(decided.error());
      } else {
        std::vector<engine::Outcome> mine;
        for (std::size_t i = 0; i < j.commands.size(); ++i) mine.push_back(std::move((*decided)[at + i]));
        d.outcomes = std::move(mine);
      }
      at += j.commands.size();
      try {
        j.done(std::move(d));
      } catch (...) {
      }
    }
  }
}

}  // namespace callwatch::server
