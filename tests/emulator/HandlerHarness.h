// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
	{}

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

// The RestoreTaskIds of a DescribeRestoreTaskList answer, in order.
inline std::vector<std::string> taskIds(const boost::json::object &o)
{
	std::vector<std::string> out;
	for (const auto &t : o.at("Items").at("RestoreTaskDetail").as_array())
		out.emplace_back(t.at("RestoreTaskId").as_string());
	return out;
}

// How many calls of action ended as what (ok, replayed, business_error, ...).
inline std::int64_t outcomeCount(HandlerHarness &h, const char *action, const char *what)
{
	auto a = h.state().at("stats").at("actions").as_object();
	if (!a.contains(action))
		return 0;
	auto o = a.at(action).at("outcomes").as_object();
	return o.contains(what) ? o.at(what).as_int64() : 0;
}

} // namespace emutest
