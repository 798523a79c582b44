// SPDX-License-Identifier: Apache-2.0
#include "daemon/RestorePoller.h"

#include <algorithm>
#include <memory>

#include "daemon/ApiRateLimiter.h"
#include "daemon/os/Clock.h"
#include "dbs/DbsApi.h"

namespace restored {

RestorePoller::RestorePoller(os::Clock &clock, dbs::DbsApi &client, ApiRateLimiter &limiter,
			     std::chrono::milliseconds coalesceWindow, std::optional<std::int64_t> phaseMs)
	: clock_(clock), alarm_(clock.makeAlarm()), client_(client), limiter_(limiter), window_(coalesceWindow),
	  maxWait_(5 * coalesceWindow), phaseMs_(phaseMs ? *phaseMs : clock.wallMs())
{}

void RestorePoller::want(const std::string &restoreTaskId, Answer answer)
{
	if (stopped_)
		return;
	waiting_[restoreTaskId].push_back(std::move(answer));
	batcher_.add(restoreTaskId, clock_.steadyMs());
	if (batcher_.hasFullBatch())
		flush(true);
	if (!batcher_.empty() && !timerArmed_)
		armPartial();
}

void RestorePoller::armPartial()
{
	timerArmed_ = true;
	auto due = batcher_.partialDueMs(window_.count(), maxWait_.count());
	alarm_->after(std::chrono::milliseconds(std::max<std::int64_t>(0, due - clock_.steadyMs())), [this]() {
		timerArmed_ = false;
		if (stopped_ || batcher_.empty())
			return;
		// More ids may have joined since the alarm was set.
		if (clock_.steadyMs() >= batcher_.partialDueMs(window_.count(), maxWait_.count()))
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

void RestorePoller::send(std::vector<std::string> ids, Pending answers, bool confirming)
{
	std::string joined;
	for (const auto &id : ids) {
		if (!joined.empty())
			joined += ',';
		joined += id;
	}
	auto pending = std::make_shared<Pending>(std::move(answers));
	limiter_.submit([this, joined = std::move(joined), ids = std::move(ids), pending, confirming]() mutable {
		if (stopped_)
			return;
		client_.describeAllRestoreTasks(
			joined, [this, ids = std::move(ids), pending,
				 confirming](dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> result) mutable {
				if (!stopped_)
					onAnswer(std::move(ids), std::move(pending), confirming, std::move(result));
			});
	});
}

void RestorePoller::onAnswer(std::vector<std::string> ids, std::shared_ptr<Pending> pending, bool confirming,
			     dbs::Outcome<std::vector<dbs::RestoreTaskDetail>> result)
{
	auto answerAll = [&](const base::ApiError &e) {
		for (auto &[id, list] : *pending)
			for (auto &answer : list)
				answer(e);
	};
	if (!result && result.error().retryable())
		return answerAll(result.error());
	if (!result) {
		// Refused: by which id is unknown. Alone, twice, it is that id's.
		if (ids.size() > 1)
			return askAgain(std::move(ids), *pending, true, false);
		if (!confirming)
			return askAgain(std::move(ids), *pending, false, true);
		const auto &e = result.error();
		return answerAll(base::ApiError::permanent(
			taskGoneCode, "a DescribeRestoreTaskList for this id alone was refused twice (" + e.code +
					      ": " + e.message + ")"));
	}
	std::size_t served = 0;
	for (const auto &detail : result.value()) {
		auto it = pending->find(detail.restoreTaskId);
		if (it == pending->end())
			continue;
		for (auto &answer : it->second)
			answer(detail);
		pending->erase(it);
		++served;
	}
	if (pending->empty())
		return;
	std::vector<std::string> missing;
	for (const auto &id : ids)
		if (pending->count(id))
			missing.push_back(id);
	if (missing.size() == 1 && ids.size() == 1) {
		if (!confirming)
			return askAgain(std::move(missing), *pending, false, true);
		return answerAll(base::ApiError::permanent(
			taskGoneCode, "two DescribeRestoreTaskList calls for this id alone did not list it "
				      "(deleted on DBS?)"));
	}
	// Fewer items than ids (a per-call cap, or unknown ids dropped): ask
	// for the rest; an answer that served none of them is split.
	askAgain(std::move(missing), *pending, served == 0, false);
}

void RestorePoller::askAgain(std::vector<std::string> ids, Pending &pending, bool split, bool confirming)
{
	auto take = [&](std::vector<std::string> part) {
		Pending answers;
		for (const auto &id : part) {
			auto it = pending.find(id);
			if (it != pending.end()) {
				answers.emplace(id, std::move(it->second));
				pending.erase(it);
			}
		}
		send(std::move(part), std::move(answers), confirming);
	};
	if (!split || ids.size() < 2)
		return take(std::move(ids));
	auto middle = ids.begin() + static_cast<std::ptrdiff_t>(ids.size() / 2);
	std::vector<std::string> second(std::make_move_iterator(middle), std::make_move_iterator(ids.end()));
	ids.erase(middle, ids.end());
	take(std::move(ids));
	take(std::move(second));
}

void RestorePoller::stop()
{
	stopped_ = true;
	alarm_->cancel();
	waiting_.clear();
}

} // namespace restored
