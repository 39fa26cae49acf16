// TempDir: a fresh, empty directory under the system's temporary directory, removed with
// everything in it when the TempDir goes away. Tests make their stores in one.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace callwatch::testkit {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "callwatch-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();  // no temporary directory: no test
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  // path()/name: a place inside it (not created).
  [[nodiscard]] std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace callwatch::testkit
