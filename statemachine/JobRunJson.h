// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "statemachine/JobRun.h"

namespace statemachine {

// The on-disk form of a JobRun (the daemon's state file). Enums are written
// as strings so that a state file stays readable and survives reordering.
// Pure; any thread.
boost::json::value toJson(const JobRun &run);
std::string serializeJobRun(const JobRun &run);

// Throws BadJobRun naming the offending field when the document is not a
// run record written by serializeJobRun.
JobRun jobRunFromJson(const boost::json::value &v);
JobRun parseJobRun(std::string_view text);

struct BadJobRun : std::runtime_error {
	using std::runtime_error::runtime_error;
};

} // namespace statemachine
