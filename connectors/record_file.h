// Records from a file: JSON Lines or concatenated JSON objects (a Firehose export), gzipped
// or not (zlib's gzread reads both, and gzip files of several members). Each record is one
// top-level JSON object's text, split by brace depth outside strings and comments, so a
// record may span lines and several may share one.
//
// A file that is not a clean sequence of records is an error naming the file and the byte
// offset (of the decompressed text): a truncated or corrupt gzip stream, bytes that are not
// UTF-8, a record longer than kMaxConnectRecordBytes, text between records that is not
// whitespace, an object left open at the end. `callwatch import` checks every file this way
// before it writes anything.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>

#include "connectors/error.h"

namespace callwatch::connectors {

class RecordFile {
 public:
  [[nodiscard]] static Result<std::unique_ptr<RecordFile>> open(const std::string& path);
  ~RecordFile();
  RecordFile(const RecordFile&) = delete;
  RecordFile& operator=(const RecordFile&) = delete;

  // The next record into `out`: true, or false at the clean end of the file.
  [[nodiscard]] Result<bool> next(std::string& out);
  // Decompressed bytes consumed so far, and records returned.
  [[nodiscard]] std::uint64_t offset() const { return consumed_; }
  [[nodiscard]] std::uint64_t records() const { return records_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  RecordFile(std::string path, gzFile f) : path_(std::move(path)), file_(f) {}
  [[nodiscard]] Result<bool> fill();  // false at the end of input

  std::string path_;
  gzFile file_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;  // offset of buf_[0] plus pos_
  std::uint64_t base_ = 0;      // offset of buf_[0]
  std::uint64_t records_ = 0;
  bool eof_ = false;
};

}  // namespace callwatch::connectors
