// The on-disk format: column families, keys and the log record. Internal to eventstore/.
//
// Column families:
//   default      store metadata: marker, schema version, durability mode
//   log          BE64(position) -> record (see encode_record)
//   index        derived from the log, rebuildable, written without WAL:
//                  'r' varint(len) stream BE64(first version) -> run of positions
//                  'x' -> BE64(indexed position)   't' type -> BE64(count)   'n' -> BE64(streams)
//   checkpoints  consumer name -> opaque bytes
//   aux          data consumers keep next to their checkpoint
//
// Big-endian positions make RocksDB's byte order the log order.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "eventstore/types.h"

namespace callwatch::eventstore::format {

inline constexpr std::string_view kLogCf = "log";
inline constexpr std::string_view kIndexCf = "index";
inline constexpr std::string_view kCheckpointsCf = "checkpoints";
inline constexpr std::string_view kAuxCf = "aux";

inline constexpr std::string_view kMarkerKey = "callwatch.store";
inline constexpr std::string_view kMarkerValue = "callwatch-eventstore";
inline constexpr std::string_view kSchemaKey = "callwatch.schema_version";
inline constexpr std::string_view kDurabilityKey = "callwatch.durability";
inline constexpr std::uint32_t kSchemaVersion = 1;

inline constexpr char kRecordFormat = 1;

inline constexpr char kRunPrefix = 'r';
inline constexpr std::string_view kIndexedKey = "x";
inline constexpr std::string_view kStreamsKey = "n";
inline constexpr char kTypePrefix = 't';

inline void put_be64(char* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}
[[nodiscard]] inline std::uint64_t get_be64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

struct PositionKey {
  char bytes[8];
  explicit PositionKey(Position p) { put_be64(bytes, p); }
  [[nodiscard]] std::string_view view() const { return {bytes, 8}; }
};

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
// Reads a varint from the front of `in` and advances it; false on truncation or overflow.
[[nodiscard]] inline bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

// Log record: format byte, varint stream version, then length-prefixed event id, stream and
// type, then the event's data to the end of the value.
inline void encode_record(std::string& out, StreamVersion version, const NewEvent& e) {
  out.clear();
  out.reserve(16 + e.event_id.size() + e.stream.size() + e.type.size() + e.data.size());
  out.push_back(kRecordFormat);
  put_varint(out, version);
  put_varint(out, e.event_id.size());
  out.append(e.event_id);
  put_varint(out, e.stream.size());
  out.append(e.stream);
  put_varint(out, e.type.size());
  out.append(e.type);
  out.append(e.data);
}

[[nodiscard]] inline bool get_field(std::string_view& in, std::string_view& field) {
  std::uint64_t n = 0;
  if (!get_varint(in, n) || n > in.size()) return false;
  field = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

// Fills everything but the position; false when the record is damaged.
[[nodiscard]] inline bool decode_record(std::string_view in, RecordedEventView& out) {
  if (in.empty() || in.front() != kRecordFormat) return false;
  in.remove_prefix(1);
  return get_varint(in, out.stream_version) && get_field(in, out.event_id) &&
         get_field(in, out.stream) && get_field(in, out.type) && (out.data = in, true);
}

// Index keys.
[[nodiscard]] inline std::string stream_prefix(std::string_view stream) {
  std::string k;
  k.reserve(stream.size() + 4);
  k.push_back(kRunPrefix);
  put_varint(k, stream.size());
  k.append(stream);
  return k;
}
[[nodiscard]] inline std::string run_key(std::string_view stream, StreamVersion first) {
  std::string k = stream_prefix(stream);
  char v[8];
  put_be64(v, first);
  k.append(v, 8);
  return k;
}
[[nodiscard]] inline std::string be64_string(std::uint64_t v) {
  std::string s(8, '\0');
  put_be64(s.data(), v);
  return s;
}

}  // namespace callwatch::eventstore::format
