// Amazon Connect history from files (`callwatch import`) and from Kafka (`ingest --format
// connect-*`): sessions out of MONITOR contacts, findings, duplicates, out-of-order contact
// events, importing twice, hostile files and mutated records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "connect_fixtures.h"
#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using namespace connect_test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string write_file(const std::string& path, const std::vector<std::string>& records, const std::string& sep = "\n") {
  std::ofstream f(path, std::ios::binary);
  for (const auto& r : records) f << r << sep;
  return path;
}

std::string write_gz(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  return path;
}

std::vector<std::string> types_of(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : log_of(dir)) out.push_back(e.type);
  return out;
}

nlohmann::json findings_of(const std::string& dir) {
  auto r = run_callwatch("findings --json --data " + dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

// Supervisors' MONITOR contacts in the agent stream: sessions, the limit finding, a silent
// heartbeat, and the end when the monitor contact leaves the snapshot.
std::vector<std::string> agent_stream() {
  return {
      agent_event("e-1", "LOGIN", "2026-12-01T09:00:00.000Z", "alice", "Offline", nullptr),
      agent_event("e-2", "STATE_CHANGE", "2026-12-01T09:00:01.000Z", "alice", "Available",
                  json::array({agent_contact("c-1", "CONNECTED")})),
      agent_event("e-3", "STATE_CHANGE", "2026-12-01T09:01:00.000Z", "bob", "Available",
                  json::array({agent_contact("m-1", "CONNECTED", "MONITOR", "c-1")})),
      agent_event("e-4", "HEART_BEAT", "2026-12-01T09:03:00.000Z", "bob", "Available",
                  json::array({agent_contact("m-1", "CONNECTED", "MONITOR", "c-1")})),
      agent_event("e-5", "STATE_CHANGE", "2026-12-01T09:03:10.000Z", "carol", "Available",
                  json::array({agent_contact("m-2", "CONNECTED", "MONITOR", "c-1")})),
      agent_event("e-6", "STATE_CHANGE", "2026-12-01T09:03:20.000Z", "dave", "Available",
                  json::array({agent_contact("m-3", "CONNECTED", "MONITOR", "c-1")})),
      agent_event("e-7", "STATE_CHANGE", "2026-12-01T09:04:00.000Z", "bob", "Available", json::array()),
      agent_event("e-8", "BRAND_NEW_TYPE", "2026-12-01T09:04:01.000Z", "bob"),
  };
}

TEST(ConnectImport, AgentStreamGivesSessionsAndFindingsAndASecondImportWritesNothing) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  const std::string file = write_gz(dir.path() + "/agents.json.gz", [] {
    std::string t;
    for (const auto& r : agent_stream()) t += r + "\n";
    return t;
  }());
  auto r = run_callwatch("import --data " + store + " --format connect-agent " + file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("8 records read"));
  EXPECT_THAT(r.err, HasSubstr("1 findings, 0 refused"));
  EXPECT_THAT(r.err, HasSubstr("1 unknown event types"));

  auto sessions = run_callwatch("sessions --json --data " + store + " --contact c-1");
  ASSERT_EQ(sessions.exit_code, 0) << sessions.err;
  EXPECT_THAT(sessions.out, HasSubstr("\"bob\""));
  EXPECT_THAT(sessions.out, HasSubstr("\"carol\""));
  EXPECT_THAT(sessions.out, HasSubstr("\"dave\""));
  auto open = run_callwatch("sessions --json --open --data " + store + " --supervisor bob");
  EXPECT_THAT(open.out, Not(HasSubstr("\"bob\""))) << "bob's monitor contact left his snapshot: stopped";

  auto f = findings_of(store);
  ASSERT_EQ(f["findings"].size(), 1u) << f.dump();
  EXPECT_EQ(f["findings"][0]["rule"], "MONITOR_LIMIT_REACHED");
  EXPECT_EQ(f["findings"][0]["user"], "dave");
  EXPECT_EQ(f["findings"][0]["contact"], "c-1");
  EXPECT_EQ(f["findings"][0]["fact"], "MonitoringStarted");

  const auto before = log_of(store).size();
  auto again = run_callwatch("import --data " + store + " --format connect-agent " + file);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 events written"));
  EXPECT_EQ(log_of(store).size(), before);
}

TEST(ConnectImport, HeartbeatThatChangesNothingWritesNothing) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  auto stream = agent_stream();
  stream.resize(3);
  auto r = run_callwatch("import --data " + store + " --format connect-agent " + write_file(dir.path() + "/a", stream));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto before = log_of(store).size();
  auto hb = run_callwatch("import --data " + store + " --format connect-agent " +
                          write_file(dir.path() + "/b", {agent_stream()[3]}));
  ASSERT_EQ(hb.exit_code, 0) << hb.err;
  EXPECT_THAT(hb.err, HasSubstr("1 records read, 0 events written"));
  EXPECT_EQ(log_of(store).size(), before);
}

