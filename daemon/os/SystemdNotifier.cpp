// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/SystemdNotifier.h"

#include <ctime>

#include <systemd/sd-daemon.h>

namespace restored::os {

SystemdNotifier::SystemdNotifier(boost::asio::any_io_executor ex, std::chrono::milliseconds minStatusInterval)
	: timer_(std::move(ex)), minInterval_(minStatusInterval)
{}

bool SystemdNotifier::notify(std::string_view state)
{
	std::string s(state);
	// unset_environment=0: the watchdog and later notifications still need it.
	return ::sd_notify(0, s.c_str()) > 0;
}

bool SystemdNotifier::ready() { return notify("READY=1"); }

bool SystemdNotifier::reloading()
{
	timespec ts{};
	::clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long long usec = static_cast<unsigned long long>(ts.tv_sec) * 1000000ULL +
				  static_cast<unsigned long long>(ts.tv_nsec) / 1000ULL;
	return notify("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
}

bool SystemdNotifier::stopping() { return notify("STOPPING=1"); }

void SystemdNotifier::sendStatus(const std::string &text)
{
	// STATUS is one line; a newline would start a new (bogus) field.
	std::string line = text;
	for (char &c : line) {
		if (c == '\n' || c == '\r')
			c = ' ';
	}
	notify("STATUS=" + line);
	lastStatus_ = std::chrono::steady_clock::now();
}

void SystemdNotifier::status(std::string text)
{
	auto now = std::chrono::steady_clock::now();
	if (!timerArmed_ && (!lastStatus_ || now - *lastStatus_ >= minInterval_)) {
		sendStatus(text);
		return;
	}
	pendingStatus_ = std::move(text);
	if (timerArmed_)
		return;
	timerArmed_ = true;
	timer_.expires_at(*lastStatus_ + minInterval_);
	timer_.async_wait([this](boost::system::error_code ec) {
		if (ec)
			return; // destroyed: `this` may be gone
		timerArmed_ = false;
		flushStatus();
	});
}

void SystemdNotifier::flushStatus()
{
	if (!pendingStatus_)
		return;
	std::string text = std::move(*pendingStatus_);
	pendingStatus_.reset();
	sendStatus(text);
}

} // namespace restored::os
