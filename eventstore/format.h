// The on-disk format: column families, keys and the log record. Internal to eventstore/.
//
// Column families:
//   default      store metadata: marker, schema version, durability mode, type dictionary
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

#include "codec/varint.h"
#include "eventstore/type_dictionary.h"
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
// The version of this layout (column families, keys, index records), stored under kSchemaKey;
// not the events' schema version (codec::kSchemaVersion, in each record's envelope).
inline constexpr std::uint32_t kLayoutVersion = 1;
// Event type names: prefix + varint code -> name (TypeDictionary).
inline constexpr std::string_view kTypeKeyPrefix = "callwatch.type.";

inline constexpr char kRecordFormat = 1;

inline constexpr char kRunPrefix = 'r';
inline constexpr std::string_view kIndexedKey = "x";
inline constexpr std::string_view kStreamsKey = "n";
inline constexpr char kTypePrefix = 't';

// Varints and big-endian integers: codec/varint.h, the one definition.
using codec::encode_varint;
using codec::get_be64;
using codec::get_varint;
using codec::put_be64;
using codec::put_varint;

struct PositionKey {
  char bytes[8];
  explicit PositionKey(Position p) { put_be64(bytes, p); }
  [[nodiscard]] std::string_view view() const { return {bytes, 8}; }
};

// Log record: format byte, varint stream version, length-prefixed event id and stream, varint
// type code (TypeDictionary), then the event's data to the end of the value.
// Longest header: format byte, four varints (10 bytes at most each), id and stream.
inline constexpr std::size_t kMaxRecordHeader = 1 + 4 * 10 + 2 * kMaxNameBytes;

// Writes the record header into `out` (kMaxRecordHeader bytes), returns its length.
inline std::size_t put_record_header(char* out, StreamVersion version, std::string_view event_id,
                                     std::string_view stream, std::uint32_t type_code) {
  char* p = out;
  *p++ = kRecordFormat;
  p = encode_varint(p, version);
  p = encode_varint(p, event_id.size());
  std::memcpy(p, event_id.data(), event_id.size());
  p += event_id.size();
  p = encode_varint(p, stream.size());
  std::memcpy(p, stream.data(), stream.size());
  p += stream.size();
  p = encode_varint(p, type_code);
  return static_cast<std::size_t>(p - out);
}

[[nodiscard]] inline bool get_field(std::string_view& in, std::string_view& field) {
  std::uint64_t n = 0;
  if (!get_varint(in, n) || n > in.size()) return false;
  field = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

// Fills everything but the position; false when the record is damaged or its type unknown.
[[nodiscard]] inline bool decode_record(std::string_view in, RecordedEventView& out,
                                        const TypeDictionary& types,
                                        std::uint64_t* type_code = nullptr) {
  if (in.empty() || in.front() != kRecordFormat) return false;
  in.remove_prefix(1);
  std::uint64_t code = 0;
  if (!get_varint(in, out.stream_version) || !get_field(in, out.event_id) ||
      !get_field(in, out.stream) || !get_varint(in, code))
    return false;
  const std::string* type = types.name(code);
  if (type == nullptr) return false;
  out.type = *type;
  if (type_code) *type_code = code;
  out.data = in;
  return true;
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
[[nodiscard]] inline std::string type_key(std::uint32_t code) {
  std::string k(kTypeKeyPrefix);
  put_varint(k, code);
  return k;
}
[[nodiscard]] inline std::string be64_string(std::uint64_t v) {
  std::string s(8, '\0');
  put_be64(s.data(), v);
  return s;
}

}  // namespace callwatch::eventstore::format
