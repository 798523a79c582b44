// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace base {

// Owns one file descriptor and closes it on every path out. Owned by the
// function or object that opened the descriptor; moves, never copies, so
// exactly one owner closes it. Not thread-safe (no descriptor is shared).
class Fd
{
public:
	Fd() = default;
	explicit Fd(int fd) : fd_(fd) {}
	Fd(Fd &&other) noexcept : fd_(other.release()) {}
	Fd &operator=(Fd &&other) noexcept;
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	~Fd() { reset(); }

	int get() const { return fd_; }
	bool valid() const { return fd_ >= 0; }
	// Closes the descriptor held so far, then owns fd.
	void reset(int fd = -1);
	// Gives the descriptor up without closing it.
	int release();

private:
	int fd_ = -1;
};

} // namespace base
