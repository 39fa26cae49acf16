// EventReader: decodes event records for replay without allocating per event.
//
// It is the codec's reader (codec::EventReader, codec/event_codec.h: the one Cap'n Proto
// envelope reader, which decode_event also uses), with the error as the codec's message and
// a count of what it read. It keeps one Event, valid until the next read.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "codec/event_codec.h"
#include "domain/events.h"

namespace callwatch::projections {

class EventReader {
 public:
  // The record's event, valid until the next call; or codec::decode_event's error message.
  [[nodiscard]] std::expected<const Event*, std::string> read(std::string_view bytes) {
    auto e = reader_.read(bytes);
    if (!e) {
      ++refused_;
      return std::unexpected(std::move(e.error().message));
    }
    ++read_;
    return *e;
  }

  // Records read, and refused. (Before there was one reader, fast() counted the records
  // of the replay's own decoder and delegated() those it handed to the codec's.)
  [[nodiscard]] std::uint64_t fast() const noexcept { return read_; }
  [[nodiscard]] std::uint64_t delegated() const noexcept { return refused_; }

 private:
  codec::EventReader reader_;
  std::uint64_t read_ = 0;
  std::uint64_t refused_ = 0;
};

}  // namespace callwatch::projections
