// Hostile clients: limits (431, 413), malformed HTTP, slowloris, a fuzzed byte stream, the
// connection bound. After each, the server still answers /healthz.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>
#include <thread>

#include "tests/server/fixture.h"

namespace callwatch::testkit {
namespace {

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  int fd = connect_to(port, 3000);
  if (fd < 0) return {};
  send_all(fd, bytes);
  std::string out = read_until_close(fd);
  ::close(fd);
  return out;
}

int status_of(const std::string& reply) {
  if (!reply.starts_with("HTTP/1.1 ")) return 0;
  return std::atoi(reply.c_str() + 9);
}

void expect_healthy(std::uint16_t port) {
  HttpClient c(port);
  EXPECT_EQ(c.request("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, HugeHeadersAre431) {
  const std::string big(20'000, 'a');
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n")), 431);
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /" + big + " HTTP/1.1\r\nHost: x\r\n\r\n")), 431);
  expect_healthy(port_);
}

TEST_F(ServerTest, HugeBodiesAre413) {
  EXPECT_EQ(status_of(raw_exchange(port_, "POST /v1/commands HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n{")), 413);
  const std::string chunk(300'000, 'x');
  std::string chunked = "POST /v1/commands HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) chunked += fmt::format("{:x}\r\n{}\r\n", chunk.size(), chunk);
  chunked += "0\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(port_, chunked)), 413);
  expect_healthy(port_);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  EXPECT_EQ(status_of(raw_exchange(port_, "HELLO\r\n\r\n")), 400);
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /healthz HTTP/9.9\r\n\r\n")), 400);
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n")), 400);
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /v1/agents?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n")), 400);
  EXPECT_EQ(status_of(raw_exchange(port_, "GET /v1/agents?x=%ff HTTP/1.1\r\nHost: x\r\n\r\n")), 400);  // not UTF-8
  EXPECT_EQ(status_of(raw_exchange(port_, "GET http://example.com/ HTTP/1.1\r\nHost: x\r\n\r\n")), 400);
  EXPECT_EQ(status_of(raw_exchange(port_, "POST /v1/commands HTTP/1.1\r\nContent-Length: abc\r\n\r\n")), 400);
  expect_healthy(port_);
}

TEST_F(ServerTest, SlowlorisIsCutOffAndOthersAreServedMeanwhile) {
  // Ten clients that send a request's head one byte at a time, slower than the read timeout.
  std::vector<int> slow;
  for (int i = 0; i < 10; ++i) {
    int fd = connect_to(port_, 3000);
    ASSERT_GE(fd, 0);
    send_all(fd, "GET /healthz HTTP/1.1\r\nX-Slow: ");
    slow.push_back(fd);
  }
  expect_healthy(port_);  // they hold no thread
  // The server closes them after its read timeout (400 ms here) although they keep trickling.
  for (int round = 0; round < 20; ++round) {
    for (int fd : slow) send_all(fd, "a");
    ::usleep(50'000);
  }
  for (int fd : slow) {
    std::string rest = read_until_close(fd);  // returns: the server closed the socket
    EXPECT_EQ(rest.find("200 OK"), std::string::npos);
    ::close(fd);
  }
  expect_healthy(port_);
}

TEST_F(ServerTest, FuzzedByteStreamsNeverBreakTheServer) {
  std::mt19937 rng(20261202);
  const std::vector<std::string> seeds = {
      "GET /v1/agents HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer("user:admin") + "\r\n\r\n",
      "POST /v1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer("user:admin") + "\r\nContent-Length: 55\r\n\r\n"
      "{\"type\":\"CreateQueue\",\"queue\":\"F\",\"channel\":\"VOICE\"}\r\n",
      "GET /v1/stream?lastEventId=1 HTTP/1.1\r\nAuthorization: " + bearer("user:admin") + "\r\n\r\n",
  };
  for (int i = 0; i < 150; ++i) {
    std::string s = seeds[i % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0: s[at] = static_cast<char>(rng() & 0xff); break;
        case 1: s.erase(at, 1 + rng() % 4); break;
        case 2: s.insert(at, std::string(1 + rng() % 3, static_cast<char>(rng() & 0xff))); break;
        default: s.insert(at, s.substr(0, std::min<std::size_t>(s.size(), 40))); break;
      }
    }
    int fd = connect_to(port_, 1500);
    ASSERT_GE(fd, 0) << i;
    send_all(fd, s);
    ::shutdown(fd, SHUT_WR);
    (void)read_until_close(fd);
    ::close(fd);
  }
  expect_healthy(port_);
}

class SmallServerTest : public ServerTest {
 protected:
  void configure(server::ServerOptions& o) override { o.http.max_connections = 4; }
};

TEST_F(SmallServerTest, ConnectionsOverTheBoundGet503) {
  std::vector<int> held;
  for (int i = 0; i < 4; ++i) held.push_back(connect_to(port_, 3000));  // the bound, whatever client_ holds
  ::usleep(50'000);
  const std::string over = raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_of(over), 503) << over;
  for (int fd : held) ::close(fd);
  ::usleep(100'000);
  expect_healthy(port_);
}

}  // namespace
}  // namespace callwatch::testkit
