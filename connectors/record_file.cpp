#include "connectors/record_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "codec/utf8.h"
#include "connectors/connect_translator.h"

namespace callwatch::connectors {

Result<std::unique_ptr<RecordFile>> RecordFile::open(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return connector_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  gzbuffer(f, 1 << 17);
  return std::unique_ptr<RecordFile>(new RecordFile(path, f));
}

RecordFile::~RecordFile() { gzclose(file_); }

Result<bool> RecordFile::fill() {
  if (eof_) return false;
  // Keep the unread tail; read more after it.
  base_ += pos_;
  buf_.erase(0, pos_);
  pos_ = 0;
  const std::size_t old = buf_.size();
  buf_.resize(old + (1 << 16));
  const int n = gzread(file_, buf_.data() + old, static_cast<unsigned>(1 << 16));
  if (n < 0) {
    int code = 0;
    std::string msg = gzerror(file_, &code);
    buf_.resize(old);
    if (msg.starts_with(path_ + ": ")) msg.erase(0, path_.size() + 2);  // zlib prefixes the path
    if (code == Z_BUF_ERROR)
      return connector_error(fmt::format("{}: truncated gzip stream ({}) after byte {}", path_, msg, base_ + old));
    return connector_error(fmt::format("{}: corrupt gzip stream after byte {}: {}", path_, base_ + old, msg));
  }
  buf_.resize(old + static_cast<std::size_t>(n));
  if (n == 0) {
    int code = 0;
    const char* msg = gzerror(file_, &code);
    // gzread reports a gzip stream cut short as an end with Z_BUF_ERROR set.
    if (code == Z_BUF_ERROR)
      return connector_error(fmt::format("{}: truncated gzip stream (unexpected end of file) after byte {}", path_,
                                         base_ + old));
    if (code != Z_OK && code != Z_STREAM_END)
      return connector_error(fmt::format("{}: corrupt gzip stream after byte {}: {}", path_, base_ + old,
                                         msg ? msg : "read error"));
    eof_ = true;
    return false;
  }
  return true;
}

Result<bool> RecordFile::next(std::string& out) {
  // Skip whitespace between records.
  for (;;) {
    while (pos_ < buf_.size() && (buf_[pos_] == ' ' || buf_[pos_] == '\n' || buf_[pos_] == '\r' || buf_[pos_] == '\t'))
      ++pos_;
    if (pos_ < buf_.size()) break;
    auto more = fill();
    if (!more) return std::unexpected(more.error());
    if (!*more) {
      consumed_ = base_ + pos_;
      return false;
    }
  }
  const std::uint64_t start = base_ + pos_;
  if (buf_[pos_] != '{')
    return connector_error(fmt::format("{}: at byte {}: expected a JSON object ('{{'), found {}", path_, start,
                                       fmt::format("byte 0x{:02x}", static_cast<unsigned char>(buf_[pos_]))));
  int depth = 0;
  bool in_string = false, escape = false;
  enum { None, Slash, Line, Block, BlockStar } comment = None;
  std::size_t i = pos_;
  for (;;) {
    if (i == buf_.size()) {
      if (i - pos_ > kMaxConnectRecordBytes)
        return connector_error(fmt::format("{}: the record at byte {} is longer than {} bytes", path_, start,
                                           kMaxConnectRecordBytes));
      const std::size_t done = i - pos_;
      auto more = fill();  // moves the record to the front of buf_
      if (!more) return std::unexpected(more.error());
      if (!*more)
        return connector_error(fmt::format("{}: the record at byte {} is not closed at the end of the file", path_,
                                           start));
      i = pos_ + done;
      continue;
    }
    const char c = buf_[i++];
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (comment) {
      case Slash:
        comment = c == '/' ? Line : c == '*' ? Block : None;
        continue;
      case Line:
        if (c == '\n') comment = None;
        continue;
      case Block:
        if (c == '*') comment = BlockStar;
        continue;
      case BlockStar:
        comment = c == '/' ? None : c == '*' ? BlockStar : Block;
        continue;
      case None: break;
    }
    if (c == '"') in_string = true;
    else if (c == '/') comment = Slash;
    else if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (--depth == 0) break;
    }
  }
  if (i - pos_ > kMaxConnectRecordBytes)
    return connector_error(
        fmt::format("{}: the record at byte {} is longer than {} bytes", path_, start, kMaxConnectRecordBytes));
  out.assign(buf_, pos_, i - pos_);
  if (auto bad = codec::find_invalid_utf8(out))
    return connector_error(fmt::format("{}: the record at byte {}: {}", path_, start, codec::describe(*bad, out)));
  pos_ = i;
  consumed_ = base_ + pos_;
  ++records_;
  return true;
}

}  // namespace callwatch::connectors
