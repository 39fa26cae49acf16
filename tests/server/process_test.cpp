// `callwatch serve` as a process: the URL on stdout's first line, SIGTERM drains and exits 0
// with the store closed, and a SIGKILL during a command burst loses no acknowledged command.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "engine/engine.h"
#include "eventstore/event_store.h"
#include "tests/server/fixture.h"

#ifdef CALLWATCH_BIN
namespace callwatch::testkit {
namespace {

struct ServeProcess {
  pid_t pid = -1;
  std::uint16_t port = 0;
  std::string url;

  explicit ServeProcess(const std::string& data) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::close(out[1]);
      ::execl(CALLWATCH_BIN, CALLWATCH_BIN, "serve", "--data", data.c_str(), "--listen", "127.0.0.1:0",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') url.push_back(c);
    ::close(out[0]);
    const auto colon = url.rfind(':');
    if (colon != std::string::npos) port = static_cast<std::uint16_t>(std::stoi(url.substr(colon + 1)));
  }
  int wait_exit() {
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return status;
  }
  ~ServeProcess() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

TEST(ServeProcess, PrintsItsUrlAndDrainsOnSigterm) {
  TempDir dir;
  token_aliases()["user:admin"] = issue_token_offline(dir.sub("store"), "admin");
  ServeProcess p(dir.sub("store"));
  ASSERT_TRUE(p.url.starts_with("http://127.0.0.1:")) << p.url;
  HttpClient c(p.port);
  for (int i = 0; i < 500 && c.request("GET", "/readyz").status != 200; ++i) ::usleep(10'000);
  ASSERT_EQ(c.post("/v1/commands", R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})").status, 200);
  ::kill(p.pid, SIGTERM);
  const int status = p.wait_exit();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The store is closed and whole: it opens, with the command in it.
  eventstore::Options ro;
  ro.read_only = true;
  auto store = eventstore::EventStore::open(dir.sub("store"), ro);
  ASSERT_TRUE(store.has_value()) << store.error().message;
  EXPECT_EQ((*store)->last_position(), 6u);  // genesis (4), the token, the queue
}

TEST(ServeProcess, SigkillDuringACommandBurstLosesNoAcknowledgedCommand) {
  TempDir dir;
  std::vector<std::string> acked;
  std::mutex mu;
  token_aliases()["user:admin"] = issue_token_offline(dir.sub("store"), "admin");
  {
    ServeProcess p(dir.sub("store"));
    ASSERT_NE(p.port, 0);
    {
      HttpClient c(p.port);
      for (int i = 0; i < 500 && c.request("GET", "/readyz").status != 200; ++i) ::usleep(10'000);
    }
    std::atomic<bool> go{true};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&, w] {
        HttpClient c(p.port);
        for (int i = 0; go; ++i) {
          const std::string id = fmt::format("w{}-{}", w, i);
          auto r = c.post("/v1/commands", fmt::format(R"({{"type":"CreateQueue","queue":"{}","channel":"VOICE"}})", id),
                          "user:admin", {{"Idempotency-Key", id}});
          if (r.status != 200) return;  // the server is gone
          std::lock_guard l(mu);
          acked.push_back(id);
        }
      });
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard l(mu);
        if (acked.size() >= 200) break;
      }
      ::usleep(5'000);
    }
    ::kill(p.pid, SIGKILL);
    p.wait_exit();
    go = false;
    for (auto& t : writers) t.join();
  }
  ASSERT_GE(acked.size(), 50u);
  auto store = eventstore::EventStore::open(dir.sub("store"), eventstore::Options{});
  ASSERT_TRUE(store.has_value()) << store.error().message;
  for (const auto& id : acked) {
    auto found = (*store)->find_event(engine::event_id(id, 0));
    ASSERT_TRUE(found.has_value());
    EXPECT_TRUE(found->has_value()) << "acknowledged command " << id << " is not in the log";
  }
}

}  // namespace
}  // namespace callwatch::testkit
#endif
