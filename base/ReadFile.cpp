// SPDX-License-Identifier: Apache-2.0
#include "base/ReadFile.h"

#include <algorithm>
#include <cerrno>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/Fd.h"

namespace base {

std::variant<std::string, ReadFailure> readFile(const std::filesystem::path &path, std::optional<std::size_t> maxBytes)
{
	using Kind = ReadFailure::Kind;
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
	if (!fd.valid())
		return ReadFailure{Kind::Open, errno, 0, 0};
	struct stat st {};
	if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
		return ReadFailure{Kind::NotRegular, 0, st.st_mode, 0};
	const auto size = static_cast<std::size_t>(st.st_size);
	if (maxBytes && size > *maxBytes)
		return ReadFailure{Kind::TooLarge, 0, st.st_mode, size};
	// One byte past the cap is enough to know the file grew over it.
	const std::size_t limit = maxBytes ? *maxBytes + 1 : std::numeric_limits<std::size_t>::max();
	std::string text;
	text.reserve(std::min(size, limit));
	char buf[65536];
	while (text.size() < limit) {
		ssize_t n = ::read(fd.get(), buf, std::min(sizeof buf, limit - text.size()));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ReadFailure{Kind::Read, errno, st.st_mode, 0};
		if (n == 0)
			break;
		text.append(buf, static_cast<std::size_t>(n));
	}
	if (maxBytes && text.size() > *maxBytes)
		return ReadFailure{Kind::TooLarge, 0, st.st_mode, text.size()};
	return text;
}

} // namespace base
