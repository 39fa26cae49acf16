#include "testing/store_access.h"

#include "eventstore/indexer.h"
#include "eventstore/store_impl.h"

namespace callwatch::eventstore {

bool StoreTestAccess::wait_indexed(const EventStore& store, Position position,
                                   std::chrono::milliseconds timeout) {
  const StoreImpl& impl = *store.impl_;
  if (!impl.indexer) return impl.readonly_index.indexed >= position;
  return impl.indexer->wait_indexed(position, timeout);
}

}  // namespace callwatch::eventstore
