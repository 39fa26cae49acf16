// `callwatch serve --data DIR [--listen HOST:PORT]`: the HTTP API (server/). Prints the
// bound URL alone on stdout's first line (port 0 picks a free port: tests read it), then
// serves until SIGTERM or SIGINT, which drain in-flight requests and close the store.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdio>

#include "app/subcommand.h"
#include "server/server.h"

namespace callwatch::app {
namespace {

class Serve final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store (created if missing)")->required();
    app.add_option("--listen", listen_, "HOST:PORT to listen on (loopback by default; port 0: any free port)");
    app.add_option("--threads", threads_, "I/O threads")->check(CLI::Range(1, 64));
    app.add_option("--read-timeout-ms", read_timeout_ms_, "A request must arrive within this (slow clients are cut off)")
        ->check(CLI::Range(10, 600'000));
    app.add_option("--max-connections", max_connections_, "Connections at once (more get 503)")->check(CLI::Range(1, 1'000'000));
    add_durability_option(app, "sync (fsync per batch) or wal; default: the store's mode (sync for a new store)");
  }

  int run() override {
    server::ServerOptions o;
    o.data_dir = data_dir_;
    if (!durability(o.durability)) return kExitUsage;
    const auto colon = listen_.rfind(':');
    if (colon == std::string::npos) return fail("--listen must be HOST:PORT", kExitUsage);
    o.http.host = listen_.substr(0, colon);
    if (o.http.host.size() > 2 && o.http.host.front() == '[' && o.http.host.back() == ']')
      o.http.host = o.http.host.substr(1, o.http.host.size() - 2);
    const std::string port = listen_.substr(colon + 1);
    unsigned p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc{} || end != port.data() + port.size() || p > 65535)
      return fail("--listen: the port must be 0..65535", kExitUsage);
    o.http.port = static_cast<std::uint16_t>(p);
    o.http.io_threads = threads_;
    o.http.read_timeout = std::chrono::milliseconds{read_timeout_ms_};
    o.http.max_connections = max_connections_;

    // Signals go to this thread only (sigwait below); every thread started later inherits the mask.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    auto server = server::CallwatchServer::start(std::move(o));
    if (!server) return fail(server.error());
    std::fprintf(stdout, "%s\n", (*server)->url().c_str());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    std::fprintf(stderr, "callwatch serve: %s: draining\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    (*server)->stop();
    std::fprintf(stderr, "callwatch serve: stopped\n");
    return 0;
  }

 private:
  std::string data_dir_, listen_ = "127.0.0.1:8080";
  int threads_ = 2;
  int read_timeout_ms_ = 10'000;
  std::size_t max_connections_ = 2048;
};

CALLWATCH_SUBCOMMAND(Serve, "serve", "Serve the HTTP API: commands, read models, live feed, metrics");

}  // namespace
}  // namespace callwatch::app
