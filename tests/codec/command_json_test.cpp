// Commands as JSON: every type round-trips; defaults, aliases; malformed input gets a precise
// INVALID_COMMAND reason.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "codec/json.h"
#include "codec/time.h"
#include "tests/codec/samples.h"

namespace callwatch::codec {
namespace {

using nlohmann::json;

Command parsed(std::string_view line) {
  auto c = parse_command(line);
  EXPECT_TRUE(c.has_value()) << line << "\n  -> " << (c ? "" : c.error().reason);
  return c ? std::move(*c) : Command{cmd::OpenCcp{}, std::nullopt, {}};
}

std::string reason(std::string_view line) {
  auto c = parse_command(line);
  EXPECT_FALSE(c.has_value()) << line << " was accepted";
  if (c) return {};
  EXPECT_EQ(c.error().code, RejectionCode::InvalidCommand);
  return c.error().reason;
}

TEST(CommandJson, SamplesCoverEveryCommandType) {
  EXPECT_TRUE(testing::covers_every_type(testing::sample_command_bodies()));
}

TEST(CommandJson, EveryCommandTypeRoundTrips) {
  int n = 0;
  for (auto& body : testing::sample_command_bodies()) {
    SCOPED_TRACE(std::string(type_name(body)));
    for (int variant = 0; variant < 3; ++variant) {
      Command in{body, std::nullopt, {}};
      if (variant >= 1) in.at = testing::at_ms(1'795'424'400'000 + 17 * ++n);
      if (variant == 2) in.command_id = "cmd-" + std::to_string(n);
      const std::string line = to_json(in).dump();
      auto out = parse_command(line);
      ASSERT_TRUE(out.has_value()) << line << "\n  -> " << out.error().reason;
      EXPECT_EQ(*out, in) << line;
      EXPECT_EQ(to_json(*out).dump(), line);
    }
  }
}

TEST(CommandJson, PrintsDocumentedFieldNames) {
  const Command c{cmd::CreateUser{UserId("admin"), UserId("alice"), {ProfileId("Agent")}, 2},
                  testing::at_ms(1'795'424'400'000), "k-1"};
  EXPECT_EQ(to_json(c),
            OrderedJson::parse(R"({"type":"CreateUser","by":"admin","user":"alice","profiles":["Agent"],
              "chatConcurrency":2,"at":"2026-11-23T09:00:00.000Z","commandId":"k-1"})"));
  const Command m{cmd::SendMessage{ContactId("c-1"), Party::customer(), "hi", Visibility::Public},
                  std::nullopt, {}};
  EXPECT_EQ(to_json(m), OrderedJson::parse(R"({"type":"SendMessage","contact":"c-1","from":"customer",
              "text":"hi","visibility":"PUBLIC"})"));
  const Command a{cmd::SetInstanceAttribute{UserId("admin"),
                                            InstanceAttribute::EnhancedChatMonitoring, 0},
                  std::nullopt, {}};
  EXPECT_EQ(to_json(a), OrderedJson::parse(R"({"type":"SetInstanceAttribute","by":"admin",
              "attribute":"ENHANCED_CHAT_MONITORING","value":false})"));
}

TEST(CommandJson, Defaults) {
  auto user = std::get<cmd::CreateUser>(
      parsed(R"({"type":"CreateUser","by":"admin","user":"u","profiles":["Agent"]})").body);
  EXPECT_EQ(user.chat_concurrency, kDefaultChatConcurrency);
  auto monitor = std::get<cmd::MonitorContact>(
      parsed(R"({"type":"MonitorContact","by":"sup","contact":"c-1"})").body);
  EXPECT_EQ(monitor.mode, MonitorMode::Silent);
  auto message = std::get<cmd::SendMessage>(
      parsed(R"({"type":"SendMessage","contact":"c-1","from":"alice","text":"x"})").body);
  EXPECT_EQ(message.visibility, Visibility::Public);
  EXPECT_EQ(message.from, Party::of(UserId("alice")));
  auto join = std::get<cmd::JoinConversation>(
      parsed(R"({"type":"JoinConversation","by":"sup","contact":"c-2"})").body);
  EXPECT_EQ(join.message_mode, MessageMode::Internal);
  auto flow = std::get<cmd::PublishContactFlow>(
      parsed(R"({"type":"PublishContactFlow","by":"admin","flow":"f"})").body);
  EXPECT_FALSE(flow.recording);
  const Command bare = parsed(R"({"type":"OpenCcp","by":"alice"})");
  EXPECT_FALSE(bare.at.has_value());
  EXPECT_TRUE(bare.command_id.empty());
}

TEST(CommandJson, OptionalFieldsMayBeNull) {
  const Command c = parsed(
      R"({"type":"MonitorContact","by":"sup","contact":"c-1","mode":null,"at":null,
          "commandId":null})");
  EXPECT_EQ(std::get<cmd::MonitorContact>(c.body).mode, MonitorMode::Silent);
  EXPECT_FALSE(c.at.has_value());
}

TEST(CommandJson, AtAndCommandId) {
  const Command c = parsed(
      R"({"type":"OpenCcp","by":"alice","at":"2026-11-23T10:00:00.250+01:00","commandId":"k"})");
  EXPECT_EQ(c.at, testing::at_ms(1'795'424'400'250));
  EXPECT_EQ(c.command_id, "k");
}

TEST(CommandJson, PartyFields) {
  EXPECT_EQ(std::get<cmd::EndContact>(
                parsed(R"({"type":"EndContact","contact":"c","by":"customer"})").body)
                .by,
            Party::customer());
  EXPECT_EQ(std::get<cmd::EndContact>(
                parsed(R"({"type":"EndContact","contact":"c","by":"alice"})").body)
                .by,
            Party::of(UserId("alice")));
}

TEST(CommandJson, PermissionAliasesPrintCanonically) {
  const Command c = parsed(
      R"({"type":"CreateSecurityProfile","by":"admin","profile":"Sup",
          "permissions":["ManagerListenIn","ManagerBargeIn","BasicAgentAccess","AccessMetrics",
                         "ListenCallRecordings","DownloadCallRecordings","ManagerListenIn"]})");
  const auto& p = std::get<cmd::CreateSecurityProfile>(c.body).permissions;
  EXPECT_EQ(p, (PermissionSet{Permission::RealTimeContactMonitoring,
                              Permission::RealTimeContactBargeIn, Permission::AccessCcp,
                              Permission::AccessMetrics, Permission::RecordedConversationsAccess,
                              Permission::RecordedConversationsDownload}));
  EXPECT_EQ(to_json(c)["permissions"],
            json::parse(R"(["AccessCcp","RealTimeContactMonitoring","RealTimeContactBargeIn",
              "AccessMetrics","RecordedConversationsAccess","RecordedConversationsDownload"])"));
}

