// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

namespace restored {

// Collects the restore task ids that are due for a poll, across all jobs, and
// hands them out in DescribeRestoreTaskList-sized batches (the API takes up to
// 100 comma-separated ids per call). Pure; owned by RestorePoller and used on
// the daemon's io_context thread only.
class PollBatcher
{
public:
	explicit PollBatcher(std::size_t maxPerCall = 100);

	// Adds an id that became due at nowMs (any monotonic ms); an id already
	// waiting is not added twice and keeps its time.
	void add(const std::string &restoreTaskId, std::int64_t nowMs = 0);

	std::size_t size() const { return queue_.size(); }
	bool empty() const { return queue_.empty(); }
	bool hasFullBatch() const { return queue_.size() >= maxPerCall_; }

	// Removes and returns up to maxPerCall ids, oldest first.
	std::vector<std::string> takeBatch();

	// When the ids waiting (fewer than a full batch) should leave anyway:
	// once none has joined for windowMs (a round's ids all arrive within
	// milliseconds), or once the oldest has waited maxWaitMs. Ids that
	// trickle in, as when 10,000 start answers arrive over ten seconds,
	// so fill whole batches instead of one part-filled call per window.
	// Only meaningful when !empty().
	std::int64_t partialDueMs(std::int64_t windowMs, std::int64_t maxWaitMs) const;

private:
	std::size_t maxPerCall_;
	std::deque<std::pair<std::string, std::int64_t>> queue_; // id, time added
	std::int64_t lastAddMs_ = 0;
	std::unordered_set<std::string> waiting_;
};

// The moment of the poll round nearest to atMs: rounds are phaseMs plus a
// multiple of intervalMs. Jobs that poll at the same interval thus meet in the
// same rounds whenever each of them started, and their ids share calls. (A
// job's own next poll, "interval after the last answer", drifts with its
// start time and answer latency; without rounds, N jobs started over a few
// seconds poll in many small batches forever.) The nearest round, not the
// next one, keeps each wait within half an interval of the requested one.
// Pure.
std::int64_t alignToRound(std::int64_t atMs, std::int64_t intervalMs, std::int64_t phaseMs);

} // namespace restored
