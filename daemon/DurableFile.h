// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace restored {

// The POSIX steps beneath StateStore's crash-safe record files: write all
// of a buffer, swap a written slot in, fsync a directory, read a file back.
// Each reports failure as text naming the path and errno's reason, which
// the store passes on unchanged (it is logged as state_write_failed or
// state_corrupt). Stateless; any thread.

// "<what> <path>: <strerror(err)>"
std::string errnoText(const std::filesystem::path &path, std::string_view what, int err);

// Writes all of `data` to fd, retrying short writes and EINTR; the
// strerror text on failure.
std::optional<std::string> writeFully(int fd, std::string_view data);

// Makes the slot's content the live file (see the .cpp for why it swaps);
// 0, or -1 with errno set, like rename(2).
int publishSlot(const std::filesystem::path &slot, const std::filesystem::path &live);

// fsync(2) of a directory, so that a rename in it survives a power cut.
std::optional<std::string> fsyncDirectory(const std::filesystem::path &dir);

// Reads a whole file into out; on failure returns false and sets reason.
bool readWholeFile(const std::filesystem::path &path, std::string &out, std::string &reason);

} // namespace restored
