// `callwatch can USER monitor|barge CONTACT`: may USER start supervising CONTACT now? Prints
// yes, or no with the rejection code and reason: the answer of domain check_monitor(), the
// rule decide() applies. `callwatch can USER` lists USER's permissions and the profiles they
// come from; `--holders` lists, for every permission, who holds it.
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/json.h"
#include "projections/history.h"
#include "projections/json.h"
#include "projections/log_queries.h"
#include "projections/open.h"
#include "projections/permissions.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Can final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("user", user_, "The user asking");
    app.add_option("action", action_, "monitor or barge")->check(CLI::IsMember({"monitor", "barge"}));
    app.add_option("contact", contact_, "The contact");
    app.add_flag("--holders", holders_, "List every permission with the users holding it");
    app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the answer as it was then");
    app.add_flag("--json", json_, "Print the stable JSON form (docs/projections.md)");
  }

  int run() override {
    using namespace projections;
    if (!holders_ && user_.empty()) return fail("give USER [monitor|barge CONTACT], or --holders", 2);
    if (!action_.empty() && contact_.empty()) return fail("which contact? USER " + action_ + " CONTACT", 2);
    std::optional<AsOf> bound;
    if (!as_of_.empty()) {
      auto b = AsOf::parse(as_of_);
      if (!b) return fail("--as-of: " + b.error(), 2);
      bound = *b;
    }
    // Now: the projections caught up. As of an earlier point: a model folded up to it.
    std::unique_ptr<eventstore::EventStore> store;
    std::optional<CaughtUp> opened;
    std::optional<ModelAsOf> past;
    if (bound) {
      auto s = open_store_for_reading(data_dir_);
      if (!s) return fail(s.error().message);
      store = std::move(*s);
      auto m = model_as_of(*store, *bound, {});
      if (!m) return fail(m.error().message);
      past = std::move(*m);
    } else {
      auto o = open_caught_up(data_dir_);
      if (!o) return fail(o.error().message);
      opened = std::move(*o);
      for (const auto& n : opened->projections->notes()) fmt::print(stderr, "callwatch can: {}\n", n);
    }
    const ReadModel& m = past ? past->model : opened->projections->model();
    const eventstore::EventStore& log = past ? *store : *opened->store;
    const Position position = past ? past->position : opened->projections->position();

    if (holders_) {
      const auto rows = permission_holders(m);
      if (json_) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : rows) out.push_back(to_json(r));
        fmt::print("{}\n", codec::json_text(nlohmann::json{{"holders", out}}));
      } else {
        fmt::print("{}", render_permission_holders(rows));
      }
      return 0;
    }
    if (action_.empty()) {
      std::vector<UserPermissionsRow> rows;
      for (auto& r : user_permissions(m))
        if (r.user == user_) rows.push_back(std::move(r));
      if (rows.empty()) return fail(fmt::format("unknown user '{}'", user_));
      if (json_) fmt::print("{}\n", codec::json_text(to_json(rows[0])));
      else fmt::print("{}", render_user_permissions(rows));
      return 0;
    }

    // A contact that has finished is no longer in memory: its final state comes from its
    // history in the store.
    std::optional<ContactState> finished;
    if (m.find_contact(contact_) == kNone) {
      auto events = contact_events(log, contact_, position);
      if (!events) return fail(events.error().message);
      finished = fold_contact(contact_, *events);
    }
    const MonitorMode mode = action_ == "barge" ? MonitorMode::Barge : MonitorMode::Silent;
    const auto no = can_monitor(m, UserId{user_}, ContactId{contact_}, mode, finished ? &*finished : nullptr);
    if (json_) fmt::print("{}\n", codec::json_text(can_json(user_, contact_, mode, no)));
    else if (!no) fmt::print("yes\n");
    else fmt::print("no: {}: {}\n", to_string(no->code), no->reason);
    return 0;
  }

 private:
  std::string data_dir_, user_, action_, contact_, as_of_;
  bool holders_ = false, json_ = false;
};

CALLWATCH_SUBCOMMAND(Can, "can", "May USER monitor or barge CONTACT now, and if not, why; or USER's permissions");

}  // namespace
}  // namespace callwatch::app
