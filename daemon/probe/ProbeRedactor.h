// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "daemon/probe/ProbeReport.h"

namespace restored::probe {

// Replaces account-specific ids (plans, tasks, backup sets, the access key
// id) with stable placeholders ("plan-1", "task-2", ...) so a report can be
// shared. The same id always gets the same placeholder, numbered in the
// order ids were first noted, so two reports of one account compare.
// Secrets are never noted here: they never enter a report in the first
// place. Owned by ProbeSession; one thread.
class Redactor
{
public:
	// `kind` names the placeholder ("plan", "task", "set", "key").
	// Empty ids and ids noted before are ignored.
	void note(const std::string &id, const std::string &kind);

	// Every noted id inside `text` replaced (longest ids first, so an id
	// that contains another is replaced whole).
	std::string apply(const std::string &text) const;
	void apply(boost::json::value &v) const;
	void apply(ProbeReport &r) const;

private:
	std::map<std::string, std::string> placeholders_;
	std::map<std::string, int> counts_;
};

} // namespace restored::probe
