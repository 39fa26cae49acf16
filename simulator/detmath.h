// Deterministic elementary functions for the samplers.
//
// libm's log and exp are not correctly rounded and differ in the last bit between C
// libraries; a sampled handle time that rounds to a different millisecond changes the event
// log. These use only +, -, *, / (IEEE-754, correctly rounded; the library is built with
// -ffp-contract=off), frexp and ldexp (exact), so they give the same bits everywhere.
// Accuracy: a few ulp, far below the millisecond resolution of the simulated clock.
#pragma once

namespace callwatch::sim {

// Natural logarithm for x > 0 (finite). Relative error < 4e-16.
[[nodiscard]] double det_log(double x) noexcept;

// e^x; 0 below -745, +infinity above 709.78. Relative error < 4e-16.
[[nodiscard]] double det_exp(double x) noexcept;

// The standard normal quantile Phi^{-1}(p) for p in (0, 1): Acklam's rational approximation,
// relative error < 1.2e-9 (a lognormal handle time of 10,000 s is off by < 0.02 ms).
[[nodiscard]] double normal_quantile(double p) noexcept;

}  // namespace callwatch::sim
