#include "server/router.h"

#include <map>

namespace callwatch::server {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty()) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), std::move(pattern), {}, std::move(handler)};
  for (auto s : split_path(r.pattern)) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(Request& request) const {
  const auto segments = split_path(request.path);
  std::string allow;
  std::string matched_pattern;
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; ok && i < segments.size(); ++i) {
      const std::string& want = r.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        if (segments[i].empty()) ok = false;
        else params[want.substr(1, want.size() - 2)] = std::string(segments[i]);
      } else if (want != segments[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.method == request.method) {
      request.params = std::move(params);
      return Match{&r.handler, r.pattern, {}};
    }
    if (allow.find(r.method) == std::string::npos) {
      if (!allow.empty()) allow += ", ";
      allow += r.method;
    }
    matched_pattern = r.pattern;
  }
  if (!allow.empty()) {
    Response e = error_response(405, "METHOD_NOT_ALLOWED",
                                request.method + " is not allowed on " + matched_pattern + " (allowed: " + allow + ")");
    e.with_header("Allow", allow);
    return Match{nullptr, matched_pattern, std::move(e)};
  }
  return Match{nullptr, "unmatched", error_response(404, "NOT_FOUND", "no route for this path")};
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace callwatch::server
