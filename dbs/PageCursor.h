// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>

#include "dbs/Responses.h"

namespace dbs {

// Which page a list walk asks for next, and when it is done. The docs allow
// PageNum to count from 0 or from 1 (dbs-readings.md, "PageNum"); the walk
// asks for 0 first and believes the PageNum the reply says it is: a 1-based
// server that reads 0 as 1 answers "1", so the next request is 2. No page
// number is ever requested twice. Pure; one per walk, single-threaded.
class PageCursor
{
public:
	explicit PageCursor(int maxRequests) : maxRequests_(maxRequests) {}

	int nextPageNum() const { return next_; }

	// Takes in one reply; `distinctSeen` counts the distinct items of the
	// whole walk so far. Returns true when the walk is done: an empty page,
	// TotalElements reached, the last of TotalPages answered (counted from
	// the first reply's PageNum), or maxRequests made.
	bool advance(const Paging &reply, std::size_t itemsOnPage, std::size_t distinctSeen);

private:
	int maxRequests_;
	int next_ = 0;
	int requests_ = 0;
	std::optional<int> firstPage_; // 0 or 1: how this server counts
};

} // namespace dbs
