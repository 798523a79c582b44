// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <variant>

#include <boost/json/value.hpp>

#include "config/JobSpec.h"
#include "statemachine/JobRun.h"

namespace restored {

// The payload of a job's state file (docs/state-file.md):
// {"spec": <JobSpec>, "run": <JobRun>}. The spec is the definition the run
// started with, so a restarted daemon continues the run with it and not
// with whatever the job file says now. The two halves have their own codecs
// (config/JobSpecJson.h, statemachine/JobRunJson.h); this is the one place
// that puts them together and takes them apart.
struct JobRecord {
	config::JobSpec spec;
	statemachine::JobRun run;
};

// Pure.
boost::json::value jobRecordToJson(const config::JobSpec &spec, const statemachine::JobRun &run);

// The record, or why it cannot be used (not an object, a key missing, a
// spec or run its codec refuses). Pure.
std::variant<JobRecord, std::string> parseJobRecord(const boost::json::value &payload);

} // namespace restored
