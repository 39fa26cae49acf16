#include "codec/event_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <fmt/format.h>
#include <kj/exception.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "codec/event_wire.h"
#include "codec/events.capnp.h"
#include "codec/type_names.h"
#include "codec/utf8.h"

namespace callwatch::codec {
namespace {

static_assert(std::endian::native == std::endian::little,
              "Cap'n Proto's wire format is little-endian; this codec copies words as they are");

constexpr std::size_t kWordBytes = sizeof(capnp::word);

// First segment of every message built on this thread: zeroed once, re-zeroed by
// MallocMessageBuilder's destructor over the part a message used. 8 KiB holds any event
// without a very long text; larger ones are rebuilt with a first segment of the right size
// so that every record is a single segment.
constexpr std::size_t kScratchWords = 1024;

kj::ArrayPtr<capnp::word> first_segment() {
  thread_local std::unique_ptr<capnp::word[]> words = [] {
    auto p = std::make_unique_for_overwrite<capnp::word[]>(kScratchWords);
    std::memset(static_cast<void*>(p.get()), 0, kScratchWords * kWordBytes);
    return p;
  }();
  return {words.get(), kScratchWords};
}

void build(capnp::MessageBuilder& message, std::string_view event_id, std::string_view stream,
           const Event& event) {
  auto root = message.initRoot<wire::Envelope>();
  root.setSchemaVersion(kSchemaVersion);
  root.setEventId({event_id.data(), event_id.size()});
  root.setStream({stream.data(), stream.size()});
  const std::string_view type = detail::event_type_name(event.body);
  root.setType({type.data(), type.size()});
  root.setAtMs(event.at.time_since_epoch().count());
  detail::write_body(root.getBody(), event.body);
}

std::size_t total_words(kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments) {
  std::size_t n = 0;
  for (const auto& s : segments) n += s.size();
  return n;
}

// The standard flat serialization: segment count - 1, each segment's size in words (all
// uint32 little-endian, padded to a word), then the segments.
void flatten(kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments, std::string& out) {
  const std::size_t table_words = (segments.size() + 2) / 2;
  out.resize((table_words + total_words(segments)) * kWordBytes);
  char* p = out.data();
  std::memset(p, 0, table_words * kWordBytes);
  const auto count_minus_one = static_cast<std::uint32_t>(segments.size() - 1);
  std::memcpy(p, &count_minus_one, 4);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto size = static_cast<std::uint32_t>(segments[i].size());
    std::memcpy(p + 4 + 4 * i, &size, 4);
  }
  p += table_words * kWordBytes;
  for (const auto& s : segments) {
    std::memcpy(p, s.begin(), s.size() * kWordBytes);
    p += s.size() * kWordBytes;
  }
}

Error error(std::string message) { return Error{ErrorCode::InvalidInput, std::move(message)}; }

// Aligned view of the input; copies into per-thread scratch when the caller's bytes aren't
// word-aligned (RocksDB slices, substrings of a network buffer).
kj::ArrayPtr<const capnp::word> aligned_words(std::string_view bytes) {
  const std::size_t n = bytes.size() / kWordBytes;
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(capnp::word) == 0)
    return {reinterpret_cast<const capnp::word*>(bytes.data()), n};
  thread_local std::vector<std::uint64_t> scratch;
  constexpr std::size_t kKeepWords = 128 * 1024;  // don't hold on to 1 MiB after a giant record
  if (scratch.capacity() > kKeepWords && n <= kKeepWords) std::vector<std::uint64_t>().swap(scratch);
  scratch.resize(n);
  std::memcpy(scratch.data(), bytes.data(), n * kWordBytes);
  return {reinterpret_cast<const capnp::word*>(scratch.data()), n};
}

