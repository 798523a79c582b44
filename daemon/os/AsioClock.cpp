// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/AsioClock.h"

#include <chrono>

#include <boost/asio/steady_timer.hpp>

namespace restored::os {

namespace {

template<class C>
std::int64_t msSinceEpoch()
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(C::now().time_since_epoch()).count();
}

// A steady_timer whose callback is dropped once superseded: a wait that
// already ended is queued with success and cannot be cancelled any more,
// so each wait carries its generation and runs only while it is current.
class AsioAlarm final : public Alarm
{
public:
	explicit AsioAlarm(boost::asio::any_io_executor ex) : timer_(std::move(ex)) {}
	~AsioAlarm() override { cancel(); }

	void after(std::chrono::milliseconds delay, Due due) override
	{
		std::uint64_t mine = ++*generation_;
		timer_.expires_after(delay);
		timer_.async_wait(
			[generation = generation_, mine, due = std::move(due)](const boost::system::error_code &ec) {
				if (!ec && *generation == mine)
					due();
			});
	}

	void cancel() override
	{
		++*generation_;
		timer_.cancel();
	}

private:
	boost::asio::steady_timer timer_;
	std::shared_ptr<std::uint64_t> generation_ = std::make_shared<std::uint64_t>(0);
};

} // namespace

AsioClock::AsioClock(boost::asio::any_io_executor ex, std::function<std::int64_t()> wallMs)
	: ex_(std::move(ex)), wallMs_(std::move(wallMs))
{}

std::int64_t AsioClock::wallMs() const { return wallMs_ ? wallMs_() : msSinceEpoch<std::chrono::system_clock>(); }

std::int64_t AsioClock::steadyMs() const { return msSinceEpoch<std::chrono::steady_clock>(); }

std::unique_ptr<Alarm> AsioClock::makeAlarm() { return std::make_unique<AsioAlarm>(ex_); }

} // namespace restored::os
