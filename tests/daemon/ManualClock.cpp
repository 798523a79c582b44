// SPDX-License-Identifier: Apache-2.0
#include "ManualClock.h"

#include <cassert>
#include <stdexcept>
#include <utility>

namespace restored::test {

// One alarm of a ManualClock: its pending wait lives in the clock.
class ManualAlarm final : public os::Alarm
{
public:
	explicit ManualAlarm(ManualClock &clock) : clock_(clock) {}
	~ManualAlarm() override { cancel(); }

	void after(std::chrono::milliseconds delay, Due due) override
	{
		assert(delay.count() >= 0);
		clock_.waits_[this] = {clock_.steadyMs_ + delay.count(), clock_.nextOrder_++, std::move(due)};
	}
	void cancel() override { clock_.waits_.erase(this); }

private:
	ManualClock &clock_;
};

ManualClock::ManualClock(boost::asio::io_context &io, std::int64_t wallMs) : io_(io), wallMs_(wallMs) {}

ManualClock::~ManualClock() { assert(waits_.empty() && "an alarm outlives its clock"); }

std::unique_ptr<os::Alarm> ManualClock::makeAlarm() { return std::make_unique<ManualAlarm>(*this); }

std::optional<std::int64_t> ManualClock::nextAlarmMs() const
{
	std::optional<std::int64_t> next;
	for (const auto &[alarm, wait] : waits_)
		if (!next || wait.atMs < *next)
			next = wait.atMs;
	return next;
}

bool ManualClock::fireOne(std::int64_t untilMs)
{
	auto first = waits_.end();
	for (auto it = waits_.begin(); it != waits_.end(); ++it)
		if (it->second.atMs <= untilMs &&
		    (first == waits_.end() ||
		     std::pair(it->second.atMs, it->second.order) < std::pair(first->second.atMs, first->second.order)))
			first = it;
	if (first == waits_.end())
		return false;
	Wait wait = std::move(first->second);
	waits_.erase(first);
	moveTo(std::max(steadyMs_, wait.atMs));
	wait.due(); // may set, cancel or destroy alarms
	return true;
}

void ManualClock::moveTo(std::int64_t steadyMs)
{
	wallMs_ += steadyMs - steadyMs_;
	steadyMs_ = steadyMs;
}

void ManualClock::settle()
{
	// Bounded: a test whose handlers keep re-posting work forever fails
	// here instead of hanging.
	for (int i = 0; i < 100'000; ++i) {
		io_.restart();
		bool ran = io_.poll() > 0;
		bool fired = fireOne(steadyMs_);
		if (!ran && !fired)
			return;
	}
	throw std::runtime_error("ManualClock::settle: work never ran out");
}

void ManualClock::fireDueAlarms()
{
	for (int i = 0; i < 100'000; ++i)
		if (!fireOne(steadyMs_))
			return;
	throw std::runtime_error("ManualClock::fireDueAlarms: alarms never ran out");
}

void ManualClock::advance(std::chrono::milliseconds by)
{
	assert(by.count() >= 0);
	const std::int64_t until = steadyMs_ + by.count();
	settle();
	for (int i = 0; i < 100'000; ++i) {
		if (!fireOne(until)) {
			moveTo(until);
			settle();
			return;
		}
		settle();
	}
	throw std::runtime_error("ManualClock::advance: alarms never ran out");
}

} // namespace restored::test
