// Events as JSON: every type round-trips (object and text), field names as documented, errors
// name the field.
#include <gtest/gtest.h>

#include "codec/json.h"
#include "tests/codec/samples.h"

namespace callwatch::codec {
namespace {

using nlohmann::json;

TEST(EventJson, EveryEventTypeRoundTrips) {
  for (const Event& e : testing::sample_events()) {
    SCOPED_TRACE(std::string(type_name(e.body)));
    const json j = to_json(e);
    EXPECT_EQ(j["type"], type_name(e.body));
    auto back = event_from_json(j);
    ASSERT_TRUE(back.has_value()) << j.dump() << "\n  -> " << back.error();
    EXPECT_EQ(*back, e) << j.dump();
    // And through text, as the CLI and HTTP API ship it.
    auto reparsed = event_from_json(json::parse(j.dump()));
    ASSERT_TRUE(reparsed.has_value()) << reparsed.error();
    EXPECT_EQ(*reparsed, e);
  }
}

TEST(EventJson, DocumentedShape) {
  const Event e{testing::at_ms(1'795'424'400'000),
                ev::MonitoringStarted{ContactId("c-1"), UserId("sup"), MonitorMode::Silent}};
  EXPECT_EQ(to_json(e), OrderedJson::parse(R"({"type":"MonitoringStarted","at":"2026-11-23T09:00:00.000Z",
                                        "contact":"c-1","supervisor":"sup","mode":"SILENT"})"));
  const Event joined{testing::at_ms(0), ev::ConversationJoined{ContactId("c-2"), UserId("sup"),
                                                               MessageMode::Public}};
  EXPECT_EQ(to_json(joined)["messageMode"], "PUBLIC");
  const Event stopped{testing::at_ms(0), ev::MonitoringStopped{ContactId("c-2"), UserId("sup"),
                                                               StopReason::CcpClosed}};
  EXPECT_EQ(to_json(stopped)["reason"], "CCP_CLOSED");
  const Event user{testing::at_ms(0), ev::UserCreated{UserId("admin"), UserId("a"),
                                                      {ProfileId("Agent")}, 4}};
  EXPECT_EQ(to_json(user)["chatConcurrency"], 4);
  const Event ended{testing::at_ms(0), ev::ContactEnded{ContactId("c"), Party::customer()}};
  EXPECT_EQ(to_json(ended)["by"], "customer");
  const Event said{testing::at_ms(0), ev::MessageSent{ContactId("c"), Party::of(UserId("sup")),
                                                      "hi", Visibility::Internal}};
  EXPECT_EQ(to_json(said)["from"], "sup");
  EXPECT_EQ(to_json(said)["visibility"], "INTERNAL");
}

TEST(EventJson, InstanceAttributeValues) {
  const auto value = [](InstanceAttribute a, std::optional<std::int32_t> v) {
    return to_json(Event{testing::at_ms(0), ev::InstanceAttributeSet{UserId("admin"), a, v}})
        ["value"];
  };
  EXPECT_EQ(value(InstanceAttribute::EnhancedContactMonitoring, 1), json(true));
  EXPECT_EQ(value(InstanceAttribute::EnhancedChatMonitoring, 0), json(false));
  EXPECT_EQ(value(InstanceAttribute::MaxSupervisorsBarged, 2), json(2));
  EXPECT_EQ(value(InstanceAttribute::MaxSupervisorsPerContact, std::nullopt), json(nullptr));
  // Odd values still round-trip: events are facts, never lost.
  const Event odd{testing::at_ms(0), ev::InstanceAttributeSet{
                                         UserId("admin"),
                                         InstanceAttribute::EnhancedChatMonitoring, 7}};
  auto back = event_from_json(to_json(odd));
  ASSERT_TRUE(back.has_value()) << back.error();
  EXPECT_EQ(*back, odd);
}

TEST(EventJson, AcceptedDecision) {
  const std::vector<Event> events{
      Event{testing::at_ms(0), ev::CcpOpened{UserId("alice")}},
      Event{testing::at_ms(1), ev::AgentStatusChanged{UserId("alice"), "Available"}}};
  EXPECT_EQ(accepted_json(events),
            OrderedJson::parse(R"({"ok":true,"events":[
              {"type":"CcpOpened","at":"1970-01-01T00:00:00.000Z","user":"alice"},
              {"type":"AgentStatusChanged","at":"1970-01-01T00:00:00.001Z","user":"alice",
               "status":"Available"}]})"));
  EXPECT_EQ(accepted_json({}), OrderedJson::parse(R"({"ok":true,"events":[]})"));
}

TEST(EventJson, InvalidUtf8FromTheLogIsReplacedNotThrown) {
  // Records may come from any producer; JSON output must still be printable.
  const Event e{testing::at_ms(0), ev::MessageSent{ContactId("c-\xff"), Party::of(UserId("\xc3")),
                                                   "ok \xe2\x82 then", Visibility::Public}};
  const json j = to_json(e);
  std::string text;
  ASSERT_NO_THROW(text = j.dump());
  EXPECT_EQ(j["text"], "ok \xef\xbf\xbd then");
  EXPECT_EQ(j["contact"], "c-\xef\xbf\xbd");
  EXPECT_EQ(j["from"], "\xef\xbf\xbd");
  EXPECT_EQ(to_json(Event{testing::at_ms(0), ev::AgentStatusChanged{UserId("z"), "Zoë"}})["status"],
            "Zoë");
}

std::string error_of(std::string_view text) {
  auto e = event_from_json(json::parse(text));
  EXPECT_FALSE(e.has_value()) << text;
  return e ? std::string() : e.error();
}

TEST(EventJson, Errors) {
  EXPECT_EQ(error_of("[]"), "an event must be a JSON object, got array");
  EXPECT_EQ(error_of("{}"), "missing field 'type'");
  EXPECT_EQ(error_of(R"({"type":"Nope"})"), "unknown event type 'Nope'");
  EXPECT_EQ(error_of(R"({"type":"CcpOpened","user":"a"})"), "CcpOpened event: missing field 'at'");
  EXPECT_EQ(error_of(R"({"type":"CcpOpened","at":"2026-11-23","user":"a"})"),
            "CcpOpened event: field 'at': invalid timestamp '2026-11-23': expected 'T' between "
            "date and time at position 10, found end of input");
  EXPECT_EQ(error_of(R"({"type":"MonitoringStopped","at":"2026-11-23T09:00:00Z","contact":"c",
                         "supervisor":"s","reason":"BORED"})"),
            "MonitoringStopped event: field 'reason': unknown value 'BORED' (allowed: REQUESTED, "
            "CONTACT_ENDED, CCP_CLOSED, PERMISSION_REVOKED)");
  EXPECT_EQ(error_of(R"({"type":"UserCreated","at":"2026-11-23T09:00:00Z","by":"a","user":"u",
                         "profiles":["Agent"]})"),
            "UserCreated event: missing field 'chatConcurrency'");
}

}  // namespace
}  // namespace callwatch::codec