TEST(ConnectImport, ContactEventsOutOfOrderAndDuplicatedNeverMoveBackwards) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  // DISCONNECTED first (it names queue and agent: the contact is queued, connected, ended),
  // then the earlier events (stale), and QUEUED twice (an exact duplicate of a record that wrote).
  const std::vector<std::string> events = {
      contact_event("x-1", "QUEUED", "2026-12-01T10:00:05.000Z", "c-20"),
      contact_event("x-1", "QUEUED", "2026-12-01T10:00:05.000Z", "c-20"),
      contact_event("x-3", "DISCONNECTED", "2026-12-01T10:05:00.000Z", "c-20", "a-7"),
      contact_event("x-2", "CONNECTED_TO_AGENT", "2026-12-01T10:00:30.000Z", "c-20", "a-7"),
      contact_event("x-0", "INITIATED", "2026-12-01T10:00:00.000Z", "c-20"),
  };
  auto r = run_callwatch("import --data " + store + " --format connect-contact " +
                         write_file(dir.path() + "/e", events, ""));  // concatenated objects
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("5 records read"));
  EXPECT_THAT(r.err, HasSubstr("1 duplicates"));
  EXPECT_THAT(r.err, HasSubstr("1 stale"));
  auto types = types_of(store);
  std::vector<std::string> contact_types;
  for (const auto& e : log_of(store))
    if (e.stream == "contact-c-20") contact_types.push_back(e.type);
  EXPECT_THAT(contact_types, ElementsAre("ContactInitiated", "ContactQueued", "AgentConnected", "ContactEnded"));
}

TEST(ConnectImport, MonitorContactEventsAreASessionThatALateEventDoesNotReopen) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  const std::vector<std::string> events = {
      contact_event("y-1", "CONNECTED_TO_AGENT", "2026-12-01T10:00:30.000Z", "c-21", "a-7"),
      contact_event("y-2", "CONNECTED_TO_AGENT", "2026-12-01T10:01:00.000Z", "m-21", "s-1", "MONITOR", "c-21"),
      contact_event("y-3", "DISCONNECTED", "2026-12-01T10:02:00.000Z", "m-21", "s-1", "MONITOR", "c-21"),
      contact_event("y-4", "CONNECTED_TO_AGENT", "2026-12-01T10:01:00.000Z", "m-21", "s-1", "MONITOR", "c-21"),
  };
  auto r = run_callwatch("import --data " + store + " --format connect-contact " + write_file(dir.path() + "/e", events));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("1 stale"));
  std::vector<std::string> contact;
  for (const auto& e : log_of(store))
    if (e.stream == "contact-c-21") contact.push_back(e.type);
  EXPECT_THAT(contact, ElementsAre("ContactInitiated", "ContactQueued", "AgentConnected", "RecordingEnabled",
                                   "MonitoringStarted", "MonitoringStopped"));
  auto sessions = run_callwatch("sessions --json --data " + store + " --contact c-21");
  EXPECT_THAT(sessions.out, HasSubstr("\"s-1\""));
  EXPECT_THAT(sessions.out, HasSubstr("REQUESTED"));
}

