#include "projections/contact_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <type_traits>

#include "codec/time.h"
#include "projections/event_reader.h"
#include "projections/json.h"

namespace callwatch::projections {
namespace {

template <class T>
concept AboutContact = requires(const T& e) { e.contact; };

bool matches(const ContactSummary& c, const ContactQuery& q) {
  if (c.finished_position > q.as_of) return false;
  if (q.agent && c.agent != *q.agent) return false;
  if (q.queue && c.queue != *q.queue) return false;
  if (q.from && c.initiated_at < *q.from) return false;
  if (q.to && c.initiated_at >= *q.to) return false;
  if (q.monitored_by &&
      std::find(c.monitored_by.begin(), c.monitored_by.end(), *q.monitored_by) == c.monitored_by.end())
    return false;
  return true;
}

void monitored(ContactSummary& c, const UserId& supervisor) {
  if (std::find(c.monitored_by.begin(), c.monitored_by.end(), supervisor.view()) == c.monitored_by.end())
    c.monitored_by.emplace_back(supervisor.view());
}

}  // namespace

void ContactIndex::apply(Position position, const Event& event) {
  std::unique_lock l(mu_);
  position_ = std::max(position_, position);
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ev::ContactInitiated>) {
          ContactSummary& c = live_[e.contact];
          c = ContactSummary{};
          c.contact = e.contact.view();
          c.channel = e.channel;
          c.status = ContactStatus::Initiated;
          c.customer = e.customer;
          c.flow = e.flow.view();
          c.initiated_at = event.at;
        } else if constexpr (AboutContact<T> && !std::is_same_v<T, ev::RecordingAccessed>) {
          auto it = live_.find(e.contact);
          if (it == live_.end()) return;  // a contact this log never initiated
          ContactSummary& c = it->second;
          if constexpr (std::is_same_v<T, ev::RecordingEnabled>) {
            c.recorded = true;
          } else if constexpr (std::is_same_v<T, ev::ContactQueued>) {
            c.queue = e.queue.view();
            c.status = ContactStatus::Queued;
          } else if constexpr (std::is_same_v<T, ev::AgentConnected>) {
            c.agent = e.agent.view();
            c.connected_at = event.at;
            c.status = ContactStatus::Connected;
          } else if constexpr (std::is_same_v<T, ev::ContactEnded>) {
            c.ended_at = event.at;
            c.status = ContactStatus::AfterContactWork;
          } else if constexpr (std::is_same_v<T, ev::MonitoringStarted> ||
                               std::is_same_v<T, ev::ConversationJoined>) {
            monitored(c, e.supervisor);
          } else if constexpr (std::is_same_v<T, ev::WrapUpCompleted> ||
                               std::is_same_v<T, ev::ContactAbandoned>) {
            c.status = std::is_same_v<T, ev::WrapUpCompleted> ? ContactStatus::Completed
                                                               : ContactStatus::Abandoned;
            c.finished_at = event.at;
            c.finished_position = position;
            finished_.push_back(std::move(c));
            live_.erase(it);
          }
        }
      },
      event.body);
}

ContactSearchResult ContactIndex::search(const ContactQuery& q) const {
  ContactSearchResult out;
  std::shared_lock l(mu_);
  for (auto it = finished_.rbegin(); it != finished_.rend(); ++it) {
    if (!matches(*it, q)) continue;
    if (out.contacts.size() == q.limit) {
      out.truncated = true;
      break;
    }
    out.contacts.push_back(*it);
  }
  return out;
}

Position ContactIndex::position() const {
  std::shared_lock l(mu_);
  return position_;
}

std::size_t ContactIndex::finished() const {
  std::shared_lock l(mu_);
  return finished_.size();
}

Status catch_up(const eventstore::EventStore& store, ContactIndex& index, Position as_of) {
  auto cursor = store.read_all(index.position() + 1);
  if (!cursor) return error(fmt::format("cannot read the log: {}", cursor.error().message));
  EventReader reader;
  for (; cursor->valid() && cursor->event().position <= as_of; cursor->next()) {
    const auto& r = cursor->event();
    if (!r.stream.starts_with("contact-")) continue;  // only contact streams move the index
    auto event = reader.read(r.data);
    if (!event)
      return error(fmt::format("the record at position {} is not a readable event: {}",
                               r.position, event.error()));
    index.apply(r.position, **event);
  }
  if (!cursor->status())
    return error(fmt::format("reading the log stopped: {}", cursor->status().error().message));
  return {};
}

nlohmann::json contacts_json(const ViewPoint& v, const ContactSearchResult& result) {
  using nlohmann::json;
  const auto time = [](const std::optional<Timestamp>& t) {
    return t ? json(codec::format_timestamp(*t)) : json(nullptr);
  };
  const auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json contacts = json::array();
  for (const auto& c : result.contacts)
    contacts.push_back({{"contact", c.contact},
                        {"channel", to_string(c.channel)},
                        {"status", to_string(c.status)},
                        {"customer", c.customer},
                        {"flow", c.flow},
                        {"queue", text(c.queue)},
                        {"agent", text(c.agent)},
                        {"recorded", c.recorded},
                        {"initiatedAt", codec::format_timestamp(c.initiated_at)},
                        {"connectedAt", time(c.connected_at)},
                        {"endedAt", time(c.ended_at)},
                        {"finishedAt", codec::format_timestamp(c.finished_at)},
                        {"finishedPosition", c.finished_position},
                        {"monitoredBy", c.monitored_by}});
  return {{"asOf", to_json(v)},
          {"contacts", std::move(contacts)},
          {"truncated", result.truncated}};
}

}  // namespace callwatch::projections
