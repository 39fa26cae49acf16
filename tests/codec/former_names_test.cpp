// A renamed event still reads under its former name: BargeToggled became MonitorModeChanged
// (domain/events.h, kFormerNames). The Cap'n Proto body keeps its ordinal (@25), so only the
// envelope's type string and the JSON "type" differ; both names read, the new one is written.
#include <gtest/gtest.h>

#include <string>

#include "codec/event_codec.h"
#include "codec/json.h"

namespace callwatch::codec {
namespace {

using nlohmann::json;

// A record exactly as builds before the rename wrote it: schema version 1, event id "e-1",
// stream "contact-c-1", type "BargeToggled", at 1000 ms, body member @25 (contact "c-1",
// supervisor "sup", mode BARGE), as the pre-rename encode_event laid it out. Frozen bytes:
// never regenerate them from the current code.
constexpr const char* kOldRecordHex =
    "000000001100000000000000020004000100000014000000e8030000000000000d000000220000000d000000"
    "62000000110000006a0000001400000001000200652d310000000000636f6e746163742d632d310000000000"
    "4261726765546f67676c656400000000010000000000000005000000220000000500000022000000632d3100"
    "000000007375700000000000";

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

TEST(FormerNames, OldRecordReadsAsTheRenamedEvent) {
  auto out = decode_event(unhex(kOldRecordHex));
  ASSERT_TRUE(out.has_value()) << out.error().message;
  const auto* e = std::get_if<ev::MonitorModeChanged>(&out->event.body);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->contact, ContactId("c-1"));
  EXPECT_EQ(e->supervisor, UserId("sup"));
  EXPECT_EQ(e->mode, MonitorMode::Barge);
  EXPECT_EQ(out->event.at, Timestamp{Duration{1000}});
  // Written again, it says the new name.
  auto header = decode_header(encode_event(*out));
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->type, "MonitorModeChanged");
}

TEST(FormerNames, FormerNameOfAnotherTypeStillMismatches) {
  // "BargeToggled" names MonitorModeChanged only: it does not make any body acceptable.
  EXPECT_TRUE(names_type_of(ev::MonitorModeChanged{}, "BargeToggled"));
  EXPECT_FALSE(names_type_of(ev::MonitoringStarted{}, "BargeToggled"));
  EXPECT_EQ(event_index("BargeToggled"), event_index("MonitorModeChanged"));
  EXPECT_FALSE(event_index("bargeToggled").has_value());
}

TEST(FormerNames, OldJsonReadsAndNewJsonSaysTheNewName) {
  const auto old = json::parse(
      R"({"type":"BargeToggled","at":"2024-05-01T10:00:00.000Z","contact":"c-1",)"
      R"("supervisor":"sup","mode":"SILENT"})");
  auto e = event_from_json(old);
  ASSERT_TRUE(e.has_value()) << e.error();
  const auto* t = std::get_if<ev::MonitorModeChanged>(&e->body);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->mode, MonitorMode::Silent);
  EXPECT_EQ(to_json(*e).dump(),
            R"({"type":"MonitorModeChanged","at":"2024-05-01T10:00:00.000Z","contact":"c-1",)"
            R"("supervisor":"sup","mode":"SILENT"})");
}

}  // namespace
}  // namespace callwatch::codec