TEST(ConnectImport, ContactRecordsDedupeOnContactIdAndFindSupervisionWithoutRecording) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  const std::vector<std::string> ctrs = {
      contact_record("c-10", "2026-12-01T11:12:00Z", "alice", /*recorded=*/false),
      contact_record("c-10", "2026-12-01T11:12:00Z", "alice", false),  // delivered twice
      contact_record("c-11", "2026-12-01T11:12:00Z", "alice", true),
      contact_record("m-10", "2026-12-01T11:12:00Z", "erin", false, "MONITOR", "c-10",
                     {{"SILENT_MONITOR", "2026-12-01T11:01:00Z", "2026-12-01T11:02:00Z"},
                      {"BARGE", "2026-12-01T11:02:00Z", "2026-12-01T11:03:00Z"}}),
      contact_record("m-11", "2026-12-01T11:12:00Z", "erin", false, "MONITOR", "c-11",
                     {{"SILENT_MONITOR", "2026-12-01T11:04:00Z", "2026-12-01T11:05:00Z"}}),
      contact_record("c-10", "2026-12-01T11:00:00Z", "alice", false),  // an older version
  };
  auto r = run_callwatch("import --data " + store + " --format connect-ctr " +
                         write_gz(dir.path() + "/ctr.gz", [&] {
                           std::string t;
                           for (const auto& c : ctrs) t += c + "\n";
                           return t;
                         }()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("6 records read"));
  EXPECT_THAT(r.err, HasSubstr("2 duplicates"));
  auto f = findings_of(store);
  ASSERT_EQ(f["findings"].size(), 2u) << f.dump();
  EXPECT_EQ(f["findings"][0]["rule"], "RECORDING_DISABLED");
  EXPECT_EQ(f["findings"][0]["fact"], "MonitoringStarted");
  EXPECT_EQ(f["findings"][1]["rule"], "RECORDING_DISABLED");
  EXPECT_EQ(f["findings"][1]["fact"], "MonitorModeChanged");
  EXPECT_EQ(f["byRule"]["RECORDING_DISABLED"], 2);

  auto sessions = run_callwatch("sessions --json --data " + store + " --supervisor erin");
  EXPECT_THAT(sessions.out, HasSubstr("c-10"));
  EXPECT_THAT(sessions.out, HasSubstr("c-11"));
  auto as_of = run_callwatch("findings --json --data " + store + " --as-of 2026-12-01T11:01:30Z");
  EXPECT_EQ(nlohmann::json::parse(as_of.out)["findings"].size(), 1u) << as_of.out;

  // The same file again writes nothing.
  const auto before = log_of(store).size();
  auto again = run_callwatch("import --data " + store + " --format connect-ctr " + dir.path() + "/ctr.gz");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 events written"));
  EXPECT_EQ(log_of(store).size(), before);
}

