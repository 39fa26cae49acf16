// `callwatch apply`: JSON Lines commands in, one JSON result line per command out.
//
// Commands go through the engine: with --data DIR into the durable event store in DIR (a
// second run continues where the first stopped; a command whose commandId was already
// applied answers with its original events), without it in memory. Lines are read in
// batches of whatever the pipe holds, each batch is decided in order and committed in one
// append (group commit), and its result lines are written and flushed only once its events
// are durable (per the store's durability mode): the output is an acknowledgement log a
// caller can follow, and a large file runs at store speed rather than one fsync per line.
// Blank lines are skipped; a line that is not a valid command gets INVALID_COMMAND with its
// line number and processing goes on.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/state_report.h"
#include "app/subcommand.h"
#include "codec/json.h"
#include "engine/engine.h"

namespace callwatch::app {
namespace {

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Reads lines from a file descriptor, handing out every complete line one read() brought:
// from a pipe that is what the writer has sent so far, which makes the batch.
class LineBatcher {
 public:
  explicit LineBatcher(int fd) : fd_(fd) {}

  // Fills `lines` with at least one line unless the input is over; false at the end (or on
  // a read error: see error()).
  bool next(std::vector<std::string>& lines, std::size_t max) {
    lines.clear();
    for (;;) {
      std::size_t nl;
      while (lines.size() < max && (nl = pending_.find('\n', start_)) != std::string::npos) {
        lines.emplace_back(pending_, start_, nl - start_);
        start_ = nl + 1;
      }
      if (!lines.empty()) return true;
      pending_.erase(0, start_);
      start_ = 0;
      if (eof_) {
        if (pending_.empty()) return false;
        lines.push_back(std::move(pending_));
        pending_.clear();
        return true;
      }
      char buffer[1 << 16];
      ssize_t n = ::read(fd_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error_ = std::strerror(errno);
        eof_ = true;
      } else if (n == 0) {
        eof_ = true;
      } else {
        pending_.append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  int fd_;
  std::string pending_;
  std::size_t start_ = 0;
  bool eof_ = false;
  std::string error_;
};

class Apply final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the durable event store (created if missing)");
    app.add_option("--file", file_, "Read commands from this file instead of stdin");
    add_durability_option(app, "With --data: sync (fsync per batch) or wal; default: the store's mode (sync for a new store)");
    app.add_flag("--print-state", print_state_, "After the last command, print the resulting state");
    app.add_flag("--fail-on-reject", fail_on_reject_, "Exit 1 if any command was rejected");
  }

  int run() override {
    int fd = STDIN_FILENO;
    if (!file_.empty()) {
      fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        std::fprintf(stderr, "callwatch apply: cannot open '%s'\n", file_.c_str());
        return 1;
      }
    }
    engine::EngineOptions options;
    if (!data_dir_.empty()) options.data_dir = data_dir_;
    // A new store's genesis takes the time of the first command: replaying a recorded
    // morning gives durations within that morning, not up to today.
    options.genesis_at_first_command = true;
    if (!durability(options.store.durability)) return kExitUsage;
    auto engine = engine::Engine::open(std::move(options));
    if (!engine) {
      std::fprintf(stderr, "callwatch apply: %s\n", engine.error().message.c_str());
      return 1;
    }

    LineBatcher input(fd);
    std::vector<std::string> lines;
    std::vector<Command> commands;
    std::vector<std::size_t> command_of_line;  // per line: index into commands, or npos
    std::vector<codec::OrderedJson> results;
    std::string out;
    std::size_t line_no = 0, accepted = 0, rejected = 0;
    constexpr std::size_t kNoCommand = static_cast<std::size_t>(-1);
    while (input.next(lines, 4096)) {
      commands.clear();
      command_of_line.assign(lines.size(), kNoCommand);
      results.assign(lines.size(), codec::OrderedJson());
      std::vector<bool> skip(lines.size(), false);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        ++line_no;
        if (blank(lines[i])) {
          skip[i] = true;
          continue;
        }
        auto command = codec::parse_command(lines[i]);
        if (!command) {
          command.error().reason = fmt::format("line {}: {}", line_no, command.error().reason);
          results[i] = codec::to_json(command.error());
        } else {
          command_of_line[i] = commands.size();
          commands.push_back(std::move(*command));
        }
      }
      if (!commands.empty()) {
        auto decided = (*engine)->execute_batch(commands);
        if (!decided) {
          // Nothing of this batch is acknowledged: no result lines for it.
          std::fprintf(stderr, "callwatch apply: the store failed: %s\n", decided.error().message.c_str());
          return 1;
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
          if (command_of_line[i] == kNoCommand) continue;
          const Decision& d = (*decided)[command_of_line[i]];
          results[i] = d ? codec::accepted_json(*d) : codec::to_json(d.error());
        }
      }
      out.clear();
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skip[i]) continue;
        (results[i].value("ok", false) ? accepted : rejected) += 1;
        out += codec::json_text(results[i]);
        out += '\n';
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
    }
    if (fd != STDIN_FILENO) ::close(fd);
    if (!input.error().empty()) {
      std::fprintf(stderr, "callwatch apply: read error after line %zu: %s\n", line_no, input.error().c_str());
      return 1;
    }
    if (print_state_) {
      std::fputs(fmt::format("\n{} commands: {} accepted, {} rejected\n\n", accepted + rejected,
                             accepted, rejected)
                     .c_str(),
                 stdout);
      std::fputs(render_state((*engine)->state()).c_str(), stdout);
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
