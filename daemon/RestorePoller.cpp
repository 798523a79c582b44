// SPDX-License-Identifier: Apache-2.0
#include "daemon/RestorePoller.h"

#include <algorithm>
#include <memory>

#include "daemon/ApiRateLimiter.h"
#include "dbs/DbsClient.h"

namespace restored {

RestorePoller::RestorePoller(boost::asio::any_io_executor ex, dbs::DbsClient &client,
			     ApiRateLimiter &limiter, std::chrono::milliseconds coalesceWindow,
			     std::int64_t phaseMs)
	: timer_(ex), client_(client), limiter_(limiter), window_(coalesceWindow),
	  maxWait_(5 * coalesceWindow), phaseMs_(phaseMs)
{
}

std::int64_t RestorePoller::wallClockMs()
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(
		       std::chrono::system_clock::now().time_since_epoch())
		.count();
}

std::int64_t RestorePoller::steadyMs()
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(
		       std::chrono::steady_clock::now().time_since_epoch())
		.count();
}

void RestorePoller::want(const std::string &restoreTaskId, Answer answer)
{
	if (stopped_)
		return;
	waiting_[restoreTaskId].push_back(std::move(answer));
	batcher_.add(restoreTaskId, steadyMs());
	if (batcher_.hasFullBatch())
		flush(true);
	if (!batcher_.empty() && !timerArmed_)
		armPartial();
}

void RestorePoller::armPartial()
{
	timerArmed_ = true;
	auto due = batcher_.partialDueMs(window_.count(), maxWait_.count());
	timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(0, due - steadyMs())));
	timer_.async_wait([this](const boost::system::error_code &ec) {
		timerArmed_ = false;
		if (ec || stopped_ || batcher_.empty())
			return;
		// More ids may have joined since the timer was set.
		if (steadyMs() >= batcher_.partialDueMs(window_.count(), maxWait_.count()))
			flush(false);
		else
			armPartial();
	});
}

void RestorePoller::flush(bool onlyFullBatches)
{
	while (!batcher_.empty() && (!onlyFullBatches || batcher_.hasFullBatch())) {
		std::vector<std::string> ids = batcher_.takeBatch();
		std::unordered_map<std::string, std::vector<Answer>> answers;
		for (const auto &id : ids) {
			auto it = waiting_.find(id);
			if (it != waiting_.end()) {
				answers.emplace(id, std::move(it->second));
				waiting_.erase(it);
			}
		}
		send(std::move(ids), std::move(answers));
	}
}

void RestorePoller::send(std::vector<std::string> ids,
			 std::unordered_map<std::string, std::vector<Answer>> answers)
{
	std::string joined;
	for (const auto &id : ids) {
		if (!joined.empty())
			joined += ',';
		joined += id;
	}
	auto pending = std::make_shared<decltype(answers)>(std::move(answers));
	limiter_.submit([this, joined = std::move(joined), pending]() {
		if (stopped_)
			return;
		client_.describeAllRestoreTasks(joined, [this, pending](
			dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> result) {
			if (stopped_)
				return;
			if (!result) {
				for (auto &[id, list] : *pending)
					for (auto &answer : list)
						answer(result.error());
				return;
			}
			for (const auto &detail : result.value()) {
				auto it = pending->find(detail.restoreTaskId);
				if (it == pending->end())
					continue;
				for (auto &answer : it->second)
					answer(detail);
				pending->erase(it);
			}
			// DBS did not list these ids: an error for their jobs, which
			// poll again later; their deadlines bound the wait.
			for (auto &[id, list] : *pending) {
				auto e = dbs::localError(dbs::ErrorClass::Transient, "Local.TaskNotListed",
							 "DescribeRestoreTaskList did not return restore task " + id);
				for (auto &answer : list)
					answer(e);
			}
		});
	});
}

void RestorePoller::stop()
{
	stopped_ = true;
	timer_.cancel();
	waiting_.clear();
}

} // namespace restored
