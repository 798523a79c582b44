// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/PollBatcher.h"
#include "daemon/os/Alarm.h"
#include "dbs/Outcome.h"
#include "dbs/Responses.h"

namespace dbs {
class DbsApi;
}

namespace restored {

class ApiRateLimiter;
namespace os {
class Clock;
} // namespace os

// Polls restore tasks for all jobs together: ids that fall due within a
// short coalescing window share one DescribeRestoreTaskList call of up to
// 100 comma-separated ids, so N running restores cost ceil(N/100) calls per
// round instead of N. Each waiting job is answered with its own task's
// detail, or with the error that failed its batch.
//
// A batch is never failed for one id's sake (docs/state-machine.md,
// "Evidence rules"): a refused batch is split in halves until the refused
// ids stand alone; ids an answer left out are asked again; and an id is
// "gone" only when two queries for it alone in a row leave it out or are
// refused. Transient errors (network, 5xx, throttling) answer the whole
// batch, whose jobs poll again later.
//
// Owned by the daemon; used only on its io_context thread. Answers are
// called on that thread, never from inside want().
class RestorePoller
{
public:
	using Answer = std::function<void(const dbs::Outcome<dbs::RestoreTaskDetail> &)>;
	// The code of the error that answers an id confirmed gone.
	static constexpr const char *taskGoneCode = "Local.TaskGone";

	// phaseMs: wall-clock ms of one poll round; by default the moment of
	// construction.
	RestorePoller(os::Clock &clock, dbs::DbsApi &client, ApiRateLimiter &limiter,
		      std::chrono::milliseconds coalesceWindow, std::optional<std::int64_t> phaseMs = std::nullopt);

	void want(const std::string &restoreTaskId, Answer answer);

	// When a poll wanted at atMs should happen: the nearest of this daemon's
	// poll rounds (see alignToRound). The phase is the poller's creation
	// time, so different daemons do not all poll at the same second.
	std::int64_t roundFor(std::int64_t atMs, std::chrono::milliseconds interval) const
	{
		return alignToRound(atMs, interval.count(), phaseMs_);
	}

	// Drops everything waiting; no answer is called after this.
	void stop();

private:
	void armPartial();
	void flush(bool onlyFullBatches);
	using Pending = std::unordered_map<std::string, std::vector<Answer>>;
	// confirming: the same single id was already left out or refused once.
	void send(std::vector<std::string> ids, Pending answers, bool confirming = false);
	void onAnswer(std::vector<std::string> ids, std::shared_ptr<Pending> pending, bool confirming,
		      dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> result);
	// Sends `ids` again: halves when `split`, else as one batch.
	void askAgain(std::vector<std::string> ids, Pending &pending, bool split, bool confirming);

	os::Clock &clock_;
	std::unique_ptr<os::Alarm> alarm_; // for a part-filled batch
	dbs::DbsApi &client_;
	ApiRateLimiter &limiter_;
	std::chrono::milliseconds window_;
	// A part-filled batch waits at most this long for more ids (see
	// PollBatcher::partialDueMs).
	std::chrono::milliseconds maxWait_;
	std::int64_t phaseMs_;
	PollBatcher batcher_;
	std::unordered_map<std::string, std::vector<Answer>> waiting_;
	bool timerArmed_ = false;
	bool stopped_ = false;
};

} // namespace restored
