#include "projections/text.h"

#include <fmt/format.h>

#include <algorithm>

#include "codec/time.h"

namespace callwatch::projections {
namespace {

std::string since(Timestamp t, Timestamp now) { return format_duration(now - t); }

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string supervisors(const std::vector<SupervisorOnContact>& v) {
  std::vector<std::string> parts;
  for (const auto& s : v) parts.push_back(fmt::format("{} {}", s.user, to_string(s.mode)));
  return join(parts, ", ");
}

std::string percent(const std::optional<double>& v) {
  return v ? fmt::format("{:.1f}%", *v * 100) : "-";
}

template <class T, class F>
std::string or_dash(const std::optional<T>& v, F f) {
  return v ? f(*v) : "-";
}

std::string none_if_empty(std::string s) { return s.empty() ? "-" : s; }

}  // namespace

std::string TextTable::render() const {
  std::vector<std::size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], row[i].size());
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  std::string out;
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
      l += row[i];
      if (i + 1 < row.size()) l.append(width[i] - row[i].size() + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(header_);
  for (const auto& r : rows_) line(r);
  return out;
}

std::string format_duration(Duration d) {
  std::int64_t s = std::max<std::int64_t>(0, d.count()) / 1000;
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}d{:02}h", s / 86400, (s % 86400) / 3600);
}

std::string render_view_point(const ViewPoint& v) {
  if (v.events == 0 && v.position == 0) return "as of position 0 (empty log)\n";
  return fmt::format("as of position {}, {}\n", v.position, codec::format_timestamp(v.now));
}

std::string render_agents(const ViewPoint& v, std::span<const AgentRow> rows) {
  TextTable t({"USER", "STATUS", "ACTIVITY", "FOR", "CCP", "VOICE", "CHAT", "HANDLED", "CONTACTS", "WATCHING"});
  for (const auto& r : rows) {
    std::vector<std::string> contacts, watching;
    for (const auto& c : r.contacts) {
      std::string s = fmt::format("{} {} {}", c.contact, to_string(c.state), since(c.state_since, v.now));
      if (!c.supervisors.empty()) s += " (" + supervisors(c.supervisors) + ")";
      contacts.push_back(s);
    }
    for (const auto& w : r.watching)
      watching.push_back(fmt::format("{} of {} {} {}", w.contact, w.agent, to_string(w.mode), since(w.since, v.now)));
    t.add({r.user, r.status, r.activity_name, since(r.activity_since, v.now), r.ccp_open ? "open" : "closed",
           std::to_string(r.contacts_by_channel[0]), std::to_string(r.contacts_by_channel[1]),
           std::to_string(r.handled_today[0] + r.handled_today[1]), none_if_empty(join(contacts, "; ")),
           none_if_empty(join(watching, "; "))});
  }
  return render_view_point(v) + (rows.empty() ? "no agents logged in\n" : t.render());
}

std::string render_queues(const ViewPoint& v, std::span<const QueueRow> rows, const ModelOptions& o) {
  const std::string w = format_duration(o.window);
  const std::string sl = fmt::format("SL{}", format_duration(o.service_level_threshold));
  TextTable t({"QUEUE", "CHANNEL", "WAITING", "OLDEST", "ONLINE", "AVAILABLE", "ON CONTACT", "ACW",
               w + " HANDLED", w + " ABANDONED", w + " ASA", w + " " + sl, "DAY HANDLED", "DAY ABANDONED",
               "DAY ASA", "DAY " + sl});
  auto dur = [](Duration d) { return format_duration(d); };
  for (const auto& r : rows)
    t.add({r.queue, std::string(to_string(r.channel)), std::to_string(r.in_queue), or_dash(r.oldest_age, dur),
           std::to_string(r.agents_online), std::to_string(r.agents_available), std::to_string(r.agents_on_contact),
           std::to_string(r.agents_after_contact_work), std::to_string(r.window.handled),
           std::to_string(r.window.abandoned), or_dash(r.window.average_speed_of_answer, dur),
           percent(r.window.service_level), std::to_string(r.today.handled), std::to_string(r.today.abandoned),
           or_dash(r.today.average_speed_of_answer, dur), percent(r.today.service_level)});
  return render_view_point(v) + (rows.empty() ? "no queues\n" : t.render());
}

std::string render_conversations(const ViewPoint& v, std::span<const ConversationRow> rows) {
  TextTable t({"CONTACT", "CHANNEL", "STATUS", "FOR", "AGENT", "QUEUE", "WAIT", "DURATION", "HOLDS", "MESSAGES",
               "LAST MESSAGE", "SUPERVISORS"});
  for (const auto& r : rows) {
    const bool chat = r.channel == Channel::Chat;
    t.add({r.contact, std::string(to_string(r.channel)), std::string(to_string(r.status)),
           since(r.status_since, v.now), none_if_empty(r.agent), none_if_empty(r.queue),
           or_dash(r.wait, [](Duration d) { return format_duration(d); }), format_duration(r.duration),
           chat ? "-" : fmt::format("{} ({})", r.holds, format_duration(r.held)),
           chat ? fmt::format("{} + {} internal", r.public_messages, r.internal_messages) : "-",
           or_dash(r.last_message_at, [&](Timestamp t0) { return since(t0, v.now) + " ago"; }),
           none_if_empty(supervisors(r.supervisors))});
  }
  return render_view_point(v) + (rows.empty() ? "no ongoing conversations\n" : t.render());
}

