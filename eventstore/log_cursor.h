// LogCursor: a forward iterator over the global log, bounded by the committed head at the
// time it was created. Zero-copy: event() views the iterator's buffers and is valid until
// next(). This is the replay hot path.
//
//   auto c = store->read_all(1);
//   for (; c->valid(); c->next()) use(c->event());
//   if (!c->status()) ...   // damage found while iterating
#pragma once

#include <memory>

#include "eventstore/error.h"
#include "eventstore/types.h"

#include <rocksdb/iterator.h>
#include <rocksdb/slice.h>
#include <string>

namespace callwatch::eventstore {

struct StoreImpl;

class LogCursor {
 public:
  LogCursor(LogCursor&&) noexcept;
  LogCursor& operator=(LogCursor&&) noexcept;
  ~LogCursor();

  [[nodiscard]] bool valid() const { return valid_; }
  [[nodiscard]] const RecordedEventView& event() const { return event_; }
  void next();
  // Ok, or the damage that stopped the iteration early.
  [[nodiscard]] const Status& status() const { return status_; }
  // The head this cursor stops at.
  [[nodiscard]] Position end() const { return end_; }

 private:
  friend struct StoreImpl;
  LogCursor(std::shared_ptr<const StoreImpl> store, Position from, Position end);
  void load();

  std::shared_ptr<const StoreImpl> store_;
  std::unique_ptr<rocksdb::Iterator> it_;
  Position end_ = 0;
  Position expected_ = 0;
  bool valid_ = false;
  RecordedEventView event_;
  Status status_;
};

}  // namespace callwatch::eventstore
