// The projection commands of the `callwatch` binary, end to end, on a store that another
// process (this test) holds open for writing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store_fixture.h"
#include "tests/app/run_process.h"

namespace callwatch::projections::testing {
namespace {

using callwatch::testing::run_callwatch;
using nlohmann::json;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).agent("bob");
    w.at(12).supervisor("sup");
    w.at(13).supervisor("boss");
    w.at(20).start("c1", Channel::Voice);
    w.at(25).connect("c1", "alice");
    w.at(30).start("ch1", Channel::Chat);
    w.at(31).connect("ch1", "bob");
    w.at(32).say("ch1", Party::customer(), "hello");
    w.at(33).say("ch1", Party::of(UserId{"bob"}), "hi, how can I help?");
    w.at(40).monitor("c1", "sup");
    w.at(41).ok(cmd::JoinConversation{ContactId{"ch1"}, UserId{"sup"}, MessageMode::Internal});
    w.at(42).say("ch1", Party::of(UserId{"sup"}), "psst", Visibility::Internal);
    w.at(50).start("v2", Channel::Voice);
    store = open_store(dir.path());
    append(*store, w.log());
    data = "--data '" + dir.path() + "'";
  }
  json run_json(const std::string& args) {
    auto r = run_callwatch(args + " " + data + " --json");
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    auto j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  static const json* find(const json& array, const std::string& key, const std::string& value) {
    for (const auto& x : array)
      if (x.value(key, "") == value) return &x;
    ADD_FAILURE() << "no " << key << " = " << value << " in " << array.dump();
    return nullptr;
  }

  TempDir dir;
  World w;
  std::unique_ptr<eventstore::EventStore> store;
  std::string data;
};

TEST_F(CliTest, ViewsAsJson) {
  const json agents = run_json("agents");
  EXPECT_EQ(agents["asOf"]["position"], w.last_position());
  EXPECT_EQ(agents["asOf"]["time"], "2026-11-18T11:07:30.000Z");
  const json* alice = find(agents["agents"], "user", "alice");
  ASSERT_TRUE(alice);
  EXPECT_EQ((*alice)["activity"], "On contact");
  EXPECT_EQ((*alice)["activityMs"], 25'000);
  EXPECT_EQ((*alice)["contacts"][0]["supervisors"][0]["user"], "sup");
  EXPECT_EQ((*find(agents["agents"], "user", "sup"))["activity"], "Monitoring");

  const json queues = run_json("queues");
  const json* vq = find(queues["queues"], "queue", "voice-q");
  ASSERT_TRUE(vq);
  EXPECT_EQ((*vq)["inQueue"], 1);
  EXPECT_EQ((*vq)["oldestContact"], "v2");
  EXPECT_EQ((*vq)["oldestAgeMs"], 0);
  EXPECT_EQ((*vq)["today"]["handled"], 1);
  EXPECT_EQ((*vq)["today"]["serviceLevel"], 1.0);

  const json conv = run_json("conversations");
  ASSERT_EQ(conv["conversations"].size(), 2u);
  const json* chat = find(conv["conversations"], "contact", "ch1");
  EXPECT_EQ((*chat)["messages"]["public"], 2);
  EXPECT_EQ((*chat)["messages"]["internal"], 1);
  EXPECT_EQ((*chat)["supervisors"][0]["mode"], "CONSULT");

  const json sessions = run_json("sessions");
  ASSERT_EQ(sessions["sessions"].size(), 2u);
  EXPECT_EQ(sessions["sessions"][0]["contact"], "c1");
  EXPECT_TRUE(sessions["sessions"][0]["endedAt"].is_null());

  const json transcript = run_json("history ch1 --transcript");
  ASSERT_EQ(transcript["transcript"].size(), 3u);  // two public messages and the join notice
  EXPECT_EQ(transcript["transcript"][2]["event"]["type"], "ConversationJoined");
  const json history = run_json("history ch1");
  EXPECT_EQ(history["agent"], "bob");
  EXPECT_EQ(history["messages"]["internal"], 1);
}

TEST_F(CliTest, HumanTablesAndAnswers) {
  auto agents = run_callwatch("agents " + data);
  ASSERT_EQ(agents.exit_code, 0) << agents.err;
  EXPECT_NE(agents.out.find("USER   STATUS"), std::string::npos) << agents.out;
  EXPECT_NE(agents.out.find("alice  Available  On contact"), std::string::npos) << agents.out;

  auto yes = run_callwatch("can " + data + " boss barge c1");
  EXPECT_EQ(yes.out, "yes\n") << yes.err;
  auto own = run_callwatch("can " + data + " alice monitor c1");
  EXPECT_EQ(own.out.rfind("no: PERMISSION_DENIED: ", 0), 0u) << own.out;
  auto queued = run_callwatch("can " + data + " sup monitor v2");
  EXPECT_EQ(queued.out.rfind("no: CONTACT_NOT_ACTIVE: ", 0), 0u) << queued.out;
  const json j = run_json("can sup monitor nope");
  EXPECT_EQ(j["allowed"], false);
  EXPECT_EQ(j["code"], "UNKNOWN_CONTACT");
  auto perms = run_callwatch("can " + data + " sup");
  EXPECT_NE(perms.out.find("RealTimeContactBargeIn"), std::string::npos);

  auto call_transcript = run_callwatch("history " + data + " c1 --transcript");
  EXPECT_EQ(call_transcript.exit_code, 1);
  EXPECT_NE(call_transcript.err.find("is a call"), std::string::npos);
}

TEST_F(CliTest, AsOfRebuildAndReplay) {
  const json before = run_json("agents");
  const json early = run_json("agents --as-of 5");
  EXPECT_EQ(early["asOf"]["position"], 5);
  const json at_time = run_json("conversations --as-of 2026-11-18T11:07:12Z");  // t0 + 32 s
  ASSERT_EQ(at_time["conversations"].size(), 2u);
  EXPECT_EQ(at_time["conversations"][0]["supervisors"].size(), 0u);

  // Before sup started monitoring c1 (at t0 + 40 s), sup could; now sup already does.
  EXPECT_EQ(run_callwatch("can " + data + " sup monitor c1 --as-of 2026-11-18T11:07:19Z").out, "yes\n");
  EXPECT_EQ(run_json("can sup monitor c1")["code"], "ALREADY_MONITORING");

  store.reset();  // the writer goes away: rebuild needs no one else on the projections
  const json rebuilt = run_json("rebuild");
  EXPECT_EQ(rebuilt["events"], w.log().size());
  EXPECT_EQ(run_json("agents"), before);  // rebuild = live
  const json replayed = run_json("replay --speed max");
  EXPECT_EQ(replayed["events"], w.log().size());
  EXPECT_EQ(replayed["conversations"], 2);
}

TEST_F(CliTest, Errors) {
  auto none = run_callwatch("agents --data '" + dir.path() + "/nowhere'");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no store"), std::string::npos) << none.err;
  auto bad = run_callwatch("queues " + data + " --as-of yesterday");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("neither a position nor an ISO-8601 time"), std::string::npos) << bad.err;
  auto speed = run_callwatch("replay " + data + " --speed fast");
  EXPECT_EQ(speed.exit_code, 2);
  auto unknown = run_callwatch("history " + data + " zzz");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown contact 'zzz'"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::projections::testing