std::string render_sessions(const ViewPoint& v, std::span<const SessionRecord> rows,
                            std::span<const AccessRecord> accesses) {
  TextTable t({"SESSION", "CONTACT", "SUPERVISOR", "AGENT", "CHANNEL", "STARTED", "MODES", "ENDED", "REASON",
               "DURATION"});
  for (const auto& r : rows) {
    std::string modes(to_string(r.mode));
    for (const auto& c : r.changes) {  // appended piecewise: no temporary, and GCC 12's false
      modes += '>';                    // -Wrestrict on ">" + string at -O3 (GCC bug 105329)
      modes += to_string(c.mode);
    }
    t.add({std::to_string(r.started_position), r.contact, r.supervisor, none_if_empty(r.agent),
           std::string(to_string(r.channel)), codec::format_timestamp(r.started_at), modes,
           or_dash(r.ended_at, [](Timestamp x) { return codec::format_timestamp(x); }),
           or_dash(r.end_reason, [](StopReason s) { return std::string(to_string(s)); }),
           format_duration(r.ended_at.value_or(v.now) - r.started_at)});
  }
  std::string out = render_view_point(v) + (rows.empty() ? "no supervision sessions\n" : t.render());
  if (accesses.empty()) return out;
  TextTable a({"POSITION", "AT", "BY", "ACCESS", "CONTACT", "SEARCH"});
  for (const auto& r : accesses)
    a.add({std::to_string(r.position), codec::format_timestamp(r.at), r.by,
           std::string(to_string(r.access)), none_if_empty(r.contact),
           r.access == RecordingAccess::Search ? r.search : std::string("-")});
  out += "\nrecording access\n";
  out += a.render();
  return out;
}

std::string render_history(const ContactHistory& h, bool transcript) {
  std::string out;
  if (transcript) {
    out = fmt::format("transcript of {} ({}), as the customer saw it\n", h.contact, to_string(h.channel));
    TextTable t({"TIME", "LINE"});
    for (const auto& e : customer_transcript(h)) t.add({codec::format_timestamp(e.event.at), e.text});
    return out + (t.empty() ? "nothing\n" : t.render());
  }
  auto ts = [](Timestamp x) { return codec::format_timestamp(x); };
  auto dur = [](Duration d) { return format_duration(d); };
  TextTable summary({"CONTACT", h.contact});
  summary.add({"channel", std::string(to_string(h.channel))});
  summary.add({"status", std::string(to_string(h.status))});
  summary.add({"customer", none_if_empty(h.customer)});
  summary.add({"flow", fmt::format("{} ({})", h.flow, h.recorded ? "recorded" : "not recorded")});
  summary.add({"queue", none_if_empty(h.queue)});
  summary.add({"agent", none_if_empty(h.agent)});
  summary.add({"initiated", ts(h.initiated_at)});
  summary.add({"wait", or_dash(h.wait, dur)});
  summary.add({"talk", or_dash(h.talk, dur)});
  if (h.channel == Channel::Voice) summary.add({"holds", fmt::format("{} ({})", h.holds, format_duration(h.held))});
  else summary.add({"messages", fmt::format("{} public, {} internal", h.public_messages, h.internal_messages)});
  summary.add({"supervision", fmt::format("{} session(s)", h.supervision_sessions)});
  out = summary.render() + "\n";
  TextTable t({"POSITION", "TIME", "+", "EVENT"});
  for (const auto& e : h.timeline)
    t.add({std::to_string(e.position), ts(e.event.at), format_duration(e.event.at - h.initiated_at), e.text});
  return out + t.render();
}

std::string render_user_permissions(std::span<const UserPermissionsRow> rows) {
  TextTable t({"USER", "PROFILES", "PERMISSION", "FROM"});
  for (const auto& r : rows) {
    if (r.sources.empty()) t.add({r.user, join(r.profiles, ", "), "-", "-"});
    for (std::size_t i = 0; i < r.sources.size(); ++i)
      t.add({i == 0 ? r.user : "", i == 0 ? join(r.profiles, ", ") : "",
             std::string(to_string(r.sources[i].permission)), join(r.sources[i].profiles, ", ")});
  }
  return t.render();
}

std::string render_permission_holders(std::span<const PermissionHoldersRow> rows) {
  TextTable t({"PERMISSION", "USERS"});
  for (const auto& r : rows) t.add({std::string(to_string(r.permission)), none_if_empty(join(r.users, ", "))});
  return t.render();
}

}  // namespace callwatch::projections
