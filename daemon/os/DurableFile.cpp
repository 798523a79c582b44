// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/DurableFile.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace restored::os {

// Makes the slot's record the live one. RENAME_EXCHANGE swaps the two
// names, so neither inode is freed nor a new one needed at the next save:
// on ext4 without a journal, allocating an inode right after thousands were
// freed scans them all (bench/RESULTS.md). Where the target does not exist
// yet, or the filesystem cannot exchange, a plain rename does.
int publishSlot(const std::filesystem::path &slot, const std::filesystem::path &live)
{
	if (::renameat2(AT_FDCWD, slot.c_str(), AT_FDCWD, live.c_str(), RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != ENOENT && errno != EINVAL && errno != ENOSYS)
		return -1;
	return ::rename(slot.c_str(), live.c_str());
}

std::string unreadable(const base::ReadFailure &f)
{
	using Kind = base::ReadFailure::Kind;
	if (f.kind == Kind::Open)
		return std::string("cannot open: ") + std::strerror(f.err);
	// A directory under a record's name: what read() would say of it.
	if (f.kind == Kind::NotRegular)
		return std::string("cannot read: ") + (S_ISDIR(f.mode) ? std::strerror(EISDIR) : "not a regular file");
	return std::string("cannot read: ") + std::strerror(f.err);
}

} // namespace restored::os
