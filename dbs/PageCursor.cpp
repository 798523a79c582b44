// SPDX-License-Identifier: Apache-2.0
#include "dbs/PageCursor.h"

#include <algorithm>

namespace dbs {

bool PageCursor::advance(const Paging &reply, std::size_t itemsOnPage, std::size_t distinctSeen)
{
	int asked = next_;
	++requests_;
	if (!firstPage_)
		firstPage_ = std::max(reply.pageNum, asked);
	// A reply that names an earlier page than asked (a server clamping or not
	// echoing) must not send us back over pages already fetched.
	int answered = std::max(reply.pageNum, asked);
	next_ = answered + 1;
	if (itemsOnPage == 0 || requests_ >= maxRequests_)
		return true;
	if (static_cast<std::int64_t>(distinctSeen) >= reply.totalElements)
		return true;
	return static_cast<std::int64_t>(answered) - *firstPage_ + 1 >= reply.totalPages;
}

} // namespace dbs
