// Router: method + path pattern -> handler. Patterns are literal segments and `{name}`
// parameters ("/v1/contacts/{id}/transcript"); a parameter matches one non-empty segment.
//
// An unknown path is 404 NOT_FOUND; a known path with another method is 405
// METHOD_NOT_ALLOWED with an `Allow` header listing the methods it has (HEAD is not
// implied). The matched pattern is the route's name (metrics label requests by it, so that
// ids in paths do not make a label per contact).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.h"

namespace callwatch::server {

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // nullptr: `error` holds the 404 or 405 to send
    std::string route;                 // the pattern, or "unmatched"
    Response error;
  };
  // Fills request.params on a match.
  [[nodiscard]] Match match(Request& request) const;

  // Every (method, pattern), in the order added (the OpenAPI test walks them).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// "/a/b/" -> {"a", "b"}; empty segments are dropped only at the end.
[[nodiscard]] std::vector<std::string_view> split_path(std::string_view path);

}  // namespace callwatch::server
