// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/MainConfig.h"
#include "daemon/ApiRateLimiter.h"
#include "daemon/os/AsioClock.h"
#include "daemon/probe/ProbeExchange.h"
#include "dbs/DbsClient.h"
#include "dbs/HttpTransport.h"
#include "dbs/RequestBuilder.h"

namespace boost::asio {
class io_context;
}

namespace restored::probe {

// Sends the probe's read-only calls, one at a time, at the configured rate
// limit, and stops sending once the call budget is spent. It builds
// requests itself (RequestBuilder + HttpTransport, not DbsClient's typed
// calls) because the findings need the raw status, headers and body, and so
// that nothing here can name a mutating action: call() takes a ReadAction.
//
// Owned by the --probe run in main(); single thread. call() runs the
// io_context until its answer arrives: the transport's total timeout
// bounds each wait.
class ProbeCaller
{
public:
	// Throws std::invalid_argument (bad endpoint) or std::runtime_error (CA file).
	ProbeCaller(boost::asio::io_context &io, const dbs::DbsClientOptions &options, const config::RateLimit &rate,
		    int budget);

	// Signed with `style`, or the configured style.
	Exchange call(ReadAction action, dbs::ParamMap params, std::optional<dbs::SignatureStyle> style = {});

	const std::vector<Exchange> &all() const { return all_; }
	int made() const { return made_; }
	int budget() const { return budget_; }
	const std::map<std::string, int> &byAction() const { return byAction_; }
	const dbs::Endpoint &endpoint() const { return ctx_.endpoint; }
	dbs::SignatureStyle configuredStyle() const { return configured_; }
	const std::string &accessKeyId() const { return ctx_.credentials.accessKeyId; }

private:
	boost::asio::io_context &io_;
	dbs::RequestBuilder::Context ctx_;
	dbs::SignatureStyle configured_;
	dbs::HttpTransport transport_;
	os::AsioClock clock_;
	ApiRateLimiter limiter_;
	int budget_;
	int made_ = 0;
	std::map<std::string, int> byAction_;
	std::vector<Exchange> all_;
};

} // namespace restored::probe
