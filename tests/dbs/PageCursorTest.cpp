// SPDX-License-Identifier: Apache-2.0
#include "dbs/PageCursor.h"

#include <gtest/gtest.h>

using dbs::PageCursor;
using dbs::Paging;

namespace {

Paging reply(int pageNum, std::int64_t totalElements, int totalPages)
{
	return Paging{pageNum, 100, totalElements, totalPages};
}

} // namespace

TEST(PageCursor, ZeroBasedWalkEndsAtTheLastOfTotalPages)
{
	PageCursor c(64);
	EXPECT_EQ(c.nextPageNum(), 0);
	EXPECT_FALSE(c.advance(reply(0, 300, 3), 100, 100));
	EXPECT_EQ(c.nextPageNum(), 1);
	EXPECT_FALSE(c.advance(reply(1, 300, 3), 100, 150)); // duplicates do not end it early
	EXPECT_EQ(c.nextPageNum(), 2);
	EXPECT_TRUE(c.advance(reply(2, 300, 3), 100, 250));
}

TEST(PageCursor, OneBasedServerReadingZeroAsOneIsNotAskedForOneAgain)
{
	PageCursor c(64);
	EXPECT_FALSE(c.advance(reply(1, 300, 3), 100, 100));
	EXPECT_EQ(c.nextPageNum(), 2);
	EXPECT_FALSE(c.advance(reply(2, 300, 3), 100, 200));
	EXPECT_EQ(c.nextPageNum(), 3);
	EXPECT_TRUE(c.advance(reply(3, 300, 3), 50, 250));
}

TEST(PageCursor, EndsOnAnEmptyPageOrWhenEveryElementArrived)
{
	PageCursor empty(64);
	EXPECT_TRUE(empty.advance(reply(0, 500, 5), 0, 0));
	PageCursor all(64);
	EXPECT_TRUE(all.advance(reply(0, 7, 5), 7, 7));
}

TEST(PageCursor, AReplyNamingAnEarlierPageNeverSendsTheWalkBack)
{
	PageCursor c(64);
	EXPECT_FALSE(c.advance(reply(0, 500, 5), 100, 100));
	EXPECT_FALSE(c.advance(reply(0, 500, 5), 100, 200)); // asked 1, told 0
	EXPECT_EQ(c.nextPageNum(), 2);
}

TEST(PageCursor, BoundedByMaxRequests)
{
	PageCursor c(3);
	EXPECT_FALSE(c.advance(reply(0, 1'000'000, 10'000), 1, 1));
	EXPECT_FALSE(c.advance(reply(1, 1'000'000, 10'000), 1, 2));
	EXPECT_TRUE(c.advance(reply(2, 1'000'000, 10'000), 1, 3));
}
