// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "daemon/probe/ProbeCaller.h"
#include "daemon/probe/ProbeRedactor.h"
#include "daemon/probe/ProbeReport.h"

namespace restored::probe {

// The probe's plan of calls (docs/operations.md, "Probing the live
// service"): list the tasks, then ask each undocumented point with the
// fewest calls, every later call chosen from what the listing showed.
// Every call goes through ProbeCaller, which can only send Describe calls;
// a failed call leaves its finding undetermined and the rest go on.
//
// Owned by the --probe run in main(); single thread.
class ProbeSession
{
public:
	// `plan`: --plan, or "" to probe the account's tasks and pick the plan
	// with most of them. `endpointSource`, `tls`: for the endpoint finding.
	ProbeSession(ProbeCaller &caller, std::string plan, std::string endpointSource, std::string tls);

	ProbeReport run();

	// Every account-specific id seen, for --redact.
	const Redactor &redactor() const { return redactor_; }

	// A well-formed id of the same shape as `like` that is none of `taken`:
	// its last characters zeroed. Pure; public for tests.
	static std::string absentIdLike(const std::string &like, const std::vector<std::string> &taken);

private:
	std::vector<Exchange> listTasks();
	void choosePlan(const std::vector<boost::json::object> &tasks, std::int64_t total);
	void noteIds(const std::vector<boost::json::object> &tasks);

	ProbeCaller &caller_;
	std::string plan_;
	bool planGiven_;
	std::size_t planTasks_ = 0;
	std::string endpointSource_;
	std::string tls_;
	Redactor redactor_;
};

} // namespace restored::probe
