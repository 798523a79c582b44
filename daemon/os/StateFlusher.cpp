// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/StateFlusher.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "daemon/os/JobEventLog.h"
#include "daemon/os/StateStore.h"

namespace restored::os {

StateFlusher::StateFlusher(boost::asio::any_io_executor ex, StateStore &store, JobEventLog &events, Timing timing)
	: ex_(ex), store_(store), events_(events), timing_(timing), timer_(ex)
{}

void StateFlusher::soon()
{
	if (soonPosted_ || stopped_)
		return;
	soonPosted_ = true;
	boost::asio::post(ex_, [this]() {
		soonPosted_ = false;
		if (!stopped_)
			report(store_.flush());
	});
}

void StateFlusher::eventually()
{
	if (stopped_)
		return;
	lastNote_ = Clock::now();
	if (!firstNote_)
		firstNote_ = lastNote_;
	// A running slice pass picks the record up; an armed timer re-checks
	// the quiet period when it fires (re-arming on every note would queue
	// one cancelled wait per ended run).
	if (!slicing_ && !timerArmed_)
		arm(std::min(lastNote_ + timing_.quiet, *firstNote_ + timing_.maxDelay));
}

void StateFlusher::arm(Clock::time_point at)
{
	timerArmed_ = true;
	timer_.expires_at(at);
	timer_.async_wait([this](const boost::system::error_code &ec) {
		if (ec)
			return; // cancelled by flushAll(), or destroyed
		timerArmed_ = false;
		onTimer();
	});
}

void StateFlusher::onTimer()
{
	if (stopped_ || !firstNote_)
		return;
	if (store_.unflushedCount() == 0) { // a soon() flush took them
		firstNote_.reset();
		return;
	}
	auto due = std::min(lastNote_ + timing_.quiet, *firstNote_ + timing_.maxDelay);
	if (Clock::now() < due) {
		arm(due);
		return;
	}
	slicing_ = true;
	runSlice();
}

void StateFlusher::runSlice()
{
	if (stopped_)
		return;
	report(store_.flush(timing_.slice));
	if (store_.unflushedCount() > 0) {
		// Posted, so that answers which arrived meanwhile run first.
		boost::asio::post(ex_, [this]() { runSlice(); });
		return;
	}
	slicing_ = false;
	firstNote_.reset();
}

void StateFlusher::flushAll()
{
	stopped_ = true;
	timer_.cancel();
	report(store_.flush());
}

void StateFlusher::report(const std::optional<std::string> &error)
{
	if (error)
		events_.log(JobEventKind::StateWriteFailed, {}, *error);
}

} // namespace restored::os
