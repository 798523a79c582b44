// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "emulator/Authenticator.h"
#include "emulator/DbsActions.h"
#include "emulator/DbsModel.h"
#include "emulator/FaultInjector.h"
#include "emulator/Fixture.h"
#include "emulator/HttpMessage.h"
#include "emulator/IdempotencyCache.h"
#include "emulator/Replies.h"
#include "emulator/SimClock.h"
#include "emulator/Stats.h"

namespace emulator {

struct EmulatorOptions {
	std::int64_t wallStartMs = 0; // the wall instant the simulation starts
	double timeScale = 1.0;
	std::optional<std::string> terminalStatus; // --terminal-status: overrides the dialect's success_status
	FaultPlan faults;
	std::uint64_t seed = 1;
};

// The whole emulated service behind "/": request parsing, gateway checks,
// faults, idempotency, the DBS actions, and "/_emulator/state". Pure: the
// caller passes the wall time of each request, and socket-level faults come
// back as a Delivery directive. Owned by main (or a test); called on one
// thread at a time (the server's single io_context thread).
class ApiHandler
{
public:
	static constexpr std::string_view apiVersion = "2019-03-06";

	ApiHandler(const Fixture &fixture, EmulatorOptions options);
	// DbsActions points into this object.
	ApiHandler(const ApiHandler &) = delete;
	ApiHandler &operator=(const ApiHandler &) = delete;

	HttpResponse handle(const HttpRequest &request, std::int64_t wallNowMs);

	// The model and all counters as JSON (the body of /_emulator/state).
	boost::json::object state(std::int64_t wallNowMs) const;

	const SimClock &clock() const { return clock_; }

private:
	HttpResponse handleApi(const HttpRequest &request, std::int64_t wallNowMs);
	HttpResponse applyFault(HttpResponse r, const FaultDecision &f, const std::string &host);

	SimClock clock_;
	DbsModel model_;
	Authenticator auth_;
	FaultInjector faults_;
	IdempotencyCache idempotency_;
	Stats stats_;
	Replies replies_;
	DbsActions actions_;
};

} // namespace emulator
