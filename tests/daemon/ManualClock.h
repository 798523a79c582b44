// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "daemon/os/Clock.h"

namespace restored::test {

class ManualAlarm;

// A Clock whose time moves only when the test moves it, and the manual
// executor that goes with it: the io_context's ready handlers (posted
// work, a fake's answers, a rate limiter's immediate sends) run between
// alarms, so a test drives time and work by hand and nothing waits on the
// real clock. Wall and steady time move together. Every loop is bounded.
//
// Owned by one test, and declared before everything that takes alarms from
// it; single-threaded.
class ManualClock final : public os::Clock
{
public:
	static constexpr std::int64_t defaultStartMs = 1'800'000'000'000; // 2027-01-15T08:00:00Z

	explicit ManualClock(boost::asio::io_context &io, std::int64_t wallMs = defaultStartMs);
	~ManualClock() override;

	std::int64_t wallMs() const override { return wallMs_; }
	std::int64_t steadyMs() const override { return steadyMs_; }
	std::unique_ptr<os::Alarm> makeAlarm() override;

	// Runs what is ready now: ready handlers, and alarms due at this time.
	void settle();
	// Fires the alarms due now and nothing else: posted work waits. For a
	// test that makes an alarm win its race against posted work.
	void fireDueAlarms();
	// Moves time forward by `by`; each alarm on the way fires at its own
	// deadline, earliest first, with settle() at each step.
	void advance(std::chrono::milliseconds by);
	// The steady time of the earliest armed alarm.
	std::optional<std::int64_t> nextAlarmMs() const;
	std::size_t armedAlarms() const { return waits_.size(); }

private:
	friend class ManualAlarm;
	struct Wait {
		std::int64_t atMs;
		std::uint64_t order; // ties fire in the order they were set
		os::Alarm::Due due;
	};
	// Fires the earliest alarm due at or before untilMs; false if none is.
	bool fireOne(std::int64_t untilMs);
	void moveTo(std::int64_t steadyMs);

	boost::asio::io_context &io_;
	std::int64_t wallMs_;
	std::int64_t steadyMs_ = 1'000'000;
	std::uint64_t nextOrder_ = 0;
	std::map<const ManualAlarm *, Wait> waits_;
};

} // namespace restored::test
