#include "projections/log_prefetch.h"

#include <time.h>

#include <cstring>

namespace callwatch::projections {

void LogChunk::clear() {
  positions_.clear();
  offsets_.clear();
  sizes_.clear();
  used_words_ = 0;
}

void LogChunk::add(Position p, std::string_view bytes) {
  const std::size_t words = (bytes.size() + 7) / 8;
  if (used_words_ + words > words_.size()) words_.resize(std::max(words_.size() * 2, used_words_ + words + 1024));
  if (!bytes.empty()) std::memcpy(words_.data() + used_words_, bytes.data(), bytes.size());
  positions_.push_back(p);
  offsets_.push_back(used_words_ * 8);
  sizes_.push_back(static_cast<std::uint32_t>(bytes.size()));
  used_words_ += words;
}

LogPrefetcher::LogPrefetcher(const eventstore::EventStore& store, Position from, Position to)
    : chunks_(kChunks) {
  for (auto& c : chunks_) free_.push_back(&c);
  thread_ = std::thread([this, &store, from, to] { run(store, from, to); });
}

LogPrefetcher::~LogPrefetcher() {
  {
    std::lock_guard l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

namespace {
std::chrono::nanoseconds thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds{ts.tv_sec} + std::chrono::nanoseconds{ts.tv_nsec};
}
}  // namespace

void LogPrefetcher::run(const eventstore::EventStore& store, Position from, Position to) {
  const auto cpu0 = thread_cpu();
  auto finish = [&](Status s) {
    std::lock_guard l(mu_);
    reader_cpu_ = thread_cpu() - cpu0;
    status_ = std::move(s);
    done_ = true;
    cv_.notify_all();
  };
  if (from > to) return finish({});
  auto cursor = store.read_all(from);
  if (!cursor) return finish(error("reading the log: " + cursor.error().message));
  while (cursor->valid()) {
    LogChunk* chunk;
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [&] { return stop_ || !free_.empty(); });
      if (stop_) return;
      chunk = free_.front();
      free_.pop_front();
    }
    chunk->clear();
    bool end = false;
    for (; cursor->valid() && chunk->size() < kEventsPerChunk; cursor->next()) {
      const auto& e = cursor->event();
      if (e.position > to) {
        end = true;
        break;
      }
      chunk->add(e.position, e.data);
    }
    {
      std::lock_guard l(mu_);
      full_.push_back(chunk);
    }
    cv_.notify_all();
    if (end) break;
  }
  if (!cursor->status()) return finish(error("reading the log: " + cursor->status().error().message));
  finish({});
}

const LogChunk* LogPrefetcher::next() {
  std::unique_lock l(mu_);
  if (current_) {
    free_.push_back(current_);
    current_ = nullptr;
    cv_.notify_all();
  }
  cv_.wait(l, [&] { return !full_.empty() || done_; });
  if (full_.empty()) return nullptr;
  current_ = full_.front();
  full_.pop_front();
  return current_;
}

Status LogPrefetcher::status() const {
  std::lock_guard l(mu_);
  return status_;
}

std::chrono::nanoseconds LogPrefetcher::reader_cpu() const {
  std::lock_guard l(mu_);
  return reader_cpu_;
}

}  // namespace callwatch::projections