// Parses the framing and hands the root to `fn`; turns every failure into a CodecError.
template <class Fn>
auto with_root(std::string_view bytes, Fn&& fn) -> decltype(fn(wire::Envelope::Reader{})) {
  if (bytes.empty()) return std::unexpected(error("empty input: not an event record"));
  if (bytes.size() % kWordBytes != 0)
    return std::unexpected(error(fmt::format(
        "{} bytes is not a whole number of 8-byte words: truncated or not an event record",
        bytes.size())));
  const auto words = aligned_words(bytes);
  try {
    capnp::ReaderOptions options;
    // Honest records are read about once; the limit stops pointer tricks that make a small
    // record look huge.
    options.traversalLimitInWords = 4 * words.size() + 64;
    options.nestingLimit = 8;
    capnp::FlatArrayMessageReader reader(words, options);
    if (reader.getEnd() != words.end())
      return std::unexpected(error(fmt::format(
          "{} trailing bytes after the record",
          static_cast<std::size_t>(words.end() - reader.getEnd()) * kWordBytes)));
    auto root = reader.getRoot<wire::Envelope>();
    if (root.getSchemaVersion() == 0)
      return std::unexpected(error("schema version 0: not an event record"));
    return fn(root);
  } catch (const kj::Exception& e) {
    // Cap'n Proto's description can quote the record's bytes: keep the message valid text.
    return std::unexpected(error(
        fmt::format("malformed event record: {}", make_valid_utf8(e.getDescription().cStr()))));
  } catch (const std::exception& e) {
    return std::unexpected(
        error(fmt::format("malformed event record: {}", make_valid_utf8(e.what()))));
  }
}

std::string str(capnp::Text::Reader t) { return {t.begin(), t.size()}; }

EnvelopeHeader read_header(wire::Envelope::Reader root) {
  return EnvelopeHeader{str(root.getEventId()), str(root.getStream()), str(root.getType()),
                        Timestamp{Duration{root.getAtMs()}}, root.getSchemaVersion()};
}

// The one envelope reader (decode_event and EventReader): version, type and body into
// `event` in place, then the header strings, read (and so validated) in the same order for
// both, so both give the same error for the same damaged record. The strings are copied
// only where the caller wants them.
[[nodiscard]] Status read_envelope(wire::Envelope::Reader root, Event& event,
                                   std::string* event_id, std::string* stream) {
  const std::uint32_t version = root.getSchemaVersion();
  if (version > kSchemaVersion)
    return std::unexpected(Error{
        ErrorCode::SchemaTooNew,
        fmt::format("schema version {} is newer than this build reads ({}): upgrade callwatch "
                    "to read this event",
                    version, kSchemaVersion)});
  const auto type = root.getType();
  if (auto s = detail::read_body_into(root.getBody(), {type.begin(), type.size()}, event.body); !s)
    return s;
  const auto id = root.getEventId();
  const auto st = root.getStream();
  if (event_id) event_id->assign(id.begin(), id.size());
  if (stream) stream->assign(st.begin(), st.size());
  event.at = Timestamp{Duration{root.getAtMs()}};
  return {};
}

}  // namespace

void encode_event_into(const Envelope& env, std::string& out) {
  encode_event_into(env.event_id, env.stream, env.event, out);
}

void encode_event_into(std::string_view event_id, std::string_view stream, const Event& event,
                       std::string& out) {
  std::size_t words = 0;
  {
    capnp::MallocMessageBuilder message(first_segment());
    build(message, event_id, stream, event);
    auto segments = message.getSegmentsForOutput();
    if (segments.size() == 1) return flatten(segments, out);
    words = total_words(segments);  // an upper bound: includes inter-segment landing pads
  }
  // Too big for the scratch segment: build again in one segment large enough for all of it.
  capnp::MallocMessageBuilder message(static_cast<unsigned>(words + 64),
                                      capnp::AllocationStrategy::FIXED_SIZE);
  build(message, event_id, stream, event);
  flatten(message.getSegmentsForOutput(), out);
}

std::string encode_event(const Envelope& env) {
  std::string out;
  encode_event_into(env, out);
  return out;
}

std::expected<Envelope, CodecError> decode_event(std::string_view bytes) {
  return with_root(bytes, [](wire::Envelope::Reader root) -> std::expected<Envelope, CodecError> {
    Envelope env;
    if (auto s = read_envelope(root, env.event, &env.event_id, &env.stream); !s)
      return std::unexpected(std::move(s.error()));
    return env;
  });
}

std::expected<const Event*, CodecError> EventReader::read(std::string_view bytes) {
  auto s = with_root(bytes, [this](wire::Envelope::Reader root) {
    return read_envelope(root, event_, nullptr, nullptr);
  });
  if (!s) return std::unexpected(std::move(s.error()));
  return &event_;
}

std::expected<EnvelopeHeader, CodecError> decode_header(std::string_view bytes) {
  return with_root(bytes, [](wire::Envelope::Reader root)
                              -> std::expected<EnvelopeHeader, CodecError> {
    return read_header(root);
  });
}

}  // namespace callwatch::codec
