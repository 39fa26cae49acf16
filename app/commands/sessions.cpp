// `callwatch sessions`: the audit trail of supervision: every monitoring session with its
// start, mode changes, end and end reason, then every search, listen and download of
// recorded conversations (--contact and --supervisor filter those too: the contact, the user).
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/event_codec.h"
#include "codec/json.h"
#include "projections/json.h"
#include "projections/log_queries.h"
#include "projections/open.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Sessions final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the trail as it was then");
    app.add_option("--contact", contact_, "Only sessions on this contact");
    app.add_option("--supervisor", supervisor_, "Only sessions of this supervisor");
    app.add_flag("--open", open_only_, "Only sessions still running");
    app.add_flag("--json", json_, "Print the stable JSON form (docs/projections.md)");
  }

  int run() override {
    using namespace projections;
    std::optional<AsOf> bound;
    if (!as_of_.empty()) {
      auto b = AsOf::parse(as_of_);
      if (!b) return fail("--as-of: " + b.error(), 2);
      bound = *b;
    }
    auto opened = open_caught_up(data_dir_);
    if (!opened) return fail(opened.error().message);
    for (const auto& n : opened->projections->notes()) fmt::print(stderr, "callwatch sessions: {}\n", n);
    const ReadModel& m = opened->projections->model();
    ViewPoint v = view_point(m);
    SessionFilter filter;
    if (!contact_.empty()) filter.contact = contact_;
    if (!supervisor_.empty()) filter.supervisor = supervisor_;
    filter.open_only = open_only_;
    if (bound) {
      auto pos = resolve(*opened->store, *bound);
      if (!pos) return fail(pos.error().message);
      filter.as_of = *pos;
      v.position = std::min(*pos, v.position);
      if (const Timestamp* t = std::get_if<Timestamp>(&bound->bound)) {
        v.now = *t;
      } else if (v.position > 0) {
        auto e = opened->store->read_event(v.position);
        if (e && *e)
          if (auto h = codec::decode_header((**e).data)) v.now = h->at;
      }
    }
    auto trail = opened->projections->audit_trail(filter);
    if (!trail) return fail(trail.error().message);
    if (json_) fmt::print("{}\n", codec::json_text(sessions_json(v, trail->sessions, trail->accesses)));
    else fmt::print("{}", render_sessions(v, trail->sessions, trail->accesses));
    return 0;
  }

 private:
  std::string data_dir_, as_of_, contact_, supervisor_;
  bool open_only_ = false, json_ = false;
};

CALLWATCH_SUBCOMMAND(Sessions, "sessions", "Audit trail of supervision sessions: who listened to what, when");

}  // namespace
}  // namespace callwatch::app
