// `callwatch history CONTACT`: the full timeline of one contact (flow, recording, queue,
// agent, messages with their visibility, holds, supervisors joining and leaving, end), or with
// --transcript what the customer of a chat saw.
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/json.h"
#include "projections/json.h"
#include "projections/log_queries.h"
#include "projections/open.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class History final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("contact", contact_, "The contact id")->required();
    app.add_flag("--transcript", transcript_, "Only what the customer saw (chats)");
    app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the history up to then");
    app.add_flag("--json", json_, "Print the stable JSON form (docs/projections.md)");
  }

  int run() override {
    using namespace projections;
    auto store = open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    Position upto = std::numeric_limits<Position>::max();
    if (!as_of_.empty()) {
      auto bound = AsOf::parse(as_of_);
      if (!bound) return fail("--as-of: " + bound.error(), 2);
      auto pos = resolve(**store, *bound);
      if (!pos) return fail(pos.error().message);
      upto = *pos;
    }
    auto events = contact_events(**store, contact_, upto);
    if (!events) return fail(events.error().message);
    auto history = build_history(contact_, *events);
    if (!history) return fail(history.error());
    if (transcript_ && history->channel != Channel::Chat)
      return fail(fmt::format("contact {} is a call: transcripts are for chats", contact_));
    if (json_) fmt::print("{}\n", codec::json_text(history_json(*history, transcript_)));
    else fmt::print("{}", render_history(*history, transcript_));
    return 0;
  }

 private:
  std::string data_dir_, contact_, as_of_;
  bool transcript_ = false, json_ = false;
};

CALLWATCH_SUBCOMMAND(History, "history", "Timeline of one contact, or the transcript its customer saw");

}  // namespace
}  // namespace callwatch::app
