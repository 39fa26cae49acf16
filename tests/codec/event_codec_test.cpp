// Cap'n Proto event records: round trips of every event type, headers, versioning, and the
// records a newer producer would write.
#include "codec/event_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include <cstring>

#include "codec/events.capnp.h"
#include "events_future.capnp.h"
#include "tests/codec/samples.h"

namespace callwatch::codec {
namespace {

using testing::covers_every_type;
using testing::sample_event_bodies;
using testing::sample_events;

Envelope envelope_of(const Event& e, std::string id = "evt-1") {
  return Envelope{std::move(id), stream_of(e.body), e};
}

std::string flat(capnp::MessageBuilder& m) {
  auto words = capnp::messageToFlatArray(m);
  auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

TEST(EventCodec, SamplesCoverEveryEventType) {
  EXPECT_TRUE(covers_every_type(sample_event_bodies()));
}

TEST(EventCodec, EveryEventTypeRoundTrips) {
  int n = 0;
  for (const Event& e : sample_events()) {
    SCOPED_TRACE(std::string(type_name(e.body)));
    const Envelope in = envelope_of(e, "evt-" + std::to_string(++n));
    const std::string bytes = encode_event(in);
    ASSERT_EQ(bytes.size() % 8, 0u);
    auto out = decode_event(bytes);
    ASSERT_TRUE(out.has_value()) << out.error().message;
    EXPECT_EQ(out->event_id, in.event_id);
    EXPECT_EQ(out->stream, in.stream);
    EXPECT_EQ(out->event, in.event);
    EXPECT_EQ(encode_event(*out), bytes) << "encoding is deterministic";
  }
}

TEST(EventCodec, TypeNamesAgreeWithTheDomain) {
  for (const Event& e : sample_events()) {
    auto header = decode_header(encode_event(envelope_of(e)));
    ASSERT_TRUE(header.has_value()) << header.error().message;
    EXPECT_EQ(header->type, type_name(e.body));
  }
}

TEST(EventCodec, RecordsAreOneSegment) {
  for (const Event& e : sample_events()) {
    const std::string bytes = encode_event(envelope_of(e));
    std::uint32_t segments_minus_one = 1;
    std::memcpy(&segments_minus_one, bytes.data(), 4);
    EXPECT_EQ(segments_minus_one, 0u) << type_name(e.body);
  }
}

TEST(EventCodec, HugeTextStaysOneSegmentAndRoundTrips) {
  const std::string text(300'000, 'x');
  const Event e{testing::at_ms(1), ev::MessageSent{ContactId("c-1"), Party::customer(), text,
                                                   Visibility::Public}};
  const std::string bytes = encode_event(envelope_of(e));
  std::uint32_t segments_minus_one = 1;
  std::memcpy(&segments_minus_one, bytes.data(), 4);
  EXPECT_EQ(segments_minus_one, 0u);
  auto out = decode_event(bytes);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->event, e);
  // The next small record on this thread is still fine (scratch segment re-zeroed).
  const Event small{testing::at_ms(2), ev::ContactHeld{ContactId("c-2")}};
  auto again = decode_event(encode_event(envelope_of(small)));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->event, small);
}

TEST(EventCodec, EncodeIntoReplacesAndReusesTheBuffer) {
  const auto events = sample_events();
  std::string buffer(4096, '?');
  const char* const storage = buffer.data();
  for (const Event& e : events) {
    encode_event_into(envelope_of(e), buffer);
    EXPECT_EQ(buffer, encode_event(envelope_of(e)));
  }
  EXPECT_EQ(buffer.data(), storage) << "no reallocation while the capacity suffices";
}

TEST(EventCodec, DecodesUnalignedInput) {
  const Event e = sample_events().at(3);
  const std::string bytes = encode_event(envelope_of(e));
  std::string shifted = "x" + bytes;  // data() + 1 is not 8-byte aligned
  auto out = decode_event(std::string_view(shifted).substr(1));
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->event, e);
  auto header = decode_header(std::string_view(shifted).substr(1));
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->type, "UserCreated");
}

TEST(EventCodec, HeaderWithoutBody) {
  const Event e{testing::at_ms(1'795'424'400'123),
                ev::MonitoringStarted{ContactId("c-7"), UserId("sup"), MonitorMode::Barge}};
  auto h = decode_header(encode_event(Envelope{"cmd-9/0", "contact-c-7", e}));
  ASSERT_TRUE(h.has_value()) << h.error().message;
  EXPECT_EQ(h->event_id, "cmd-9/0");
  EXPECT_EQ(h->stream, "contact-c-7");
  EXPECT_EQ(h->type, "MonitoringStarted");
  EXPECT_EQ(h->at, e.at);
  EXPECT_EQ(h->schema_version, kSchemaVersion);
}

TEST(EventCodec, NegativeAndExtremeTimesRoundTrip) {
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{-86'400'001},
                          std::numeric_limits<std::int64_t>::max(),
                          std::numeric_limits<std::int64_t>::min()}) {
    const Event e{testing::at_ms(ms), ev::ContactHeld{ContactId("c")}};
    auto out = decode_event(encode_event(envelope_of(e)));
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->event.at, e.at);
  }
}