TEST(ConnectImport, BargeWithoutPermissionIsAFindingAgainstTheProfilesTheStoreKnows) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  auto setup = run_callwatch(
      "apply --data " + store,
      R"({"type":"CreateUser","by":"admin","user":"frank","profiles":["Agent"],"at":"2026-12-01T08:00:00Z"})"
      "\n");
  ASSERT_EQ(setup.exit_code, 0) << setup.err << setup.out;
  auto r = run_callwatch(
      "import --data " + store + " --format connect-ctr " +
      write_file(dir.path() + "/c",
                 {contact_record("c-30", "2026-12-01T11:12:00Z", "alice", true),
                  contact_record("m-30", "2026-12-01T11:12:00Z", "frank", false, "MONITOR", "c-30",
                                 {{"BARGE", "2026-12-01T11:01:00Z", "2026-12-01T11:02:00Z"}})}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto f = findings_of(store);
  ASSERT_EQ(f["findings"].size(), 1u) << f.dump();
  EXPECT_EQ(f["findings"][0]["rule"], "PERMISSION_DENIED");
  EXPECT_EQ(f["findings"][0]["user"], "frank");
}

TEST(ConnectImport, HostileFilesFailPreciselyAndWriteNothing) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  const std::string good = write_file(dir.path() + "/good", {contact_record("c-1", "2026-12-01T11:12:00Z", "a", true)});
  std::string gz;
  {
    const std::string path = write_gz(dir.path() + "/full.gz", contact_record("c-2", "2026-12-01T11:12:00Z", "a", true) + "\n");
    gz = slurp(path);
  }
  std::ofstream(dir.path() + "/cut.gz", std::ios::binary) << gz.substr(0, gz.size() / 2);
  std::ofstream(dir.path() + "/latin1", std::ios::binary) << "{\"ContactId\":\"caf\xe9\"}\n";
  std::ofstream(dir.path() + "/huge", std::ios::binary) << "{\"x\":\"" << std::string(2 << 20, 'a') << "\"}\n";
  std::ofstream(dir.path() + "/open", std::ios::binary) << "{\"ContactId\":\"c\"\n";
  std::ofstream(dir.path() + "/array", std::ios::binary) << "[1,2]\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"cut.gz", "truncated gzip"}, {"latin1", "not valid UTF-8"}, {"huge", "longer than 1048576 bytes"},
      {"open", "not closed at the end of the file"}, {"array", "expected a JSON object"}};
  for (const auto& [name, message] : cases) {
    auto r = run_callwatch("import --data " + store + " --format connect-ctr " + good + " " + dir.path() + "/" + name);
    EXPECT_EQ(r.exit_code, 1) << name << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(message)) << name;
    EXPECT_THAT(r.err, HasSubstr(name));
    EXPECT_FALSE(std::filesystem::exists(store)) << name << ": the good file before it was not written either";
  }
}

TEST(ConnectImport, MutatedRecordsAreRefusedWithTheirReasonAndTheRestImported) {
  TempDir dir;
  const std::string store = dir.path() + "/s";
  auto record = [](auto mutate) {
    json j = json::parse(contact_record("c-40", "2026-12-01T11:12:00Z", "alice", true));
    mutate(j);
    return j.dump();
  };
  const std::vector<std::string> records = {
      record([](json& j) { j.erase("ContactId"); }),
      record([](json& j) { j["InitiationTimestamp"] = "yesterday"; }),
      record([](json& j) { j["Agent"] = 17; }),
      record([](json& j) { j["Agent"]["StateTransitions"] = json::array({{{"State", "BARGE"}}}); }),
      "{\"ContactId\": }",
      record([](json& j) { j["contactid"] = j["ContactId"]; j.erase("ContactId"); j["SomethingNew"] = 1; }),
  };
  auto r = run_callwatch("import --data " + store + " --format connect-ctr " + write_file(dir.path() + "/m", records));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("6 records read"));
  EXPECT_THAT(r.err, HasSubstr("5 refused"));
  EXPECT_THAT(r.err, HasSubstr("record 1: INVALID_CONNECT_RECORD: field 'ContactId' is missing"));
  EXPECT_THAT(r.err, HasSubstr("record 2: INVALID_CONNECT_RECORD: field 'InitiationTimestamp'"));
  EXPECT_THAT(r.err, HasSubstr("record 3: INVALID_CONNECT_RECORD: field 'Agent' must be an object"));
  EXPECT_THAT(r.err, HasSubstr("StateTransitions[0].StateStartTimestamp' is missing"));
  EXPECT_THAT(r.err, HasSubstr("record 5: INVALID_CONNECT_RECORD: not JSON"));
  EXPECT_THAT(r.err, HasSubstr("1 unknown fields")) << "the other casing reads the same; the new field is counted";
  std::vector<std::string> contact;
  for (const auto& e : log_of(store))
    if (e.stream == "contact-c-40") contact.push_back(e.type);
  EXPECT_THAT(contact, ElementsAre("ContactInitiated", "RecordingEnabled", "ContactQueued", "AgentConnected",
                                   "ContactEnded", "WrapUpCompleted"));
}