TEST(CommandJson, InstanceAttributeValues) {
  auto set = [](std::string_view attr, std::string_view value) {
    return std::get<cmd::SetInstanceAttribute>(
               parsed(fmt::format(R"({{"type":"SetInstanceAttribute","by":"admin",
                                      "attribute":"{}","value":{}}})",
                                  attr, value))
                   .body)
        .value;
  };
  EXPECT_EQ(set("ENHANCED_CONTACT_MONITORING", "true"), 1);
  EXPECT_EQ(set("ENHANCED_CHAT_MONITORING", "false"), 0);
  EXPECT_EQ(set("MAX_SUPERVISORS_PER_CONTACT", "7"), 7);
  EXPECT_EQ(set("MAX_SUPERVISORS_BARGED", "null"), std::nullopt);
}

TEST(CommandJson, UnknownFieldsAreIgnored) {
  const Command c =
      parsed(R"({"type":"OpenCcp","by":"alice","client":{"version":"9.1"},"note":[1,2]})");
  EXPECT_EQ(std::get<cmd::OpenCcp>(c.body).by, UserId("alice"));
}

TEST(CommandJson, NotJson) {
  EXPECT_EQ(reason("{"),
            "not JSON: parse error at line 1, column 2: syntax error while parsing object key - "
            "unexpected end of input; expected string literal");
  EXPECT_TRUE(reason("").starts_with("not JSON: parse error at line 1, column 1"));
  EXPECT_TRUE(reason(R"({"type":"OpenCcp","by":"a"} trailing)").starts_with("not JSON: "));
  // Checked as UTF-8 before it is parsed: the answer names the byte, not a parser's token.
  EXPECT_EQ(reason("{\"type\":\"OpenCcp\",\"by\":\"\xff\"}"),
            "not valid UTF-8 at byte offset 24 (0xff)");
  EXPECT_EQ(reason("[1,2]"), "a command must be a JSON object, got array");
  EXPECT_EQ(reason("\"OpenCcp\""), "a command must be a JSON object, got string");
}

