// SPDX-License-Identifier: Apache-2.0
#include "daemon/DurableFile.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include "daemon/Fd.h"

namespace restored {

std::string errnoText(const std::filesystem::path &path, std::string_view what, int err)
{
	return std::string(what) + " " + path.string() + ": " + std::strerror(err);
}

std::optional<std::string> writeFully(int fd, std::string_view data)
{
	while (!data.empty()) {
		ssize_t n = ::write(fd, data.data(), data.size());
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return std::strerror(errno);
		}
		data.remove_prefix(static_cast<std::size_t>(n));
	}
	return std::nullopt;
}

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

std::optional<std::string> fsyncDirectory(const std::filesystem::path &dir)
{
	Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
	if (d.fd < 0)
		return errnoText(dir, "cannot open directory", errno);
	if (::fsync(d.fd) != 0)
		return errnoText(dir, "cannot fsync directory", errno);
	return std::nullopt;
}

bool readWholeFile(const std::filesystem::path &path, std::string &out, std::string &reason)
{
	Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
	if (f.fd < 0) {
		reason = std::string("cannot open: ") + std::strerror(errno);
		return false;
	}
	char buf[8192];
	for (;;) {
		ssize_t n = ::read(f.fd, buf, sizeof buf);
		if (n == 0)
			return true;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			reason = std::string("cannot read: ") + std::strerror(errno);
			return false;
		}
		out.append(buf, static_cast<std::size_t>(n));
	}
}

} // namespace restored
