// Runs the callwatch binary with input on stdin and collects stdout, stderr and the exit code.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace callwatch::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;

  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// `args` is passed through the shell; tests only use fixed, quoted arguments. `prefix` is
// prepended to the command line: variables ("NAME=value ...") or a bound ("timeout 60").
inline ProcessResult run_callwatch(const std::string& args, const std::string& stdin_text = "",
                                   const std::string& prefix = "") {
  static int counter = 0;
  const std::string base = ::testing::TempDir() + "/cw-run-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++);
  { std::ofstream(base + ".in") << stdin_text; }
  const std::string cmd = prefix + (prefix.empty() ? "" : " ") + CALLWATCH_BIN + " " + args + " <" + base + ".in >" + base +
                          ".out 2>" + base + ".err";
  const int status = std::system(cmd.c_str());
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  return r;
}

}  // namespace callwatch::testing
