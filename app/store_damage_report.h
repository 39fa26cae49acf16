// What `verify` and `salvage` share: the envelope check handed to the store, and the report
// as text or JSON (lost ranges, the streams and contacts they belonged to).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "eventstore/verify.h"

namespace callwatch::app {

// The event's data must be a Cap'n Proto envelope codec decodes, naming the record's id and stream.
inline eventstore::VerifyOptions::DataVerdict check_envelope(const eventstore::RecordedEventView& e) {
  eventstore::VerifyOptions::DataVerdict v;
  auto h = codec::decode_header(e.data);
  if (!h) {
    v.error = "the event's envelope does not decode: " + h.error().message;
    return v;
  }
  v.type = h->type;
  if (h->event_id != e.event_id || h->stream != e.stream) {
    v.error = "the envelope names another event id or stream than its record";
    return v;
  }
  if (h->schema_version <= codec::kSchemaVersion) {
    auto full = codec::decode_event(e.data);
    if (!full) v.error = "the event's body does not decode: " + full.error().message;
  }
  return v;
}

// Stream "contact-<id>" belongs to contact <id> (domain/events.h, stream_of).
inline std::string contact_of(const std::string& stream) {
  return stream.starts_with("contact-") ? stream.substr(8) : std::string();
}

inline std::string safe(const std::string& s) {  // any bytes, valid UTF-8 out
  return codec::json_text(nlohmann::json(s));
}

inline nlohmann::json report_json(const eventstore::VerifyReport& r) {
  using nlohmann::json;
  json j;
  j["dir"] = r.dir;
  j["intact"] = r.intact();
  j["openedAs"] = r.opened_as;
  j["lastPosition"] = r.last_position;
  j["intactEvents"] = r.intact_events;
  j["lostPositions"] = r.lost_positions();
  j["lost"] = json::array();
  for (const auto& l : r.lost)
    j["lost"].push_back({{"first", l.first}, {"last", l.last}, {"kind", std::string(to_string(l.kind))},
                         {"detail", l.detail}});
  j["lostEvents"] = json::array();
  for (const auto& e : r.lost_events) {
    json x = {{"position", e.position}};
    if (!e.stream.empty()) {
      x["stream"] = e.stream;
      x["version"] = e.stream_version;
      if (auto c = contact_of(e.stream); !c.empty()) x["contact"] = c;
    }
    j["lostEvents"].push_back(x);
  }
  j["streams"] = json::array();
  json contacts = json::array();
  for (const auto& s : r.streams) {
    j["streams"].push_back({{"stream", s.stream}, {"lostVersions", s.versions}});
    if (auto c = contact_of(s.stream); !c.empty()) contacts.push_back(c);
  }
  j["contacts"] = contacts;
  j["findings"] = json::array();
  for (const auto& f : r.findings) j["findings"].push_back({{"area", f.area}, {"message", f.message}});
  return j;
}

inline std::string dump(const nlohmann::json& j) {
  return codec::json_text(j);
}

inline std::string report_text(const eventstore::VerifyReport& r) {
  std::string out = "store " + r.dir + " (read " + r.opened_as + "): " +
                    (r.intact() ? "intact" : "DAMAGED") + "\n";
  out += "  last position " + std::to_string(r.last_position) + ", intact events " +
         std::to_string(r.intact_events) + ", lost positions " + std::to_string(r.lost_positions()) + "\n";
  for (const auto& l : r.lost)
    out += "  lost " + std::to_string(l.first) + ".." + std::to_string(l.last) + " (" +
           std::string(to_string(l.kind)) + "): " + l.detail + "\n";
  for (const auto& s : r.streams) {
    out += "  stream " + s.stream + " lost versions";
    std::size_t shown = 0;
    for (auto v : s.versions) {
      if (++shown > 20) { out += " ..."; break; }
      out += " " + std::to_string(v);
    }
    if (auto c = contact_of(s.stream); !c.empty()) out += " (contact " + c + ")";
    out += "\n";
  }
  for (const auto& f : r.findings) out += "  " + f.area + ": " + f.message + "\n";
  return out;
}

}  // namespace callwatch::app