TEST(ConnectIngest, AllThreeFormatsFromKafkaWithBadRecordsQuarantined) {
  TempDir dir;
  auto broker = start_broker({"agents", "contacts", "ctrs", "dead"}, 1);
  produce(broker->bootstraps(), "agents", 0, agent_stream());
  produce(broker->bootstraps(), "contacts", 0,
          {contact_event("x-1", "QUEUED", "2026-12-01T10:00:05.000Z", "c-20"), "garbage",
           contact_event("x-3", "DISCONNECTED", "2026-12-01T10:05:00.000Z", "c-20", "a-7"),
           contact_event("x-1", "QUEUED", "2026-12-01T10:00:05.000Z", "c-20")});
  produce(broker->bootstraps(), "ctrs", 0,
          {contact_record("c-10", "2026-12-01T11:12:00Z", "alice", false),
           contact_record("m-10", "2026-12-01T11:12:00Z", "erin", false, "MONITOR", "c-10",
                          {{"SILENT_MONITOR", "2026-12-01T11:01:00Z", "2026-12-01T11:02:00Z"}}),
           contact_record("c-10", "2026-12-01T11:12:00Z", "alice", false)});
  const std::string conf = test_kafka_config(dir.path());
  for (const auto& [topic, format] : std::vector<std::pair<std::string, std::string>>{
           {"agents", "connect-agent"}, {"contacts", "connect-contact"}, {"ctrs", "connect-ctr"}}) {
    auto r = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() + " --topic " + topic +
                           " --format " + format + " --exit-when-idle 0.3 --kafka-config " + conf +
                           (topic == "contacts" ? " --dead-letter dead" : ""));
    ASSERT_EQ(r.exit_code, 0) << topic << ": " << r.err;
  }
  auto f = findings_of(dir.path() + "/agents.0");
  ASSERT_EQ(f["findings"].size(), 1u);
  EXPECT_EQ(f["findings"][0]["rule"], "MONITOR_LIMIT_REACHED");
  auto sessions = run_callwatch("sessions --json --data " + dir.path() + "/agents.0");
  EXPECT_THAT(sessions.out, HasSubstr("\"dave\""));

  auto q = quarantine_of(dir.path() + "/contacts.0");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["offset"], 1);
  EXPECT_EQ(q[0]["code"], "INVALID_CONNECT_RECORD");
  auto dead = read_topic(broker->bootstraps(), "dead");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].value, "garbage");
  EXPECT_EQ(dead[0].headers["callwatch.reason-code"], "INVALID_CONNECT_RECORD");
  EXPECT_THAT(dead[0].headers["callwatch.reason"], HasSubstr("not JSON"));
  EXPECT_EQ(dead[0].headers["callwatch.source-offset"], "1");
  std::vector<std::string> contact;
  for (const auto& e : log_of(dir.path() + "/contacts.0"))
    if (e.stream == "contact-c-20") contact.push_back(e.type);
  EXPECT_THAT(contact, ElementsAre("ContactInitiated", "ContactQueued", "AgentConnected", "ContactEnded"));

  auto ctr = findings_of(dir.path() + "/ctrs.0");
  ASSERT_EQ(ctr["findings"].size(), 1u);
  EXPECT_EQ(ctr["findings"][0]["rule"], "RECORDING_DISABLED");

  // Restart: the stores resume from their offsets; the translator's state is rebuilt from them.
  produce(broker->bootstraps(), "ctrs", 0,
          {contact_record("m-12", "2026-12-01T11:12:00Z", "erin", false, "MONITOR", "c-10",
                          {{"SILENT_MONITOR", "2026-12-01T11:05:00Z", "2026-12-01T11:06:00Z"}})});
  auto again = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                             " --topic ctrs --format connect-ctr --exit-when-idle 0.3 --kafka-config " + conf);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("1 records"));
  EXPECT_EQ(findings_of(dir.path() + "/ctrs.0")["findings"].size(), 2u)
      << "c-10's record said not recorded, and the rebuilt state remembers it";
}

}  // namespace
}  // namespace callwatch::connectors
