// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <unistd.h>

namespace restored {

// Owns one file descriptor and closes it on every path out. A plain value
// owned by the function that opened it; not copyable.
struct Fd {
	int fd = -1;
	Fd() = default;
	explicit Fd(int f) : fd(f) {}
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	~Fd()
	{
		if (fd >= 0)
			::close(fd);
	}
};

} // namespace restored
