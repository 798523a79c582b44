// SPDX-License-Identifier: Apache-2.0
#include "daemon/DeadlineTimer.h"

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

namespace restored {

DeadlineTimer::DeadlineTimer(boost::asio::any_io_executor ex, std::function<std::int64_t()> nowMs,
			     Due due)
	: nowMs_(std::move(nowMs)), due_(std::move(due)), timer_(ex)
{
}

DeadlineTimer::~DeadlineTimer()
{
	*alive_ = false;
	timer_.cancel();
}

void DeadlineTimer::set(std::size_t slot, std::int64_t atMs)
{
	assert(slot < slots);
	at_[slot] = atMs;
	rearm();
}

void DeadlineTimer::cancel(std::size_t slot)
{
	assert(slot < slots);
	at_[slot].reset();
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
		timer_.cancel();
		return;
	}
	timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(0, *next - nowMs_())));
	timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
		if (ec || !*alive)
			return; // replaced by an earlier deadline, cancelled, or destroyed
		onTimer();
	});
}

void DeadlineTimer::onTimer()
{
	waitingFor_.reset();
	std::int64_t now = nowMs_();
	std::vector<std::pair<std::int64_t, std::size_t>> fire; // (deadline, slot)
	for (std::size_t slot = 0; slot < slots; ++slot)
		if (at_[slot] && *at_[slot] <= now)
			fire.emplace_back(*at_[slot], slot);
	std::sort(fire.begin(), fire.end());
	auto alive = alive_;
	for (const auto &[at, slot] : fire) {
		if (at_[slot] != at)
			continue; // re-set or cancelled by an earlier handler
		at_[slot].reset();
		due_(slot);
		if (!*alive)
			return; // the handler ended the owner's life
	}
	rearm();
}

} // namespace restored
