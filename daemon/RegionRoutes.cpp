// SPDX-License-Identifier: Apache-2.0
#include "daemon/RegionRoutes.h"

#include <boost/asio/io_context.hpp>

namespace restored {

RegionRoutes::RegionRoutes(os::Clock &clock, dbs::DbsClientOptions defaults, MakeClient makeClient,
			   ApiRateLimiter &limiter, std::chrono::milliseconds coalesceWindow)
	: clock_(clock), defaults_(std::move(defaults)), makeClient_(std::move(makeClient)), limiter_(limiter),
	  window_(coalesceWindow)
{
	route("");
}

RegionRoutes::Route &RegionRoutes::route(const std::string &region)
{
	const std::string key = defaults_.endpoint.empty() && region != defaults_.region ? region : "";
	auto it = routes_.find(key);
	if (it != routes_.end())
		return it->second;
	dbs::DbsClientOptions options = defaults_;
	if (!key.empty())
		options.region = key;
	Route r;
	r.client = makeClient_(std::move(options));
	r.poller = std::make_unique<RestorePoller>(clock_, *r.client, limiter_, window_);
	r.backupSets = std::make_unique<BackupSetPoller>(*r.client, limiter_);
	return routes_.emplace(key, std::move(r)).first->second;
}

void RegionRoutes::stop()
{
	for (auto &[region, r] : routes_) {
		r.poller->stop();
		r.backupSets->stop();
	}
}

RegionRoutes::MakeClient dbsClientsOn(boost::asio::io_context &io)
{
	return [&io](dbs::DbsClientOptions options) {
		return std::make_unique<dbs::DbsClient>(io, std::move(options));
	};
}

} // namespace restored
