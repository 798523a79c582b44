// SPDX-License-Identifier: Apache-2.0
#include "base/Fd.h"

#include <unistd.h>

namespace base {

Fd &Fd::operator=(Fd &&other) noexcept
{
	if (this != &other)
		reset(other.release());
	return *this;
}

void Fd::reset(int fd)
{
	// close() is not retried on EINTR: on Linux the descriptor is gone
	// either way, and a retry could close one another thread just opened.
	if (fd_ >= 0)
		::close(fd_);
	fd_ = fd;
}

int Fd::release()
{
	int fd = fd_;
	fd_ = -1;
	return fd;
}

} // namespace base
