// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "tests/emulator/SignedRequests.h"
#include "tests/emulator/TestFixture.h"

namespace emutest {

// Drives an in-process ApiHandler with signed V1 GET calls and a manual
// wall clock. One per test.
class HandlerHarness
{
public:
	explicit HandlerHarness(emulator::EmulatorOptions o = {}) : api(makeHandler(std::move(o))) {}
	explicit HandlerHarness(const emulator::Fixture &f, emulator::EmulatorOptions o = {})
		: api(makeHandler(f, std::move(o)))
	{
	}

	emulator::HttpResponse raw(const std::string &action, const dbs::ParamMap &p)
	{
		return api.handle(signedRequest(Style::V1Get, action, p, {}, now), now);
	}
	// The parsed body of a call (any status).
	boost::json::object call(const std::string &action, const dbs::ParamMap &p)
	{
		last = raw(action, p);
		return parseJson(last.body).as_object();
	}
	boost::json::object state() { return api.state(now); }

	emulator::ApiHandler api;
	std::int64_t now = t0;
	emulator::HttpResponse last;
};

} // namespace emutest
