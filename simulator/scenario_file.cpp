// Scenario files. yaml-cpp reads both YAML and (converted) JSON into nodes; a small strict
// reader walks them with the key path in hand. Errors travel as an internal exception up to
// parse_scenario(), which turns them into a ScenarioError; none leaves this file.
#include "simulator/scenario_file.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "codec/json.h"
#include "codec/utf8.h"
#include "simulator/yaml_reader.h"

namespace callwatch::sim {

namespace {
using namespace yaml;  // NOLINT: the reader is this file's vocabulary

struct Parser {
  Scenario s;
  std::vector<std::string> flow_names, queue_names, group_names;

  void document(const YAML::Node& root);
  void arrivals(const YAML::Node& n, const std::string& path, QueueSpec& q);
  void queue(const YAML::Node& n, const std::string& path);
  void agents(const YAML::Node& n, const std::string& path);
  void supervisors(const YAML::Node& n, const std::string& path);
};

void Parser::document(const YAML::Node& root) {
  Map m(root, "", {"name", "seed", "start_date", "days", "interval_minutes", "service_level_seconds",
                   "warmup_share", "busyness_cv", "day_of_week", "flows", "queues", "agents",
                   "supervisors"});
  if (m.has("name")) s.name = text(m["name"], "name");
  if (m.has("seed")) {
    unsigned long long seed = 0;
    if (!m["seed"].IsScalar() || !YAML::convert<unsigned long long>::decode(m["seed"], seed))
      fail(m["seed"], "seed", fmt::format("must be a whole number >= 0, got {}", shown(m["seed"])));
    s.seed = seed;
  }
  s.start = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}.time_since_epoch()};
  if (m.has("start_date")) {
    const YAML::Node d = m["start_date"];
    int y = 0, mo = 0, da = 0;
    char a = 0, b = 0;
    std::istringstream in(d.IsScalar() ? d.Scalar() : "");
    const bool parsed = (in >> y >> a >> mo >> b >> da) && a == '-' && b == '-' && in.eof() &&
                        mo >= 1 && mo <= 12 && da >= 1 && da <= 31;
    if (!parsed || !(std::chrono::year{y} / mo / da).ok())
      fail(d, "start_date", fmt::format("must be a date YYYY-MM-DD, got {}", shown(d)));
    s.start = Timestamp{std::chrono::sys_days{std::chrono::year{y} / mo / da}.time_since_epoch()};
  }
  if (m.has("days")) s.days = static_cast<int>(integer(m["days"], "days", 1, 366));
  if (m.has("interval_minutes")) {
    const auto minutes = integer(m["interval_minutes"], "interval_minutes", 1, 1440);
    if (1440 % minutes != 0) fail(m["interval_minutes"], "interval_minutes", "must divide a day (5, 10, 15, 30, 60, ...)");
    s.interval = std::chrono::minutes{minutes};
  }
  if (m.has("service_level_seconds")) s.sl_threshold_seconds = nonneg(m["service_level_seconds"], "service_level_seconds");
  if (m.has("warmup_share")) {
    s.warmup_share = share(m["warmup_share"], "warmup_share");
    if (s.warmup_share >= 0.5) fail(m["warmup_share"], "warmup_share", "must be below 0.5");
  }
  if (m.has("busyness_cv")) {
    s.busyness_cv = nonneg(m["busyness_cv"], "busyness_cv");
    if (s.busyness_cv > 2) fail(m["busyness_cv"], "busyness_cv", "must be at most 2");
  }
  if (m.has("day_of_week")) {
    const YAML::Node d = m["day_of_week"];
    static constexpr std::array<std::string_view, 7> kDays{"monday", "tuesday", "wednesday", "thursday",
                                                          "friday", "saturday", "sunday"};
    if (d.IsSequence()) {
      if (d.size() != 7) fail(d, "day_of_week", "a list needs 7 factors, Monday first");
      for (std::size_t i = 0; i < 7; ++i) s.day_of_week[i] = nonneg(d[i], item("day_of_week", i));
    } else {
      Map dm(d, "day_of_week", {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
      for (std::size_t i = 0; i < 7; ++i)
        if (dm.has(kDays[i])) s.day_of_week[i] = nonneg(dm[kDays[i]], dm.at(kDays[i]));
    }
  }
  const YAML::Node flows = sequence(m.required("flows"), "flows");
  for (std::size_t i = 0; i < flows.size(); ++i) {
    Map f(flows[i], item("flows", i), {"name", "recording"});
    FlowSpec spec{text(f.required("name"), f.at("name")), true};
    if (f.has("recording")) spec.recording = boolean(f["recording"], f.at("recording"));
    if (std::find(flow_names.begin(), flow_names.end(), spec.name) != flow_names.end())
      fail(f["name"], f.at("name"), fmt::format("flow '{}' is defined twice", spec.name));
    flow_names.push_back(spec.name);
    s.flows.push_back(spec);
  }
  const YAML::Node queues = sequence(m.required("queues"), "queues");
  for (std::size_t i = 0; i < queues.size(); ++i) queue(queues[i], item("queues", i));
  if (m.has("agents")) {
    const YAML::Node groups = sequence(m["agents"], "agents");
    for (std::size_t i = 0; i < groups.size(); ++i) agents(groups[i], item("agents", i));
  }
  if (m.has("supervisors")) {
    const YAML::Node groups = sequence(m["supervisors"], "supervisors");
    for (std::size_t i = 0; i < groups.size(); ++i) supervisors(groups[i], item("supervisors", i));
  }
}

void Parser::arrivals(const YAML::Node& n, const std::string& path, QueueSpec& q) {
  Map m(n, path, {"per_day", "per_hour", "profile", "rates_per_hour", "open", "close"});
  const Duration open = m.has("open") ? time_of_day(m["open"], m.at("open")) : Duration{0};
  const Duration close = m.has("close") ? time_of_day(m["close"], m.at("close")) : Duration{std::chrono::hours{24}};
  if (close <= open || close > std::chrono::hours{24})
    fail(m.has("close") ? m["close"] : n, m.at("close"), "must be after open and no later than 24:00");
  if (open % s.interval != Duration{0} || close % s.interval != Duration{0})
    fail(n, path, "open and close must fall on interval boundaries");
  const std::size_t per_day = s.intervals_per_day();
  const auto first = static_cast<std::size_t>(open / s.interval);
  const auto last = static_cast<std::size_t>(close / s.interval);
  const int ways = int{m.has("per_day")} + int{m.has("per_hour")} + int{m.has("rates_per_hour")};
  if (ways != 1) fail(n, path, "give exactly one of per_day, per_hour, rates_per_hour");
  q.rates_per_hour.assign(per_day, 0.0);
  if (m.has("rates_per_hour")) {
    if (m.has("profile")) fail(m["profile"], m.at("profile"), "does not apply with rates_per_hour");
    const YAML::Node r = sequence(m["rates_per_hour"], m.at("rates_per_hour"));
    if (r.size() != last - first)
      fail(r, m.at("rates_per_hour"),
           fmt::format("needs {} entries, one per interval from open to close, has {}", last - first, r.size()));
    for (std::size_t i = 0; i < r.size(); ++i) q.rates_per_hour[first + i] = nonneg(r[i], item(m.at("rates_per_hour"), i));
    return;
  }
  if (m.has("per_hour")) {
    if (m.has("profile")) fail(m["profile"], m.at("profile"), "does not apply with per_hour (a constant rate)");
    const double rate = nonneg(m["per_hour"], m.at("per_hour"));
    for (std::size_t i = first; i < last; ++i) q.rates_per_hour[i] = rate;
    return;
  }
  const double volume = nonneg(m["per_day"], m.at("per_day"));
  std::vector<double> weights(per_day, 0.0);
  const YAML::Node p = m["profile"];
  if (!p || p.IsScalar()) {
    const std::string name = p ? p.Scalar() : "flat";
    const auto hourly = builtin_profile(name);
    if (!hourly) fail(p, m.at("profile"), fmt::format("unknown profile '{}' (bank, flat, or a list of weights)", name));
    for (std::size_t i = first; i < last; ++i)
      weights[i] = (*hourly)[static_cast<std::size_t>((s.interval * static_cast<std::int64_t>(i)) / std::chrono::hours{1}) % 24];
  } else {
    sequence(p, m.at("profile"));
    if (p.size() != last - first)
      fail(p, m.at("profile"),
           fmt::format("needs {} weights, one per interval from open to close, has {}", last - first, p.size()));
    for (std::size_t i = 0; i < p.size(); ++i) weights[first + i] = nonneg(p[i], item(m.at("profile"), i));
  }
  double total = 0;
  for (double w : weights) total += w;
  if (volume > 0 && total <= 0) fail(n, path, "the profile has no weight between open and close");
  q.rates_per_hour = spread_over_intervals(volume, weights, s.interval);
}

void Parser::queue(const YAML::Node& n, const std::string& path) {
  Map m(n, path, {"name", "channel", "flows", "arrivals", "handle_time", "short_contacts", "hold",
                  "after_contact_work", "patience", "chat"});
  QueueSpec q;
  q.name = text(m.required("name"), m.at("name"));
  if (std::find(queue_names.begin(), queue_names.end(), q.name) != queue_names.end())
    fail(m["name"], m.at("name"), fmt::format("queue '{}' is defined twice", q.name));
  const std::string channel = text(m.required("channel"), m.at("channel"));
  if (channel == "voice" || channel == "VOICE") {
    q.channel = Channel::Voice;
  } else if (channel == "chat" || channel == "CHAT") {
    q.channel = Channel::Chat;
  } else {
    fail(m["channel"], m.at("channel"), fmt::format("must be voice or chat, got '{}'", channel));
  }
  const bool chat = q.channel == Channel::Chat;
  // Defaults: the published bank fit for calls, longer conversations for chats.
  q.handle_time.main = chat ? Distribution::lognormal_mean(600, 0.7) : Distribution::lognormal_log(4.87, 0.88);
  q.after_contact_work = chat ? Distribution::uniform(15, 45) : Distribution::uniform(30, 60);
  q.patience = Patience::exponential(chat ? 600 : 300);
  q.hold_probability = chat ? 0 : 0.10;

  const YAML::Node flows = m.required("flows");
  if (flows.IsScalar()) {
    auto it = std::find(flow_names.begin(), flow_names.end(), flows.Scalar());
    if (it == flow_names.end()) fail(flows, m.at("flows"), fmt::format("no flow named '{}'", flows.Scalar()));
    q.flows = {{static_cast<std::size_t>(it - flow_names.begin()), 1.0}};
  } else {
    if (!flows.IsMap()) fail(flows, m.at("flows"), "must be a flow name or a mapping of flow names to shares");
    double sum = 0;
    for (const auto& kv : flows) {
      const std::string name = kv.first.Scalar();
      const std::string at = m.at("flows") + "." + name;
      auto it = std::find(flow_names.begin(), flow_names.end(), name);
      if (it == flow_names.end()) fail(kv.first, at, fmt::format("no flow named '{}'", name));
      const double v = share(kv.second, at);
      if (v > 0) q.flows.push_back({static_cast<std::size_t>(it - flow_names.begin()), v});
      sum += v;
    }
    if (std::abs(sum - 1) > 1e-6) fail(flows, m.at("flows"), fmt::format("shares must sum to 1, they sum to {:g}", sum));
  }
  arrivals(m.required("arrivals"), m.at("arrivals"), q);
  if (m.has("handle_time")) q.handle_time.main = distribution(m["handle_time"], m.at("handle_time"));
  if (!(q.handle_time.main.mean() > 0)) fail(m["handle_time"], m.at("handle_time"), "must have a positive mean");
  if (m.has("short_contacts")) {
    q.handle_time.short_share = share(m["short_contacts"], m.at("short_contacts"));
    if (q.handle_time.short_share >= 1) fail(m["short_contacts"], m.at("short_contacts"), "must be below 1");
  }
  if (m.has("hold")) {
    Map h(m["hold"], m.at("hold"), {"probability", "time"});
    if (chat && h.has("probability") && share(h["probability"], h.at("probability")) > 0)
      fail(h["probability"], h.at("probability"), "chats are never put on hold");
    if (h.has("probability")) q.hold_probability = share(h["probability"], h.at("probability"));
    if (h.has("time")) q.hold_time = distribution(h["time"], h.at("time"));
  }
  if (m.has("after_contact_work")) q.after_contact_work = distribution(m["after_contact_work"], m.at("after_contact_work"));
  if (m.has("patience")) {
    const YAML::Node p = m["patience"];
    if (p.IsScalar() && p.Scalar() == "none") {
      q.patience = Patience::none();
    } else {
      Map pm(p, m.at("patience"), {"distribution", "mean", "announcement"});
      const std::string kind = text(pm.required("distribution"), pm.at("distribution"));
      if (kind != "exponential") fail(pm["distribution"], pm.at("distribution"), "patience is exponential (or none)");
      q.patience = Patience::exponential(positive(pm.required("mean"), pm.at("mean")));
      if (pm.has("announcement")) {
        Map a(pm["announcement"], pm.at("announcement"), {"at", "abandon_share", "window"});
        q.patience.announcement_at = positive(a.required("at"), a.at("at"));
        q.patience.announcement_share = share(a.required("abandon_share"), a.at("abandon_share"));
        if (a.has("window")) q.patience.announcement_window = positive(a["window"], a.at("window"));
      }
    }
  }
  if (m.has("chat")) {
    if (!chat) fail(m["chat"], m.at("chat"), "applies to chat queues only");
    Map c(m["chat"], m.at("chat"), {"message_gap_seconds", "silent_leave_share", "idle_timeout_seconds", "concurrency_stretch"});
    if (c.has("message_gap_seconds")) q.chat.message_gap_mean = positive(c["message_gap_seconds"], c.at("message_gap_seconds"));
    if (c.has("silent_leave_share")) q.chat.silent_leave_share = share(c["silent_leave_share"], c.at("silent_leave_share"));
    if (c.has("idle_timeout_seconds")) q.chat.idle_timeout = nonneg(c["idle_timeout_seconds"], c.at("idle_timeout_seconds"));
    if (c.has("concurrency_stretch")) q.chat.concurrency_stretch = nonneg(c["concurrency_stretch"], c.at("concurrency_stretch"));
  }
  queue_names.push_back(q.name);
  s.queues.push_back(std::move(q));
}

void Parser::agents(const YAML::Node& n, const std::string& path) {
  Map m(n, path, {"group", "id_prefix", "site", "count", "skills", "chat_concurrency", "shift", "breaks",
                  "stay_until_queues_empty"});
  AgentGroupSpec g;
  g.name = text(m.required("group"), m.at("group"));
  if (std::find(group_names.begin(), group_names.end(), g.name) != group_names.end())
    fail(m["group"], m.at("group"), fmt::format("agent group '{}' is defined twice", g.name));
  g.id_prefix = m.has("id_prefix") ? text(m["id_prefix"], m.at("id_prefix")) : g.name;
  if (m.has("site")) g.site = text(m["site"], m.at("site"));
  g.count = static_cast<int>(integer(m.required("count"), m.at("count"), 0, 100000));
  g.skills = references(m.required("skills"), m.at("skills"), queue_names, "queue");
  if (m.has("chat_concurrency"))
    g.chat_concurrency = static_cast<int>(integer(m["chat_concurrency"], m.at("chat_concurrency"), 1, 10));
  g.shift = shift(m.required("shift"), m.at("shift"));
  if (m.has("stay_until_queues_empty"))
    g.stay_until_queues_empty = boolean(m["stay_until_queues_empty"], m.at("stay_until_queues_empty"));
  if (m.has("breaks")) {
    const YAML::Node b = sequence(m["breaks"], m.at("breaks"));
    for (std::size_t i = 0; i < b.size(); ++i) {
      Map bm(b[i], item(m.at("breaks"), i), {"status", "at", "minutes", "stagger_minutes"});
      BreakSpec br;
      br.status = text(bm.required("status"), bm.at("status"));
      if (br.status == kStatusAvailable || br.status == kStatusOffline)
        fail(bm["status"], bm.at("status"), "must be a custom status, not Available or Offline");
      br.at = time_of_day(bm.required("at"), bm.at("at"));
      br.length = std::chrono::duration_cast<Duration>(
          std::chrono::duration<double, std::ratio<60>>(positive(bm.required("minutes"), bm.at("minutes"))));
      if (bm.has("stagger_minutes"))
        br.stagger = std::chrono::duration_cast<Duration>(
            std::chrono::duration<double, std::ratio<60>>(nonneg(bm["stagger_minutes"], bm.at("stagger_minutes"))));
      g.breaks.push_back(br);
    }
  }
  group_names.push_back(g.name);
  s.agent_groups.push_back(std::move(g));
}

void Parser::supervisors(const YAML::Node& n, const std::string& path) {
  Map m(n, path, {"group", "id_prefix", "count", "listen_only", "watches", "shift", "monitor_share",
                  "barge_share", "long_contact_seconds", "long_contact_barge_share", "consult_share",
                  "monitor_delay", "listen_time", "barge_delay", "chat_concurrency"});
  SupervisorGroupSpec g;
  g.name = text(m.required("group"), m.at("group"));
  g.id_prefix = m.has("id_prefix") ? text(m["id_prefix"], m.at("id_prefix")) : g.name;
  g.count = static_cast<int>(integer(m.required("count"), m.at("count"), 0, 10000));
  if (m.has("listen_only")) g.listen_only = static_cast<int>(integer(m["listen_only"], m.at("listen_only"), 0, g.count));
  g.watches = references(m.required("watches"), m.at("watches"), group_names, "agent group");
  g.shift = shift(m.required("shift"), m.at("shift"));
  if (m.has("monitor_share")) g.monitor_share = share(m["monitor_share"], m.at("monitor_share"));
  if (m.has("barge_share")) g.barge_share = share(m["barge_share"], m.at("barge_share"));
  if (m.has("long_contact_seconds")) g.long_contact_seconds = nonneg(m["long_contact_seconds"], m.at("long_contact_seconds"));
  if (m.has("long_contact_barge_share")) g.long_contact_barge_share = share(m["long_contact_barge_share"], m.at("long_contact_barge_share"));
  if (m.has("consult_share")) g.consult_share = share(m["consult_share"], m.at("consult_share"));
  if (m.has("monitor_delay")) g.monitor_delay = distribution(m["monitor_delay"], m.at("monitor_delay"));
  if (m.has("listen_time")) g.listen_time = distribution(m["listen_time"], m.at("listen_time"));
  if (m.has("barge_delay")) g.barge_delay = distribution(m["barge_delay"], m.at("barge_delay"));
  if (m.has("chat_concurrency"))
    g.chat_concurrency = static_cast<int>(integer(m["chat_concurrency"], m.at("chat_concurrency"), 1, 10));
  s.supervisor_groups.push_back(std::move(g));
}

// JSON documents go through nlohmann (precise syntax errors, tabs allowed) into YAML nodes.
YAML::Node from_json(const nlohmann::json& j) {
  YAML::Node n;
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      n = YAML::Node(YAML::NodeType::Map);
      for (const auto& [k, v] : j.items()) n[k] = from_json(v);
      return n;
    case nlohmann::json::value_t::array:
      n = YAML::Node(YAML::NodeType::Sequence);
      for (const auto& v : j) n.push_back(from_json(v));
      return n;
    case nlohmann::json::value_t::string:
      return YAML::Node(j.get<std::string>());
    case nlohmann::json::value_t::null:
      return YAML::Node(YAML::NodeType::Null);
    default:
      return YAML::Node(codec::json_text(j));  // a number or a boolean
  }
}

}  // namespace

