// The last guard of app/main.cpp: an exception that escapes (a bug) becomes one line on
// stderr and exit code 70, never an abort. The test-only CALLWATCH_TEST_INTERNAL_ERROR makes
// the process throw, in main and in a thread of its own.
#include <gtest/gtest.h>

#include <string>

#include "tests/app/run_process.h"

namespace callwatch::testing {
namespace {

TEST(InternalError, AnExceptionInMainIsOneLineAndExitCode70) {
  auto r = run_callwatch("apply", "", "CALLWATCH_TEST_INTERNAL_ERROR=main");
  EXPECT_EQ(r.exit_code, 70) << r.err;
  EXPECT_EQ(r.err, "callwatch: internal error: test-only exception in main\n");
}

TEST(InternalError, AnExceptionInAThreadIsOneLineAndExitCode70) {
  auto r = run_callwatch("apply", "", "CALLWATCH_TEST_INTERNAL_ERROR=thread");
  EXPECT_EQ(r.exit_code, 70) << r.err;
  EXPECT_EQ(r.err, "callwatch: internal error: test-only exception in a thread\n");
}

TEST(InternalError, WithoutTheVariableNothingIsThrown) {
  auto r = run_callwatch("apply", "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace callwatch::testing
