#include "tests/mutation/checks.h"

#include <nlohmann/json.hpp>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "codec/utf8.h"
#include "projections/event_reader.h"
#include "simulator/scenario_file.h"

namespace callwatch::mutation {
namespace {

std::string bad_text(std::string_view what, std::string_view text) {
  if (text.empty()) return std::string(what) + " is empty";
  if (!codec::is_valid_utf8(text)) return std::string(what) + " is not valid UTF-8";
  return "";
}

}  // namespace

std::string check_command(std::string_view line) {
  auto command = codec::parse_command(line);
  if (!command) {
    if (command.error().code != RejectionCode::InvalidCommand)
      return "a malformed command is not INVALID_COMMAND";
    if (auto p = bad_text("the reason", command.error().reason); !p.empty()) return p;
    const std::string out = codec::json_text(codec::to_json(command.error()));
    if (!codec::is_valid_utf8(out) || !nlohmann::json::accept(out))
      return "the rejection line is not valid JSON";
    return "";
  }
  const std::string out = codec::json_text(codec::to_json(*command));
  if (!codec::is_valid_utf8(out)) return "an accepted command prints as invalid UTF-8";
  auto again = codec::parse_command(out);
  if (!again) return "an accepted command does not parse back: " + again.error().reason;
  if (codec::json_text(codec::to_json(*again)) != out) return "a command does not round-trip";
  return "";
}

std::string check_event_json(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return "";  // not JSON: event_from_json takes parsed JSON
  auto event = codec::event_from_json(j);
  if (!event) return bad_text("the error", event.error());
  const nlohmann::json printed = codec::to_json(*event);
  const std::string out = codec::json_text(printed);
  if (!codec::is_valid_utf8(out)) return "an accepted event prints as invalid UTF-8";
  auto again = codec::event_from_json(printed);
  if (!again) return "an accepted event does not read back: " + again.error();
  if (!(*again == *event)) return "an event does not round-trip";
  return "";
}

std::string check_envelope(std::string_view bytes) {
  auto event = codec::decode_event(bytes);
  auto header = codec::decode_header(bytes);
  projections::EventReader reader;
  auto fast = reader.read(bytes);
  if (!event) {
    if (auto p = bad_text("decode_event's error", event.error().message); !p.empty()) return p;
    if (fast) return "EventReader accepts a record decode_event refuses";
    if (auto p = bad_text("EventReader's error", fast.error()); !p.empty()) return p;
    if (!header) return bad_text("decode_header's error", header.error().message);
    return "";
  }
  if (!header) return "decode_header refuses a record decode_event accepts";
  if (!fast) return "EventReader refuses a record decode_event accepts: " + fast.error();
  if (!(**fast == event->event)) return "EventReader and decode_event read different events";
  const std::string again = codec::encode_event(*event);
  auto twice = codec::decode_event(again);
  if (!twice) return "a decoded record does not re-encode: " + twice.error().message;
  if (codec::encode_event(*twice) != again) return "a record does not round-trip";
  return "";
}

std::string check_scenario(std::string_view text) {
  auto scenario = sim::parse_scenario(text, "<fuzz>");
  if (!scenario) return bad_text("the error", scenario.error().to_string());
  return "";
}

}  // namespace callwatch::mutation