// --- records from elsewhere -------------------------------------------------------------------

std::string forged_v1(std::uint32_t version) {
  capnp::MallocMessageBuilder m;
  auto root = m.initRoot<wire::Envelope>();
  root.setSchemaVersion(version);
  root.setEventId("e");
  root.setStream("contact-c-1");
  root.setType("ContactHeld");
  root.setAtMs(5);
  root.getBody().initContactHeld().setContact("c-1");
  return flat(m);
}

TEST(EventCodec, NewerSchemaVersionIsRefusedButItsHeaderReads) {
  auto out = decode_event(forged_v1(kSchemaVersion + 1));
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("schema version 2 is newer than this build reads (1)"),
            std::string::npos)
      << out.error().message;
  auto header = decode_header(forged_v1(kSchemaVersion + 1));
  ASSERT_TRUE(header.has_value()) << header.error().message;
  EXPECT_EQ(header->schema_version, kSchemaVersion + 1);
  EXPECT_EQ(header->type, "ContactHeld");
}

TEST(EventCodec, SchemaVersionZeroIsNotARecord) {
  auto out = decode_event(forged_v1(0));
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("schema version 0"), std::string::npos);
  EXPECT_FALSE(decode_header(forged_v1(0)).has_value());
}

TEST(EventCodec, ForgedCurrentVersionRecordDecodes) {
  auto out = decode_event(forged_v1(kSchemaVersion));
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(std::get<ev::ContactHeld>(out->event.body).contact, ContactId("c-1"));
}

TEST(EventCodec, TypeNameMustMatchTheBody) {
  capnp::MallocMessageBuilder m;
  auto root = m.initRoot<wire::Envelope>();
  root.setSchemaVersion(kSchemaVersion);
  root.setType("ContactResumed");
  root.getBody().initContactHeld().setContact("c-1");
  auto out = decode_event(flat(m));
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message,
            "envelope type 'ContactResumed' does not match its body (ContactHeld)");
}

future::Envelope::Builder future_root(capnp::MallocMessageBuilder& m, const char* type) {
  auto root = m.initRoot<future::Envelope>();
  root.setSchemaVersion(kSchemaVersion);  // additions alone don't bump the version
  root.setEventId("e-future");
  root.setStream("contact-c-1");
  root.setType(type);
  root.setAtMs(42);
  root.setTraceId("trace-123");
  return root;
}

TEST(EventCodec, UnknownBodyFromANewerProducerIsNamed) {
  capnp::MallocMessageBuilder m;
  auto w = future_root(m, "SupervisorWhispered").getBody().initSupervisorWhispered();
  w.setContact("c-1");
  w.setText("psst");
  const std::string bytes = flat(m);
  auto out = decode_event(bytes);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("unknown event type 'SupervisorWhispered'"),
            std::string::npos)
      << out.error().message;
  EXPECT_NE(out.error().message.find("newer"), std::string::npos);
  // The header is still readable: a store can index and skip the event.
  auto header = decode_header(bytes);
  ASSERT_TRUE(header.has_value()) << header.error().message;
  EXPECT_EQ(header->type, "SupervisorWhispered");
  EXPECT_EQ(header->event_id, "e-future");
}

TEST(EventCodec, UnknownEnumValueFromANewerProducerIsNamed) {
  capnp::MallocMessageBuilder m;
  auto s = future_root(m, "MonitoringStopped").getBody().initMonitoringStopped();
  s.setContact("c-1");
  s.setSupervisor("sup");
  s.setReason(future::StopReasonV2::SUPERVISOR_TIMED_OUT);
  auto out = decode_event(flat(m));
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message,
            "MonitoringStopped event: unknown StopReason value 4 (written by a newer schema?)");
}

TEST(EventCodec, NewFieldsFromANewerProducerAreIgnored) {
  capnp::MallocMessageBuilder m;
  auto s = future_root(m, "MonitoringStopped").getBody().initMonitoringStopped();
  s.setContact("c-1");
  s.setSupervisor("sup");
  s.setReason(future::StopReasonV2::CCP_CLOSED);
  auto out = decode_event(flat(m));
  ASSERT_TRUE(out.has_value()) << out.error().message;
  const auto& stopped = std::get<ev::MonitoringStopped>(out->event.body);
  EXPECT_EQ(stopped.reason, StopReason::CcpClosed);
  EXPECT_EQ(stopped.supervisor, UserId("sup"));
  EXPECT_EQ(out->event_id, "e-future");
}

TEST(EventCodec, UnknownPartyMemberIsAnError) {
  capnp::MallocMessageBuilder m;
  auto ended = future_root(m, "ContactEnded").getBody().initContactEnded();
  ended.setContact("c-1");
  ended.initBy().setBot("helper-bot");
  auto out = decode_event(flat(m));
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message,
            "ContactEnded event: unknown Party member 2 (written by a newer schema?)");
}

}  // namespace
}  // namespace callwatch::codec
