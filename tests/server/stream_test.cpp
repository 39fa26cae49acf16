// GET /v1/stream: every change once, in order, with its position as the SSE id; resuming with
// Last-Event-ID after a dropped connection misses nothing and repeats nothing; filters.
#include <gtest/gtest.h>

#include "tests/server/fixture.h"

namespace callwatch::testkit {
namespace {

void create_queues(ServerTest& t, HttpClient& c, int from, int to) {
  (void)t;
  for (int i = from; i < to; ++i)
    ASSERT_EQ(c.post("/v1/commands", R"({"type":"CreateQueue","queue":"Q)" + std::to_string(i) + R"(","channel":"VOICE"})").status,
              200);
}

TEST_F(ServerTest, StreamResumesWithLastEventIdMissingNothingRepeatingNothing) {
  create_queues(*this, *client_, 0, 5);  // positions 5..9
  std::vector<unsigned long> seen;
  {
    SseReader sse(port_, "/v1/stream", "user:admin", std::string("0"));
    ASSERT_EQ(sse.status(), 200);
    for (int i = 0; i < 7; ++i) {  // 1..7: the genesis and three queues; then the connection drops
      auto e = sse.next();
      ASSERT_TRUE(e) << i;
      seen.push_back(std::stoul(e->id));
    }
  }
  create_queues(*this, *client_, 5, 10);  // 10..14 while disconnected
  SseReader again(port_, "/v1/stream", "user:admin", std::to_string(seen.back()));
  ASSERT_EQ(again.status(), 200);
  std::thread more([this] {
    HttpClient c(port_);
    create_queues(*this, c, 10, 15);  // 15..19 while connected
  });
  for (int i = 0; i < 12; ++i) {
    auto e = again.next();
    ASSERT_TRUE(e) << i;
    seen.push_back(std::stoul(e->id));
    EXPECT_EQ(e->event, seen.back() <= 4 ? e->event : "QueueCreated");
    auto j = nlohmann::json::parse(e->data);
    EXPECT_EQ(j["position"], seen.back());
  }
  more.join();
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i + 1) << "position " << i + 1;
}

TEST_F(ServerTest, StreamStartsLiveWithoutLastEventIdAndFilters) {
  contact_center();
  SseReader all(port_, "/v1/stream", "user:admin");
  SseReader chats(port_, "/v1/stream?channel=CHAT&agent=bo", "user:admin");
  ASSERT_EQ(all.status(), 200);
  ASSERT_EQ(chats.status(), 200);
  command(R"({"type":"HoldContact","contact":"c-1"})", 200, "user:ana");
  command(R"({"type":"SendMessage","contact":"chat-1","text":"Hello Bo"})", 200, "user:bo");
  auto a1 = all.next(), a2 = all.next();
  ASSERT_TRUE(a1 && a2);
  EXPECT_EQ(a1->event, "ContactHeld");
  EXPECT_EQ(a2->event, "MessageSent");
  auto c1 = chats.next();
  ASSERT_TRUE(c1);
  EXPECT_EQ(c1->event, "MessageSent");  // the hold is a call's
  EXPECT_EQ(c1->id, a2->id);
  auto j = nlohmann::json::parse(c1->data);
  EXPECT_EQ(j["contact"], "chat-1");
  EXPECT_EQ(j["queue"], "Support");
  EXPECT_EQ(j["agent"], "bo");
  EXPECT_EQ(j["state"], "CONNECTED");
  EXPECT_EQ(j["event"]["text"], "Hello Bo");
}

TEST_F(ServerTest, StreamRejectsBadParameters) {
  EXPECT_EQ(client_->get("/v1/stream?state=SLEEPING").status, 400);
  SseReader bad(port_, "/v1/stream", "user:admin", std::string("x"));
  EXPECT_EQ(bad.status(), 400);
}

}  // namespace
}  // namespace callwatch::testkit
