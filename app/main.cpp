// `callwatch`: the command line. Subcommands register themselves (see subcommand.h).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
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

int main(int argc, char** argv) {
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
  for (auto& [app, sub] : subs)
    if (app->parsed()) return sub->run();
  return 2;
}
