// SPDX-License-Identifier: Apache-2.0
#include "daemon/PollBatcher.h"

#include <algorithm>
#include <cassert>

namespace restored {

PollBatcher::PollBatcher(std::size_t maxPerCall) : maxPerCall_(maxPerCall) { assert(maxPerCall_ > 0); }

void PollBatcher::add(const std::string &restoreTaskId, std::int64_t nowMs)
{
	lastAddMs_ = nowMs;
	if (waiting_.insert(restoreTaskId).second)
		queue_.emplace_back(restoreTaskId, nowMs);
}

std::int64_t PollBatcher::partialDueMs(std::int64_t windowMs, std::int64_t maxWaitMs) const
{
	assert(!queue_.empty());
	return std::min(lastAddMs_ + windowMs, queue_.front().second + maxWaitMs);
}

std::vector<std::string> PollBatcher::takeBatch()
{
	std::vector<std::string> batch;
	while (!queue_.empty() && batch.size() < maxPerCall_) {
		waiting_.erase(queue_.front().first);
		batch.push_back(std::move(queue_.front().first));
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