TEST(CommandJson, DeepNestingIsAnErrorNotACrash) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(reason(deep), "a command must be a JSON object, got array");
  const std::string deep_field =
      R"({"type":"OpenCcp","by":)" + std::string(50'000, '[') + std::string(50'000, ']') + "}";
  EXPECT_EQ(reason(deep_field), "field 'by' must be a string, got array");
}

TEST(CommandJson, IdsAreBoundedByWhatTheStoreKeys) {
  const std::string id(kMaxIdBytes, 'u');
  EXPECT_TRUE(parse_command(R"({"type":"OpenCcp","by":")" + id + "\"}").has_value());
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":")" + id + "u\"}"),
            "field 'by' is 257 bytes long; ids are at most 256 bytes");
  EXPECT_EQ(reason(R"({"type":"CreateUser","by":"admin","user":"u","profiles":["Agent",")" + id +
                   "x\"]}"),
            "field 'profiles' is 257 bytes long; ids are at most 256 bytes");
  EXPECT_EQ(reason(R"({"type":"EndContact","contact":"c","by":")" + id + "x\"}"),
            "field 'by' is 257 bytes long; ids are at most 256 bytes");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":"a","commandId":")" + id + "x\"}"),
            "field 'commandId' is 257 bytes long; ids are at most 256 bytes");
}

TEST(CommandJson, LinesAreBounded) {
  const std::string text(kMaxCommandBytes, 'x');
  EXPECT_EQ(reason(R"({"type":"SendMessage","contact":"c","from":"customer","text":")" + text + "\"}"),
            "the line is 1048640 bytes long; a command is at most 1048576 bytes");
}

TEST(CommandJson, RejectionsAreValidJsonWhateverTheirReasonHolds) {
  const Rejection r{RejectionCode::InvalidCommand, "quoted \xd9 and \xe2\x82"};
  EXPECT_EQ(json_text(to_json(r)),
            "{\"ok\":false,\"code\":\"INVALID_COMMAND\",\"reason\":\"quoted \xEF\xBF\xBD and "
            "\xEF\xBF\xBD\"}");
}

TEST(CommandJson, TypeErrors) {
  EXPECT_EQ(reason("{}"), "missing field 'type'");
  EXPECT_EQ(reason(R"({"by":"a"})"), "missing field 'type'");
  EXPECT_EQ(reason(R"({"type":5})"), "field 'type' must be a string, got number");
  EXPECT_EQ(reason(R"({"type":"Foo","by":"a"})"), "unknown command type 'Foo'");
  EXPECT_EQ(reason(R"({"type":"monitorcontact"})"), "unknown command type 'monitorcontact'");
}

TEST(CommandJson, MissingAndMistypedFields) {
  EXPECT_EQ(reason(R"({"type":"CreateUser","by":"admin","profiles":["Agent"]})"),
            "missing field 'user'");
  EXPECT_EQ(reason(R"({"type":"HoldContact"})"), "missing field 'contact'")
      << "the first field in declaration order is reported";
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":null})"),
            "field 'by' is null; a value is required");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":42})"), "field 'by' must be a string, got 42");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":""})"), "field 'by' must not be empty");
  EXPECT_EQ(reason(R"({"type":"CreateQueue","by":"a","queue":"","channel":"VOICE"})"),
            "field 'queue' must not be empty");
  EXPECT_EQ(reason(R"({"type":"PublishContactFlow","by":"a","flow":"f","recording":"yes"})"),
            "field 'recording' must be a boolean, got \"yes\"");
  EXPECT_EQ(reason(R"({"type":"SetAgentStatus","by":"a","status":""})"),
            "field 'status' must not be empty");
  EXPECT_EQ(reason(R"({"type":"SendMessage","contact":"c","from":"customer"})"),
            "missing field 'text'");
  EXPECT_EQ(reason(R"({"type":"EndContact","contact":"c","by":""})"),
            "field 'by' must be \"customer\" or a user id, got \"\"");
  EXPECT_EQ(reason(R"({"type":"StartContact","contact":"c","channel":"VOICE","queue":"q",
                       "flow":"f"})"),
            "missing field 'customer'");
}

