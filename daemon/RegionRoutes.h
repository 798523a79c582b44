// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "daemon/BackupSetPoller.h"
#include "daemon/RestorePoller.h"
#include "dbs/DbsApi.h"
#include "dbs/DbsClient.h"

namespace boost::asio {
class io_context;
}

namespace restored {

class ApiRateLimiter;
namespace os {
class Clock;
} // namespace os

// One DBS client and its pollers (RestorePoller, BackupSetPoller) per DBS
// region the jobs name, so one daemon serves jobs in several regions with
// one access key. Polls batch within a region only: a
// DescribeRestoreTaskList goes to one endpoint.
// With an explicit api.endpoint every region shares the default route (the
// explicit endpoint always wins). All routes share the one rate limiter:
// the API quota is the account's.
//
// Owned by the Daemon, which outlives every Job; used only on the daemon's
// io_context thread.
class RegionRoutes
{
public:
	// Makes the client of a route from its options (the region filled in).
	using MakeClient = std::function<std::unique_ptr<dbs::DbsApi>(dbs::DbsClientOptions options)>;

	// Builds the default route now, so a bad endpoint or CA file is a
	// startup error (throws as DbsClient does).
	RegionRoutes(os::Clock &clock, dbs::DbsClientOptions defaults, MakeClient makeClient, ApiRateLimiter &limiter,
		     std::chrono::milliseconds coalesceWindow);

	// region "" is the main config's api.region.
	dbs::DbsApi &client(const std::string &region) { return *route(region).client; }
	RestorePoller &poller(const std::string &region) { return *route(region).poller; }
	BackupSetPoller &backupSets(const std::string &region) { return *route(region).backupSets; }

	// Stops every poller; no answer is called after this.
	void stop();

private:
	struct Route {
		std::unique_ptr<dbs::DbsApi> client;
		std::unique_ptr<RestorePoller> poller;
		std::unique_ptr<BackupSetPoller> backupSets;
	};
	Route &route(const std::string &region);

	os::Clock &clock_;
	dbs::DbsClientOptions defaults_;
	MakeClient makeClient_;
	ApiRateLimiter &limiter_;
	std::chrono::milliseconds window_;
	std::map<std::string, Route> routes_;
};

// The daemon's MakeClient: a DbsClient on io.
RegionRoutes::MakeClient dbsClientsOn(boost::asio::io_context &io);

} // namespace restored
