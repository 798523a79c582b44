// SPDX-License-Identifier: Apache-2.0
#include "daemon/PollBatcher.h"

#include <cassert>

namespace restored {

PollBatcher::PollBatcher(std::size_t maxPerCall)
	: maxPerCall_(maxPerCall)
{
	assert(maxPerCall_ > 0);
}

void PollBatcher::add(const std::string &restoreTaskId)
{
	if (waiting_.insert(restoreTaskId).second)
		queue_.push_back(restoreTaskId);
}

std::vector<std::string> PollBatcher::takeBatch()
{
	std::vector<std::string> batch;
	while (!queue_.empty() && batch.size() < maxPerCall_) {
		waiting_.erase(queue_.front());
		batch.push_back(std::move(queue_.front()));
		queue_.pop_front();
	}
	return batch;
}

} // namespace restored
