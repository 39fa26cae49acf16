// `callwatch`: the command line. Subcommands register themselves (see subcommand.h).
//
// The last guard: every throwing library call is wrapped where it is made (DEVELOPERS.md), so
// nothing should reach main; whatever still does (a bug) becomes one line on stderr,
// "callwatch: internal error: ...", and exit code 70 (EX_SOFTWARE), never an abort with a core
// dump and a half-read input. An exception escaping another thread, or a noexcept function,
// ends in std::terminate; the terminate handler gives the same line and code.
//
// Test only: CALLWATCH_TEST_INTERNAL_ERROR=main (or =thread) makes the process throw after
// its command line is parsed, in main (or in a new thread), so a test can show the guard
// works (tests/app/internal_error_test.cpp). No user-facing behaviour depends on it.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/subcommand.h"

namespace callwatch::app {
namespace {
std::vector<SubcommandInfo>& registry() {
  static std::vector<SubcommandInfo> r;
  return r;
}
}  // namespace

bool register_subcommand(SubcommandInfo info) {
  registry().push_back(info);
  return true;
}

std::span<const SubcommandInfo> registered_subcommands() { return registry(); }

}  // namespace callwatch::app

namespace {

constexpr int kInternalError = 70;  // EX_SOFTWARE (sysexits.h)

// One line, whatever the message holds.
void report_internal_error(const char* what) {
  std::string line = "callwatch: internal error: ";
  for (const char* p = what; *p; ++p) line.push_back(*p == '\n' || *p == '\r' ? ' ' : *p);
  line.push_back('\n');
  std::fflush(stdout);
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, line.data(), line.size());
}

[[noreturn]] void on_terminate() {
  const char* what = "std::terminate without an exception";
  std::string text;
  if (const std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      text = x.what();
      what = text.c_str();
    } catch (...) {
      what = "an exception that is not a std::exception";
    }
  }
  report_internal_error(what);
  std::_Exit(kInternalError);
}

void maybe_throw_for_tests() {
  const char* where = std::getenv("CALLWATCH_TEST_INTERNAL_ERROR");
  if (!where) return;
  if (std::string_view(where) == "thread") {
    std::thread([] { throw std::runtime_error("test-only exception in a thread"); }).join();
  }
  throw std::runtime_error("test-only exception in main");
}

int run(int argc, char** argv) {
  using namespace callwatch::app;
  CLI::App root{"callwatch: event-sourced engine for live contact-center supervision"};
  root.require_subcommand(1);
  root.set_version_flag("--version", "callwatch 0.1.0");

  std::vector<SubcommandInfo> infos(registered_subcommands().begin(),
                                    registered_subcommands().end());
  std::sort(infos.begin(), infos.end(),
            [](const SubcommandInfo& a, const SubcommandInfo& b) { return a.name < b.name; });
  std::vector<std::pair<CLI::App*, std::unique_ptr<Subcommand>>> subs;
  for (const auto& info : infos) {
    auto sub = info.make();
    sub->set_name(info.name);
    CLI::App* app = root.add_subcommand(std::string(info.name), std::string(info.help));
    sub->configure(*app);
    subs.emplace_back(app, std::move(sub));
  }

  CLI11_PARSE(root, argc, argv);
  maybe_throw_for_tests();
  for (auto& [app, sub] : subs)
    if (app->parsed()) return sub->run();
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::set_terminate(on_terminate);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    report_internal_error(e.what());
  } catch (...) {
    report_internal_error("an exception that is not a std::exception");
  }
  return kInternalError;
}
