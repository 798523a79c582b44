// SPDX-License-Identifier: Apache-2.0
#include "daemon/DeadlineTimer.h"

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

namespace restored {

namespace {

std::size_t index(TimerSlot slot)
{
	auto i = static_cast<std::size_t>(slot);
	assert(i < timerSlotCount);
	return i;
}

} // namespace

DeadlineTimer::DeadlineTimer(os::Clock &clock, Due due) : clock_(clock), due_(std::move(due)), alarm_(clock.makeAlarm())
{}

DeadlineTimer::~DeadlineTimer() { *alive_ = false; }

void DeadlineTimer::set(TimerSlot slot, std::int64_t atMs)
{
	at_[index(slot)] = atMs;
	rearm();
}

void DeadlineTimer::cancel(TimerSlot slot)
{
	at_[index(slot)].reset();
	rearm();
}

void DeadlineTimer::cancelAll()
{
	at_.fill(std::nullopt);
	rearm();
}

void DeadlineTimer::rearm()
{
	std::optional<std::int64_t> next;
	for (const auto &at : at_)
		if (at && (!next || *at < *next))
			next = at;
	if (next == waitingFor_)
		return;
	waitingFor_ = next;
	if (!next) {
		alarm_->cancel();
		return;
	}
	alarm_->after(std::chrono::milliseconds(std::max<std::int64_t>(0, *next - clock_.wallMs())),
		      [this]() { onTimer(); });
}

void DeadlineTimer::onTimer()
{
	waitingFor_.reset();
	std::int64_t now = clock_.wallMs();
	std::vector<std::pair<std::int64_t, std::size_t>> fire; // (deadline, index)
	for (std::size_t i = 0; i < timerSlotCount; ++i)
		if (at_[i] && *at_[i] <= now)
			fire.emplace_back(*at_[i], i);
	std::sort(fire.begin(), fire.end());
	auto alive = alive_;
	for (const auto &[at, i] : fire) {
		if (at_[i] != at)
			continue; // re-set or cancelled by an earlier handler
		at_[i].reset();
		due_(static_cast<TimerSlot>(i));
		if (!*alive)
			return; // the handler ended the owner's life
	}
	rearm();
}

} // namespace restored
