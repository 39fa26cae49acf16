// Hostile bytes: decode_event and decode_header must return an error or a valid value for any
// input, never crash, hang or throw. ASan/UBSan run these in CI. Deterministic seeds, sized to
// run in well under a second in a release build.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "codec/event_codec.h"
#include "tests/codec/samples.h"

namespace callwatch::codec {
namespace {

std::vector<std::string> valid_records() {
  std::vector<std::string> out;
  int n = 0;
  for (const Event& e : testing::sample_events())
    out.push_back(encode_event(Envelope{"evt-" + std::to_string(++n), stream_of(e.body), e}));
  return out;
}

// Decodes both ways; a successful decode must re-encode and decode to the same record.
void survives(std::string_view bytes) {
  auto event = decode_event(bytes);
  auto header = decode_header(bytes);
  if (event) {
    EXPECT_TRUE(header.has_value());
    const std::string again = encode_event(*event);
    auto twice = decode_event(again);
    ASSERT_TRUE(twice.has_value()) << twice.error().message;
    EXPECT_EQ(encode_event(*twice), again);
  } else {
    EXPECT_FALSE(event.error().message.empty());
  }
  if (!header) {
    EXPECT_FALSE(header.error().message.empty());
  }
}

TEST(EventCodecFuzz, EmptyInput) {
  auto out = decode_event("");
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message, "empty input: not an event record");
  EXPECT_FALSE(decode_header("").has_value());
}

TEST(EventCodecFuzz, NotAWholeNumberOfWords) {
  auto out = decode_event("garbage");
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message,
            "7 bytes is not a whole number of 8-byte words: truncated or not an event record");
}

TEST(EventCodecFuzz, TrailingBytesAreAnError) {
  const std::string bytes = valid_records().front() + std::string(8, '\0');
  auto out = decode_event(bytes);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().message, "8 trailing bytes after the record");
}

TEST(EventCodecFuzz, TextIsNotARecord) {
  auto out = decode_event("{\"type\":\"ContactHeld\",\"contact\":\"c-123\"}");  // 40 bytes
  ASSERT_FALSE(out.has_value());
  EXPECT_TRUE(out.error().message.starts_with("malformed event record: "))
      << out.error().message;
}

TEST(EventCodecFuzz, EveryTruncationOfEveryRecord) {
  for (const std::string& record : valid_records()) {
    for (std::size_t len = 0; len < record.size(); ++len) {
      auto out = decode_event(std::string_view(record).substr(0, len));
      EXPECT_FALSE(out.has_value()) << "prefix of " << len << " bytes decoded";
      survives(std::string_view(record).substr(0, len));
    }
  }
}

TEST(EventCodecFuzz, RandomBuffers) {
  std::mt19937_64 rng(20261123);
  std::string buf;
  for (int i = 0; i < 20'000; ++i) {
    const std::size_t words = rng() % 48;
    buf.resize(words * 8 + (i % 7 == 0 ? rng() % 8 : 0));
    for (char& c : buf) c = static_cast<char>(rng());
    if (i % 2 == 0 && buf.size() >= 8) {
      // A plausible segment table (one segment of the right size) gets past the first check.
      const std::uint32_t zero = 0;
      const auto size = static_cast<std::uint32_t>(buf.size() / 8 - 1);
      std::memcpy(buf.data(), &zero, 4);
      std::memcpy(buf.data() + 4, &size, 4);
    }
    survives(buf);
  }
}

TEST(EventCodecFuzz, MutatedRecords) {
  std::mt19937_64 rng(7);
  for (const std::string& record : valid_records()) {
    // Every byte set to a few interesting values...
    for (std::size_t i = 0; i < record.size(); ++i) {
      for (unsigned char v : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
        std::string m = record;
        m[i] = static_cast<char>(v);
        survives(m);
      }
    }
    // ...and random multi-byte damage.
    for (int k = 0; k < 200; ++k) {
      std::string m = record;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f) m[rng() % m.size()] ^= static_cast<char>(1u << (rng() % 8));
      survives(m);
    }
  }
}

TEST(EventCodecFuzz, PointerLoopsHitTheTraversalLimit) {
  // A struct whose pointers all point at the same far-away list: "amplification" input. Build
  // one record whose text pointers are rewritten to overlap; whatever happens, no crash.
  std::string record = valid_records().at(0);
  for (std::size_t off = 8; off + 8 <= record.size(); off += 8) {
    std::string m = record;
    std::memcpy(m.data() + off, record.data() + 8 + ((off / 8) % 3) * 8, 8);
    survives(m);
  }
}

}  // namespace
}  // namespace callwatch::codec
