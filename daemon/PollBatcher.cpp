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

std::int64_t alignToRound(std::int64_t atMs, std::int64_t intervalMs, std::int64_t phaseMs)
{
	if (intervalMs <= 0)
		return atMs;
	std::int64_t offset = ((atMs - phaseMs) % intervalMs + intervalMs) % intervalMs;
	return offset * 2 < intervalMs ? atMs - offset : atMs - offset + intervalMs;
}

} // namespace restored
