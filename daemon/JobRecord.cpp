// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobRecord.h"

#include <exception>

#include <boost/json/object.hpp>

#include "config/JobSpecJson.h"
#include "statemachine/JobRunJson.h"

namespace restored {

boost::json::value jobRecordToJson(const config::JobSpec &spec, const statemachine::JobRun &run)
{
	return boost::json::object{
		{"spec", config::toJson(spec)},
		{"run", statemachine::toJson(run)},
	};
}

std::variant<JobRecord, std::string> parseJobRecord(const boost::json::value &payload)
{
	// Each codec reports what it refuses by throwing (JobSpecJson.h,
	// JobRunJson.h), and a wrong JSON type throws boost's system_error:
	// every one of them makes the record unusable, so one catch reports it.
	try {
		const auto &obj = payload.as_object();
		JobRecord record{config::jobSpecFromJson(obj.at("spec")), statemachine::jobRunFromJson(obj.at("run"))};
		return record;
	} catch (const std::exception &e) {
		return std::string(e.what());
	}
}

} // namespace restored
