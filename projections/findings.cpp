#include "projections/findings.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "codec/event_codec.h"
#include "codec/time.h"
#include "codec/utf8.h"

namespace callwatch::projections {

Result<std::vector<FindingRow>> findings(const eventstore::EventStore& store, Position as_of) {
  std::vector<FindingRow> out;
  auto cursor = store.read_all(1);
  if (!cursor) return error("reading the log: " + cursor.error().message);
  // The fact a finding marks is written just before it (a few findings may follow one fact):
  // the last headers seen answer which fact it was (find_event needs a writable store).
  std::array<std::pair<std::string, std::string>, 16> recent;
  std::size_t next = 0;
  for (; cursor->valid() && cursor->event().position <= as_of; cursor->next()) {
    auto h = codec::decode_header(cursor->event().data);
    if (!h) continue;
    if (h->type != ev::FindingRecorded::kName) {
      recent[next++ % recent.size()] = {std::move(h->event_id), std::move(h->type)};
      continue;
    }
    auto e = codec::decode_event(cursor->event().data);
    if (!e) return error(fmt::format("position {}: {}", cursor->event().position, e.error().message));
    const auto& f = std::get<ev::FindingRecorded>(e->event.body);
    FindingRow row{cursor->event().position, e->event.at, std::string(f.contact.view()), std::string(f.user.view()),
                   f.rule, f.reason, f.event, ""};
    for (const auto& [id, type] : recent)
      if (id == f.event) row.fact = type;
    out.push_back(std::move(row));
  }
  if (!cursor->status()) return error("reading the log: " + cursor->status().error().message);
  return out;
}

std::string render_findings(const std::vector<FindingRow>& rows) {
  if (rows.empty()) return "no findings\n";
  std::string out = fmt::format("{:<24}  {:<28}  {:<16}  {:<20}  {:<18}  {}\n", "TIME", "RULE", "USER", "CONTACT",
                                "FACT", "REASON");
  for (const auto& r : rows)
    out += fmt::format("{:<24}  {:<28}  {:<16}  {:<20}  {:<18}  {}\n", codec::format_timestamp(r.at),
                       codec::make_valid_utf8(r.rule), codec::make_valid_utf8(r.user),
                       codec::make_valid_utf8(r.contact), r.fact, codec::make_valid_utf8(r.reason));
  out += fmt::format("{} finding(s)\n", rows.size());
  return out;
}

codec::OrderedJson findings_json(Position position, const std::vector<FindingRow>& rows) {
  codec::OrderedJson j;
  j["position"] = position;
  j["findings"] = codec::OrderedJson::array();
  std::map<std::string, std::uint64_t> by_rule;
  for (const auto& r : rows) {
    codec::OrderedJson f;
    f["position"] = r.position;
    f["at"] = codec::format_timestamp(r.at);
    f["rule"] = codec::make_valid_utf8(r.rule);
    f["user"] = codec::make_valid_utf8(r.user);
    f["contact"] = codec::make_valid_utf8(r.contact);
    f["fact"] = r.fact;
    f["event"] = codec::make_valid_utf8(r.event);
    f["reason"] = codec::make_valid_utf8(r.reason);
    j["findings"].push_back(std::move(f));
    ++by_rule[codec::make_valid_utf8(r.rule)];
  }
  j["byRule"] = codec::OrderedJson::object();
  for (const auto& [rule, n] : by_rule) j["byRule"][rule] = n;
  return j;
}

}  // namespace callwatch::projections