TEST(CommandJson, Profiles) {
  const auto user = [](std::string_view profiles) {
    return reason(fmt::format(
        R"({{"type":"CreateUser","by":"admin","user":"u","profiles":{}}})", profiles));
  };
  EXPECT_EQ(user(R"("Agent")"), "field 'profiles' must be an array of strings, got \"Agent\"");
  EXPECT_EQ(user("[]"), "field 'profiles' must not be empty: a user needs at least one profile");
  EXPECT_EQ(user(R"(["Agent", 3])"),
            "field 'profiles' must be an array of strings, got 3 at index 1");
  EXPECT_EQ(user(R"(["Agent", ""])"), "field 'profiles' has an empty profile id at index 1");
  EXPECT_EQ(reason(R"({"type":"AssignSecurityProfiles","by":"admin","user":"u"})"),
            "missing field 'profiles'");
}

TEST(CommandJson, ChatConcurrency) {
  const auto user = [](std::string_view n) {
    return reason(fmt::format(R"({{"type":"CreateUser","by":"admin","user":"u",
                                  "profiles":["Agent"],"chatConcurrency":{}}})",
                              n));
  };
  EXPECT_EQ(user("0"), "field 'chatConcurrency' must be an integer from 1 to 10, got 0");
  EXPECT_EQ(user("11"), "field 'chatConcurrency' must be an integer from 1 to 10, got 11");
  EXPECT_EQ(user("-1"), "field 'chatConcurrency' must be an integer from 1 to 10, got -1");
  EXPECT_EQ(user("2.5"), "field 'chatConcurrency' must be an integer from 1 to 10, got 2.5");
  EXPECT_EQ(user("\"3\""), "field 'chatConcurrency' must be an integer from 1 to 10, got \"3\"");
  EXPECT_EQ(user("18446744073709551615"),
            "field 'chatConcurrency' must be an integer from 1 to 10, got 18446744073709551615");
  for (int n : {1, 10}) {
    auto c = parsed(fmt::format(R"({{"type":"CreateUser","by":"admin","user":"u",
                                     "profiles":["Agent"],"chatConcurrency":{}}})",
                                n));
    EXPECT_EQ(std::get<cmd::CreateUser>(c.body).chat_concurrency, n);
  }
}

TEST(CommandJson, Permissions) {
  const std::string r = reason(
      R"({"type":"CreateSecurityProfile","by":"a","profile":"p","permissions":["AccessCcp","X"]})");
  EXPECT_TRUE(r.starts_with("unknown permission 'X' in field 'permissions' (allowed: AccessCcp, "
                            "MakeOutboundCalls, RealTimeContactMonitoring,"))
      << r;
  EXPECT_NE(r.find("EditInstance"), std::string::npos);
  EXPECT_EQ(
      reason(R"({"type":"CreateSecurityProfile","by":"a","profile":"p","permissions":"AccessCcp"})"),
      "field 'permissions' must be an array of strings, got \"AccessCcp\"");
  EXPECT_EQ(reason(R"({"type":"CreateSecurityProfile","by":"a","profile":"p","permissions":[1]})"),
            "field 'permissions' must be an array of strings, got 1 at index 0");
  EXPECT_EQ(reason(R"({"type":"CreateSecurityProfile","by":"a","profile":"p"})"),
            "missing field 'permissions'");
}

TEST(CommandJson, EnumValues) {
  EXPECT_EQ(reason(R"({"type":"CreateQueue","by":"a","queue":"q","channel":"FAX"})"),
            "field 'channel': unknown value 'FAX' (allowed: VOICE, CHAT)");
  EXPECT_EQ(reason(R"({"type":"CreateQueue","by":"a","queue":"q","channel":"voice"})"),
            "field 'channel': unknown value 'voice' (allowed: VOICE, CHAT)");
  EXPECT_EQ(reason(R"({"type":"CreateQueue","by":"a","queue":"q","channel":1})"),
            "field 'channel' must be a string (one of VOICE, CHAT), got 1");
  EXPECT_EQ(reason(R"({"type":"SendMessage","contact":"c","from":"customer","text":"t",
                       "visibility":"SECRET"})"),
            "field 'visibility': unknown value 'SECRET' (allowed: PUBLIC, INTERNAL)");
  EXPECT_EQ(reason(R"({"type":"JoinConversation","contact":"c","by":"s","messageMode":"LOUD"})"),
            "field 'messageMode': unknown value 'LOUD' (allowed: INTERNAL, PUBLIC)");
  EXPECT_EQ(reason(R"({"type":"SetInstanceAttribute","by":"a","attribute":"FOO","value":1})"),
            "field 'attribute': unknown value 'FOO' (allowed: ENHANCED_CONTACT_MONITORING, "
            "ENHANCED_CHAT_MONITORING, MAX_SUPERVISORS_PER_CONTACT, MAX_SUPERVISORS_BARGED)");
}

