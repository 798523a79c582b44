// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

#include "base/ReadFile.h"

namespace restored::os {

// The POSIX steps beneath StateStore's crash-safe record files that are
// the store's own: swapping a written slot in, and the wording of a record
// that cannot be read. The plain steps (write all, fsync a directory,
// errno text) are base/FileIo's. Stateless; any thread.

// Makes the slot's content the live file (see the .cpp for why it swaps);
// 0, or -1 with errno set, like rename(2).
int publishSlot(const std::filesystem::path &slot, const std::filesystem::path &live);

// Why a record could not be read, in the words of the load report
// (logged as state_corrupt).
std::string unreadable(const base::ReadFailure &f);

} // namespace restored::os
