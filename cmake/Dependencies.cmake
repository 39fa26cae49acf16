# Every dependency is a Debian 12 package; ./dev installs them (see README, "Dependencies").
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(CapnProto REQUIRED)
find_package(RocksDB QUIET CONFIG)
find_package(GTest REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
# zlib (zlib1g-dev): `callwatch import` reads gzipped Amazon Connect exports (connectors/record_file.h).
find_package(ZLIB REQUIRED)
if(CALLWATCH_BENCH)
  find_package(benchmark REQUIRED)
endif()
find_package(Threads REQUIRED)
# OpenSSL's libcrypto: SHA-256 and constant-time comparison of API token secrets (server/).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)

# Debian's RocksDB ships a CMake config on some releases and only pkg-config on others.
if(NOT TARGET RocksDB::rocksdb)
  pkg_check_modules(ROCKSDB REQUIRED IMPORTED_TARGET rocksdb)
  add_library(RocksDB::rocksdb ALIAS PkgConfig::ROCKSDB)
endif()
# absl: the decision state's flat hash maps (domain/state.h).
find_package(absl REQUIRED CONFIG)
