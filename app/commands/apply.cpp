// `callwatch apply`: JSON Lines commands in, one JSON result line per command out.
//
// Each result line is written and flushed as soon as its command is decided, so the output
// is an acknowledgement log a caller can follow. Blank lines are skipped; a line that is not
// a valid command gets INVALID_COMMAND with its line number and processing goes on.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "app/state_report.h"
#include "app/subcommand.h"
#include "codec/json.h"
#include "domain/decide.h"
#include "domain/evolve.h"

namespace callwatch::app {
namespace {

Timestamp wall_clock() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

class Apply final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of a durable store (not available yet)");
    app.add_option("--file", file_, "Read commands from this file instead of stdin");
    app.add_flag("--print-state", print_state_, "After the last command, print the resulting state");
    app.add_flag("--fail-on-reject", fail_on_reject_, "Exit 1 if any command was rejected");
  }

  int run() override {
    if (!data_dir_.empty()) {
      std::fprintf(stderr,
                   "callwatch apply: --data needs the durable event store, which this build does "
                   "not have yet; run without --data to keep state in memory\n");
      return 2;
    }
    std::ifstream file;
    std::istream* in = &std::cin;
    if (!file_.empty()) {
      file.open(file_);
      if (!file) {
        std::fprintf(stderr, "callwatch apply: cannot open '%s'\n", file_.c_str());
        return 1;
      }
      in = &file;
    }

    State state;
    for (const auto& e : instance_genesis(wall_clock())) evolve(state, e);

    std::string line;
    std::size_t line_no = 0, accepted = 0, rejected = 0;
    while (std::getline(*in, line)) {
      ++line_no;
      if (blank(line)) continue;
      codec::OrderedJson result;
      auto command = codec::parse_command(line);
      if (!command) {
        command.error().reason = fmt::format("line {}: {}", line_no, command.error().reason);
        result = codec::to_json(command.error());
      } else {
        if (!command->at) command->at = wall_clock();
        Decision d = decide(state, *command);
        if (d) {
          for (const auto& e : *d) evolve(state, e);
          result = codec::accepted_json(*d);
        } else {
          result = codec::to_json(d.error());
        }
      }
      (result.value("ok", false) ? accepted : rejected) += 1;
      std::fputs(result.dump().c_str(), stdout);
      std::fputc('\n', stdout);
      std::fflush(stdout);
    }
    if (in->bad()) {
      std::fprintf(stderr, "callwatch apply: read error after line %zu\n", line_no);
      return 1;
    }
    if (print_state_) {
      std::fputs(fmt::format("\n{} commands: {} accepted, {} rejected\n\n", accepted + rejected,
                             accepted, rejected)
                     .c_str(),
                 stdout);
      std::fputs(render_state(state).c_str(), stdout);
    }
    return fail_on_reject_ && rejected > 0 ? 1 : 0;
  }

 private:
  std::string data_dir_;
  std::string file_;
  bool print_state_ = false;
  bool fail_on_reject_ = false;
};

CALLWATCH_SUBCOMMAND(Apply, "apply", "Apply JSON Lines commands and print one result line each");

}  // namespace
}  // namespace callwatch::app
