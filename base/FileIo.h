// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace base {

// The small POSIX file helpers that the state directory's writers
// (StateStore, history::HistoryStore) share. Each call blocks on the disk;
// callers run them on the daemon's io_context thread, or in a command-line
// tool. Errors come back as text naming the path and the errno reason.

// "<what> <path>: <strerror(err)>".
std::string errnoText(const std::filesystem::path &path, std::string_view what, int err);

// Writes all of data (retrying short writes and EINTR); the reason on failure.
std::optional<std::string> writeAll(int fd, std::string_view data);

// fsync() of a directory, so that a file created or renamed in it survives a power cut.
std::optional<std::string> fsyncDirectory(const std::filesystem::path &dir);

// Reads path into out (unlike readFile(), which refuses a file over its
// cap, this keeps the newest bytes: the history reads its tail): the whole file, or when it is longer than maxBytes
// only its last maxBytes bytes (*skipped, when given, says how many came
// before them). On failure returns false and sets reason.
bool readTail(const std::filesystem::path &path, std::string &out, std::string &reason, std::size_t maxBytes = SIZE_MAX,
	      std::uint64_t *skipped = nullptr);

} // namespace base
