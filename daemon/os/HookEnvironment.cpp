// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookEnvironment.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "base/Strings.h"

namespace restored::os {

namespace {

// Whole seconds: what a shell script compares with `-gt` without help.
std::string seconds(const std::optional<std::int64_t> &ms) { return ms ? std::to_string(*ms / 1000) : std::string(); }

std::string databasesJson(const std::vector<std::pair<std::string, std::string>> &databases)
{
	boost::json::array a;
	for (const auto &[source, target] : databases)
		a.push_back(boost::json::object{{"source", source}, {"target", target}});
	return boost::json::serialize(a);
}

} // namespace

std::vector<std::string> hookEnvironment(const HookContext &c)
{
	std::vector<std::pair<std::string, std::string>> vars = {
		{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		{"DBS_HOOK", c.hook},
		{"DBS_JOB_ID", c.jobId},
		{"DBS_RUN_ID", c.runId},
		{"DBS_OUTCOME", c.outcome},
		{"DBS_REASON", c.reason},
		{"DBS_VERIFICATION", c.verification},
		{"DBS_CONDITIONS", base::join(c.conditions, " ")},
		{"DBS_RESTORE_TASK_ID", c.restoreTaskId},
		{"DBS_BACKUP_PLAN_ID", c.backupPlanId},
		{"DBS_BACKUP_SET_ID", c.backupSetId},
		{"DBS_DEST_INSTANCE_ID", c.instanceId},
		{"DBS_DEST_REGION", c.region},
		{"DBS_DEST_IP", c.ip},
		{"DBS_DEST_PORT", c.port ? std::to_string(*c.port) : std::string()},
		{"DBS_DEST_USER", c.user},
		{"DBS_DEST_DATABASES", databasesJson(c.databases)},
		{"DBS_DEST_PASSWORD_FILE", c.passwordFile},
		{"DBS_RESTORE_DURATION_SECONDS", seconds(c.restoreDurationMs)},
		{"DBS_RTO_OBJECTIVE_SECONDS", seconds(c.rtoObjectiveMs)},
		{"DBS_RTO_MET", c.rtoMet ? (*c.rtoMet ? "true" : "false") : ""},
	};
	std::vector<std::string> env;
	for (auto &[name, value] : vars) {
		// execve() would end the value at its first NUL without a word;
		// dropping the NULs keeps the rest of a value from DBS visible.
		std::erase(value, '\0');
		env.push_back(name + "=" + value);
	}
	std::sort(env.begin(), env.end());
	return env;
}

} // namespace restored::os
