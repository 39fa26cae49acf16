#include "eventstore/type_dictionary.h"

#include <fmt/format.h>

#include "eventstore/format.h"

namespace callwatch::eventstore {

TypeDictionary::TypeDictionary() : names_(new std::atomic<const std::string*>[kMaxTypes]) {
  for (std::uint32_t i = 0; i < kMaxTypes; ++i) names_[i].store(nullptr, std::memory_order_relaxed);
}

void TypeDictionary::publish(std::uint32_t code, std::string_view type) {
  storage_.emplace_back(type);
  codes_.emplace(storage_.back(), code);
  names_[code].store(&storage_.back(), std::memory_order_release);
  if (code >= next_) next_ = code + 1;
}

std::uint32_t TypeDictionary::code(std::string_view type, rocksdb::WriteBatch& batch,
                                   rocksdb::ColumnFamilyHandle* meta_cf) {
  // Cheap slot choice: length and the bytes at both ends tell callwatch's types apart.
  std::size_t slot = type.size();
  if (!type.empty()) slot = slot * 31 + static_cast<unsigned char>(type.back()) * 7 +
                            static_cast<unsigned char>(type[type.size() / 2]);
  CacheEntry& entry = cache_[slot % kCache];
  if (entry.code != 0 && entry.name == type) return entry.code;
  std::uint32_t c = 0;
  if (auto it = codes_.find(type); it != codes_.end()) {
    c = it->second;
  } else {
    if (next_ >= kMaxTypes) return 0;
    c = next_;
    publish(c, type);
    batch.Put(meta_cf, format::type_key(c), type);
  }
  entry = CacheEntry{*names_[c].load(std::memory_order_relaxed), c};
  return c;
}

Status TypeDictionary::load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta_cf) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), meta_cf));
  const std::string prefix(format::kTypeKeyPrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    key.remove_prefix(prefix.size());
    std::uint64_t code = 0;
    if (!format::get_varint(key, code) || !key.empty() || code == 0 || code >= kMaxTypes ||
        name(code) != nullptr)
      return store_error(StoreErrorCode::Corruption, "damaged event type dictionary");
    publish(static_cast<std::uint32_t>(code), std::string_view(it->value().data(), it->value().size()));
  }
  if (!it->status().ok())
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("reading the event type dictionary: {}", it->status().ToString()));
  return {};
}

}  // namespace callwatch::eventstore