TEST(CommandJson, MonitorModes) {
  EXPECT_EQ(reason(R"({"type":"MonitorContact","contact":"c","by":"s","mode":"CONSULT"})"),
            "field 'mode' must be SILENT or BARGE, got 'CONSULT' (consult mode is "
            "JoinConversation)");
  EXPECT_EQ(reason(R"({"type":"SetMonitorMode","contact":"c","by":"s","mode":"CONSULT"})"),
            "field 'mode' must be SILENT or BARGE, got 'CONSULT' (consult mode is "
            "JoinConversation)");
  EXPECT_EQ(reason(R"({"type":"SetMonitorMode","contact":"c","by":"s"})"),
            "missing field 'mode'");
  EXPECT_EQ(reason(R"({"type":"MonitorContact","contact":"c","by":"s","mode":"WHISPER"})"),
            "field 'mode': unknown value 'WHISPER' (allowed: SILENT, BARGE, CONSULT)");
}

TEST(CommandJson, InstanceAttributeErrors) {
  const auto set = [](std::string_view attr, std::string_view value) {
    return reason(fmt::format(
        R"({{"type":"SetInstanceAttribute","by":"a","attribute":"{}"{}}})", attr,
        value.empty() ? std::string() : fmt::format(R"(,"value":{})", value)));
  };
  EXPECT_EQ(set("ENHANCED_CONTACT_MONITORING", "1"),
            "field 'value' must be true or false for ENHANCED_CONTACT_MONITORING, got 1");
  EXPECT_EQ(set("ENHANCED_CHAT_MONITORING", "null"),
            "field 'value' must be true or false for ENHANCED_CHAT_MONITORING, got null");
  EXPECT_EQ(set("MAX_SUPERVISORS_BARGED", "0"),
            "field 'value' must be a positive integer or null for MAX_SUPERVISORS_BARGED, got 0");
  EXPECT_EQ(set("MAX_SUPERVISORS_PER_CONTACT", "true"),
            "field 'value' must be a positive integer or null for MAX_SUPERVISORS_PER_CONTACT, "
            "got true");
  EXPECT_EQ(set("MAX_SUPERVISORS_PER_CONTACT", "3000000000"),
            "field 'value' must be a positive integer or null for MAX_SUPERVISORS_PER_CONTACT, "
            "got 3000000000");
  EXPECT_EQ(set("MAX_SUPERVISORS_PER_CONTACT", ""), "missing field 'value'");
}

TEST(CommandJson, AtAndCommandIdErrors) {
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":"a","at":"2026-02-30T00:00:00Z"})"),
            "field 'at': invalid timestamp '2026-02-30T00:00:00Z': day 30 does not exist in "
            "2026-02 (last day is 28)");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":"a","at":1795424400000})"),
            "field 'at' must be an ISO-8601 timestamp string, got 1795424400000");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":"a","commandId":7})"),
            "field 'commandId' must be a string, got 7");
  EXPECT_EQ(reason(R"({"type":"OpenCcp","by":"a","commandId":""})"),
            "field 'commandId' must not be empty (omit it for no id)");
}

TEST(CommandJson, ReasonsStayShortAndPrintable) {
  const std::string r = reason(R"({"type":")" + std::string(10'000, 'A') + "\"}");
  EXPECT_EQ(r, "unknown command type '" + std::string(64, 'A') + "...'");
  const std::string not_json = reason(R"({"type":")" + std::string(10'000, 'A') + "\x01\"}");
  EXPECT_TRUE(not_json.starts_with("not JSON: ")) << not_json;
  EXPECT_LT(not_json.size(), 250u);
  const std::string ctl = reason("{\"type\":\"Bad\\u0001Type\"}");
  EXPECT_EQ(ctl, "unknown command type 'Bad\\x01Type'");
}

TEST(CommandJson, RejectionJson) {
  EXPECT_EQ(to_json(Rejection{RejectionCode::RecordingDisabled, "contact c-1 is not recorded"}),
            OrderedJson::parse(R"({"ok":false,"code":"RECORDING_DISABLED",
                            "reason":"contact c-1 is not recorded"})"));
}

}  // namespace
}  // namespace callwatch::codec
