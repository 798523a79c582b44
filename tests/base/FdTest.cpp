// SPDX-License-Identifier: Apache-2.0
// Fd: exactly one owner closes the descriptor; a move hands it over, a
// move-assignment closes the one held before, release() gives it up.
#include "base/Fd.h"

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace {

TEST(Fd, ClosesOnDestructionAndMovesOwnership)
{
	int fds[2];
	ASSERT_EQ(::pipe(fds), 0);
	::close(fds[1]);
	base::Fd a(fds[0]);
	EXPECT_TRUE(a.valid());

	base::Fd b(std::move(a));
	EXPECT_FALSE(a.valid());
	EXPECT_EQ(a.get(), -1);
	EXPECT_EQ(b.get(), fds[0]);

	base::Fd c;
	c = std::move(b);
	EXPECT_FALSE(b.valid());
	EXPECT_EQ(c.get(), fds[0]);
	EXPECT_NE(::fcntl(fds[0], F_GETFD), -1) << "still open while owned";

	c.reset();
	EXPECT_FALSE(c.valid());
	EXPECT_EQ(::fcntl(fds[0], F_GETFD), -1);
	EXPECT_EQ(errno, EBADF);
}

TEST(Fd, MoveAssignmentClosesTheDescriptorItHeld)
{
	int first[2], second[2];
	ASSERT_EQ(::pipe(first), 0);
	ASSERT_EQ(::pipe(second), 0);
	::close(first[1]);
	::close(second[1]);
	{
		base::Fd a(first[0]);
		base::Fd b(second[0]);
		a = std::move(b);
		EXPECT_EQ(::fcntl(first[0], F_GETFD), -1) << "the old descriptor is closed";
		EXPECT_EQ(a.get(), second[0]);
		EXPECT_EQ(a.release(), second[0]);
		EXPECT_FALSE(a.valid());
	}
	// Released, so the destructor left it open.
	EXPECT_NE(::fcntl(second[0], F_GETFD), -1);
	::close(second[0]);
}

} // namespace
