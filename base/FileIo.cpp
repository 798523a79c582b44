// SPDX-License-Identifier: Apache-2.0
#include "base/FileIo.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/Fd.h"

namespace base {

std::string errnoText(const std::filesystem::path &path, std::string_view what, int err)
{
	return std::string(what) + " " + path.string() + ": " + std::strerror(err);
}

std::optional<std::string> writeAll(int fd, std::string_view data)
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

std::optional<std::string> fsyncDirectory(const std::filesystem::path &dir)
{
	Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	if (!d.valid())
		return errnoText(dir, "cannot open directory", errno);
	if (::fsync(d.get()) != 0)
		return errnoText(dir, "cannot fsync directory", errno);
	return std::nullopt;
}

bool readTail(const std::filesystem::path &path, std::string &out, std::string &reason, std::size_t maxBytes,
	      std::uint64_t *skipped)
{
	Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
	if (!f.valid()) {
		reason = std::string("cannot open: ") + std::strerror(errno);
		return false;
	}
	if (skipped)
		*skipped = 0;
	struct stat st {};
	if (maxBytes != SIZE_MAX && ::fstat(f.get(), &st) == 0 && std::uint64_t(st.st_size) > maxBytes) {
		off_t from = st.st_size - off_t(maxBytes);
		if (::lseek(f.get(), from, SEEK_SET) == from && skipped)
			*skipped = std::uint64_t(from);
	}
	char buf[8192];
	while (out.size() < maxBytes) {
		ssize_t n = ::read(f.get(), buf, std::min(sizeof buf, maxBytes - out.size()));
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
	return true;
}

} // namespace base