namespace {

// Its location as the Error's context: "test.yaml:12:7", then the key path.
ScenarioError located(ScenarioError e) {
  std::string where = e.source;
  if (e.line > 0) where += fmt::format(":{}:{}", e.line, e.column);
  e.context.clear();
  if (!e.path.empty()) e.context.push_back(e.path);
  e.context.push_back(std::move(where));
  return e;
}

[[nodiscard]] std::expected<Scenario, ScenarioError> parse(std::string_view text, std::string_view source) {
  ScenarioError error(std::string(source), "");
  // UTF-8 first (codec/utf8.h, the one check every outside text passes): yaml-cpp would
  // otherwise read the bytes as Latin-1 and quote them back garbled.
  if (const auto bad = codec::find_invalid_utf8(text)) {
    const std::string_view before = text.substr(0, bad->offset);
    const std::size_t last_newline = before.rfind('\n');
    error.line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    error.column = static_cast<int>(last_newline == std::string_view::npos
                                        ? bad->offset
                                        : bad->offset - last_newline - 1) + 1;
    error.message = codec::describe(*bad, text);
    return std::unexpected(error);
  }
  // YAML allows no C0 control character but tab, line feed and carriage return (YAML 1.2
  // §5.1), JSON none outside strings and none raw inside them; yaml-cpp would misread a NUL.
  if (const auto c = std::find_if(text.begin(), text.end(),
                                  [](char ch) {
                                    const auto u = static_cast<unsigned char>(ch);
                                    return (u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
                                           u == 0x7f;
                                  });
      c != text.end()) {
    const auto offset = static_cast<std::size_t>(c - text.begin());
    error.line = static_cast<int>(std::count(text.begin(), c, '\n')) + 1;
    const std::size_t last_newline = text.substr(0, offset).rfind('\n');
    error.column =
        static_cast<int>(last_newline == std::string_view::npos ? offset : offset - last_newline - 1) + 1;
    error.message = fmt::format("control character 0x{:02x} at byte offset {}: not allowed in a "
                                "scenario file",
                                static_cast<unsigned char>(*c), offset);
    return std::unexpected(error);
  }
  YAML::Node root;
  try {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') {
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(text.begin(), text.end());
      } catch (const nlohmann::json::exception& e) {
        error.message = fmt::format("not valid JSON: {}", e.what());
        return std::unexpected(error);
      }
      root = from_json(j);
    } else {
      root = YAML::Load(std::string(text));
    }
  } catch (const YAML::Exception& e) {
    error.line = e.mark.line + 1;
    error.column = e.mark.column + 1;
    error.message = fmt::format("not valid YAML: {}", codec::make_valid_utf8(e.msg));
    return std::unexpected(error);
  } catch (const std::exception& e) {  // bad_alloc, length_error: a document too large
    error.message = fmt::format("not read: {}", e.what());
    return std::unexpected(error);
  }
  try {
    Parser p;
    p.document(root);
    if (auto e = validate(p.s)) {
      error.message = *e;
      return std::unexpected(error);
    }
    return std::move(p.s);
  } catch (const Failure& f) {
    error.path = codec::make_valid_utf8(f.path);
    if (f.mark.line >= 0 && !f.mark.is_null()) {
      error.line = f.mark.line + 1;
      error.column = f.mark.column + 1;
    }
    error.message = codec::make_valid_utf8(f.message);
  } catch (const YAML::Exception& e) {  // a node access on a malformed document
    error.message = codec::make_valid_utf8(e.msg);
  } catch (const std::exception& e) {
    error.message = fmt::format("not read: {}", e.what());
  }
  return std::unexpected(error);
}

}  // namespace

std::expected<Scenario, ScenarioError> parse_scenario(std::string_view text, std::string_view source) {
  auto scenario = parse(text, source);
  if (!scenario) return std::unexpected(located(std::move(scenario.error())));
  return scenario;
}

std::expected<Scenario, ScenarioError> load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(located(ScenarioError(path, "cannot open the file")));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace callwatch::sim
