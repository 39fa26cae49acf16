#include <gtest/gtest.h>
#include <fmt/format.h>

#include "simulator/erlang.h"
#include "simulator/simulator.h"

namespace callwatch::sim {
TEST(Smoke, Stationary) {
  StationaryParams p;
  p.hours = 2000;
  auto s = stationary_scenario(p);
  ASSERT_TRUE(s) << s.error();
  auto r = simulate(*s);
  ASSERT_TRUE(r) << r.error();
  fmt::print("{}\n", format_report(*r));
  InMemorySink sink(s->start);
  p.hours = 100;
  p.supervisors = 3;
  s = stationary_scenario(p);
  RunOptions o;
  o.sink = &sink;
  auto r2 = simulate(*s, o);
  ASSERT_TRUE(r2) << r2.error();
  fmt::print("{}\n", format_report(*r2));
}
}  // namespace callwatch::sim
