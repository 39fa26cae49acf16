// The formulas the validation relies on, against published values.
#include <gtest/gtest.h>

#include <cmath>

#include "simulator/erlang.h"

namespace callwatch::sim {

TEST(ErlangFormulas, ErlangCTextbookValues) {
  // 200 calls/h, AHT 180 s: A = 10 erlangs.
  EXPECT_NEAR(erlang_c(11, 10), 0.682, 0.0005);
  EXPECT_NEAR(erlang_c_service_level(11, 10, 180, 20), 0.390, 0.0005);
  EXPECT_NEAR(erlang_c_asa(11, 10, 180), 122.8, 0.05);
  EXPECT_NEAR(erlang_c(14, 10), 0.174, 0.0005);
  EXPECT_NEAR(erlang_c_service_level(14, 10, 180, 20), 0.888, 0.0005);
  EXPECT_NEAR(erlang_c_asa(14, 10, 180), 7.8, 0.05);
}

TEST(ErlangFormulas, ErlangCEdges) {
  EXPECT_DOUBLE_EQ(erlang_c(10, 10), 1.0);
  EXPECT_DOUBLE_EQ(erlang_c_service_level(10, 12, 180, 20), 0.0);
  EXPECT_TRUE(std::isinf(erlang_c_asa(10, 10, 180)));
  EXPECT_NEAR(erlang_b(1, 1), 0.5, 1e-12);
  // Large centers: the recursion stays finite.
  EXPECT_GT(erlang_c(5000, 4900), 0.0);
  EXPECT_LT(erlang_c(5000, 4900), 1.0);
}

TEST(ErlangFormulas, ErlangATextbookValues) {
  // 100 calls per 30 min, AHT 180 s, mean patience 300 s, 14 agents.
  const ErlangA a = erlang_a(14, 200.0 / 3600, 180, 300);
  EXPECT_NEAR(a.p_wait, 0.145, 0.0005);
  EXPECT_NEAR(a.p_abandon, 0.0140, 0.00005);
}

TEST(ErlangFormulas, ErlangATendsToErlangCAsPatienceGrows) {
  const ErlangA a = erlang_a(14, 200.0 / 3600, 180, 1e9);
  EXPECT_NEAR(a.p_wait, erlang_c(14, 10), 1e-4);
  EXPECT_NEAR(a.occupancy, 10.0 / 14, 1e-4);
}

TEST(ErlangFormulas, ErlangAHandlesOverloadAndLargeCenters) {
  const ErlangA over = erlang_a(20, 22.0 / 180, 180, 300);
  EXPECT_GT(over.p_abandon, 0.09);  // at least the excess load must leave
  EXPECT_LT(over.p_abandon, 0.2);
  const ErlangA big = erlang_a(5000, 4900.0 / 180, 180, 300);  // log space: no overflow
  EXPECT_GT(big.p_wait, 0.0);
  EXPECT_LT(big.p_wait, 1.0);
}

TEST(ErlangFormulas, StationaryTheoryPicksTheModel) {
  StationaryParams p;
  auto c = stationary_theory(p);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->model, "Erlang C");
  EXPECT_TRUE(c->exact);
  p.patience_seconds = 300;
  p.lognormal = true;
  auto a = stationary_theory(p);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->model, "Erlang A");
  EXPECT_FALSE(a->exact);
  p.patience_seconds.reset();
  p.arrivals_per_hour = 400;  // 20 erlangs on 14 agents: no steady state without abandonment
  EXPECT_FALSE(stationary_theory(p));
}

}  // namespace callwatch::sim
