// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace restored::os {

class JobEventLog;
class StateStore;

// Decides when the StateStore's group commits run, so that disk work never
// stands between a poll answer and the next one.
//
// - soon(): a record holds a ClientToken that a call is about to carry.
//   Every noted record is flushed right after the current burst of
//   handlers (and Job::send flushes first if that has not happened yet).
// - eventually(): a record holds a run's outcome. Nothing depends on it
//   reaching the disk quickly (a run resumed from its previous record
//   polls and finds the same end), while replacing thousands of files at
//   about 1 ms each held back the answers of the poll round in which they
//   ended by seconds (bench/RESULTS.md). These are flushed once the burst
//   is over (no new one for `quiet`, or `maxDelay` after the first), in
//   slices of `slice` records, each slice its own turn of the event loop.
//
// Owned by the Daemon; used only on its io_context thread.
class StateFlusher
{
public:
	struct Timing {
		std::chrono::milliseconds quiet{500};
		std::chrono::milliseconds maxDelay{5000};
		std::size_t slice = 32;
	};

	StateFlusher(boost::asio::any_io_executor ex, StateStore &store, JobEventLog &events, Timing timing);

	void soon();
	void eventually();
	// Flushes everything now (shutdown); no background work runs after it.
	void flushAll();

private:
	using Clock = std::chrono::steady_clock;

	void arm(Clock::time_point at);
	void onTimer();
	void runSlice();
	void report(const std::optional<std::string> &error);

	boost::asio::any_io_executor ex_;
	StateStore &store_;
	JobEventLog &events_;
	Timing timing_;
	boost::asio::steady_timer timer_;
	bool soonPosted_ = false;
	bool timerArmed_ = false;
	bool slicing_ = false;
	bool stopped_ = false;
	std::optional<Clock::time_point> firstNote_; // of the pending outcomes
	Clock::time_point lastNote_;
};

} // namespace restored::os
