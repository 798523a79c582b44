// SPDX-License-Identifier: Apache-2.0
#include "daemon/RegionRoutes.h"

#include <boost/asio/io_context.hpp>

namespace restored {

RegionRoutes::RegionRoutes(boost::asio::io_context &io, dbs::DbsClientOptions defaults, ApiRateLimiter &limiter,
			   std::chrono::milliseconds coalesceWindow)
	: io_(io), defaults_(std::move(defaults)), limiter_(limiter), window_(coalesceWindow)
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
	r.client = std::make_unique<dbs::DbsClient>(io_, std::move(options));
	r.poller = std::make_unique<RestorePoller>(io_.get_executor(), *r.client, limiter_, window_);
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

} // namespace restored
