// The shape the real-time tables share (`agents`, `queues`, `conversations`): --data,
// --as-of, --json; the read model caught up with the log (or rebuilt as of a past point),
// then one view of it printed. A table subclass only says which view and how to print it.
#pragma once

#include <string>

#include "app/subcommand.h"
#include "projections/log_queries.h"
#include "projections/views.h"

namespace callwatch::app {

class ReadModelTable : public Subcommand {
 public:
  void configure(CLI::App& app) final;
  [[nodiscard]] int run() final;

 protected:
  // Options beyond the shared three.
  virtual void configure_table(CLI::App&) {}
  // Prints the view of `model` at `at`, as a table or (json_) as its stable JSON form.
  virtual void print(const projections::ReadModel& model, const projections::ViewPoint& at) = 0;

  bool json_ = false;

 private:
  std::string data_dir_, as_of_;
};

}  // namespace callwatch::app
