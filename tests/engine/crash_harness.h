// One round of the crash test, shared by tests/engine (a few rounds) and bench/eventstore's
// crash_stress (many): start engine_crash_child on a fresh directory, SIGKILL it after
// `kill_after`, then check the store against the last acknowledgement the child printed.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "domain/evolve.h"
#include "engine/engine.h"
#include "engine/records.h"
#include "testing/state_text.h"

namespace callwatch::engine::crash {

struct RoundResult {
  std::uint64_t acked_position = 0;  // the last position the child acknowledged
  std::uint64_t found_position = 0;  // the store's head after the crash (>= acked)
  std::uint64_t acks = 0;
  std::string error;                 // empty: every check passed
};

inline RoundResult run_round(const std::string& child, const std::string& dir, std::uint64_t seed,
                             std::size_t batch, const std::string& durability,
                             std::chrono::milliseconds kill_after) {
  RoundResult result;
  int fds[2];
  if (pipe(fds) != 0) return {0, 0, 0, "pipe failed"};
  pid_t pid = fork();
  if (pid < 0) return {0, 0, 0, "fork failed"};
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::string s = std::to_string(seed), b = std::to_string(batch);
    execl(child.c_str(), child.c_str(), dir.c_str(), s.c_str(), b.c_str(), durability.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);

  // Read acknowledgements; the clock for the kill starts at the first one (the child is up).
  std::string buffer, last_line;
  bool killed = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto now = std::chrono::steady_clock::now();
    if (!killed && now >= deadline) {
      kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    int wait_ms = killed ? 1000
                         : static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                deadline - now).count()) + 1;
    if (poll(&p, 1, wait_ms) < 0) break;
    if (!(p.revents & (POLLIN | POLLHUP))) continue;
    char chunk[65536];
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF: the child is gone and everything it wrote is read
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
      last_line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      if (result.acks++ == 0 && !killed) deadline = std::chrono::steady_clock::now() + kill_after;
    }
  }
  close(fds[0]);
  if (!killed) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
    return {0, 0, result.acks, fmt::format("the child ended by itself (status {})", status)};

  std::uint64_t digest = 0;
  {
    std::istringstream in(last_line);
    std::string word;
    if (!(in >> word >> result.acked_position >> digest) || word != "ack")
      return {0, 0, result.acks, "the child acknowledged nothing"};
  }

  // 1. The store: every acknowledged event present, no gaps, index consistent.
  {
    auto store = eventstore::EventStore::open(dir, eventstore::Options{});
    if (!store) return {result.acked_position, 0, result.acks, "reopen: " + store.error().message};
    result.found_position = (*store)->last_position();
    if (result.found_position < result.acked_position)
      return {result.acked_position, result.found_position, result.acks,
              fmt::format("acknowledged position {} but the store ends at {}",
                          result.acked_position, result.found_position)};
    if (auto v = (*store)->verify(); !v)
      return {result.acked_position, result.found_position, result.acks, "verify: " + v.error().message};
    // 2. The state folded from the acknowledged prefix is the state the child acknowledged.
    State state;
    auto cursor = (*store)->read_all(1);
    if (!cursor) return {result.acked_position, result.found_position, result.acks, cursor.error().message};
    for (; cursor->valid() && cursor->event().position <= result.acked_position; cursor->next()) {
      auto e = from_record(cursor->event());
      if (!e) return {result.acked_position, result.found_position, result.acks, e.error()};
      evolve(state, e->event);
    }
    if (testkit::state_digest(state) != digest)
      return {result.acked_position, result.found_position, result.acks,
              "the state rebuilt from the log differs from the acknowledged state"};
  }
  // 3. The engine reopens on the crashed store and goes on writing.
  {
    EngineOptions o;
    o.data_dir = dir;
    auto engine = Engine::open(o);
    if (!engine) return {result.acked_position, result.found_position, result.acks, "engine reopen: " + engine.error().message};
    auto r = (*engine)->execute(Command{cmd::CreateQueue{UserId{"admin"}, QueueId{"after-crash"}, Channel::Voice}, std::nullopt, "after-crash"});
    if (!r || !*r) return {result.acked_position, result.found_position, result.acks, "no write after the crash"};
    if (auto v = (*engine)->store()->verify(); !v)
      return {result.acked_position, result.found_position, result.acks, "verify after write: " + v.error().message};
  }
  return result;
}

}  // namespace callwatch::engine::crash
