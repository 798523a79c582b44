// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "emulator/Fixture.h"
#include "tests/emulator/HandlerHarness.h"

namespace emutest {

// The account of the dialect tests: one task per end state, a task whose
// precheck fails, one that vanishes (on a plan of its own, so that listing
// dbsplandemo01 does not wear it out), and enough tasks to page through.
inline const char *dialectAccountYaml = R"(
access_keys:
  - id: LTAI5tDemoAccessKey01
    secret: demo-secret-not-for-production
backup_plans:
  - id: dbsplandemo01
    restore_duration: 100m
    backup_sets: [dbsbsdemo01]
  - id: planprecheck
    precheck: fail
    precheck_error: "Precheck failed: plan-level reason"
    vanish_after: 3
    backup_sets: [bsprecheck]
  - id: planvanish
restore_tasks:
  - {id: rt-ok, backup_plan_id: dbsplandemo01}
  - {id: rt-stop, backup_plan_id: dbsplandemo01, outcome: stop, error_message: "disk full"}
  - {id: rt-pause, backup_plan_id: dbsplandemo01, outcome: pause}
  - id: rt-precheck
    backup_plan_id: dbsplandemo01
    precheck: fail
    precheck_error: "Precheck failed: no route to rm-demo"
  - {id: rt-vanish, backup_plan_id: planvanish, vanish_after: 2}
generate_restore_tasks:
  - {id_prefix: rt-g, count: 12, backup_plan_id: dbsplandemo01}
)";

// The dialect account with "dialect:" holding dialectBody (indented YAML).
inline emulator::Fixture dialectFixture(const std::string &dialectBody = "")
{
	std::string yaml = dialectAccountYaml;
	if (!dialectBody.empty())
		yaml += "dialect:\n" + dialectBody;
	return emulator::parseFixture(yaml, "dialect.yaml");
}

// One task as DescribeRestoreTaskList shows it (empty object if absent).
inline boost::json::object listedTask(HandlerHarness &h, const std::string &id)
{
	auto o = h.call("DescribeRestoreTaskList", {{"RestoreTaskId", id}});
	const auto &items = o.at("Items").at("RestoreTaskDetail").as_array();
	return items.empty() ? boost::json::object() : items.at(0).as_object();
}

// CreateRestoreTask on plan from backupSet; the new task's id.
inline std::string createTask(HandlerHarness &h, const std::string &plan, const std::string &name,
			      const std::string &backupSet)
{
	auto created = h.call("CreateRestoreTask", {{"BackupPlanId", plan},
						    {"RestoreTaskName", name},
						    {"DestinationEndpointInstanceType", "Other"},
						    {"BackupSetId", backupSet}});
	return h.last.status == 200 ? std::string(created.at("RestoreTaskId").as_string()) : std::string();
}

// One task of /_emulator/state.
inline boost::json::object stateOf(HandlerHarness &h, const std::string &id)
{
	const auto state = h.state(); // the loop must not outlive it
	for (const auto &t : state.at("restore_tasks").as_array())
		if (t.at("id").as_string() == id)
			return t.as_object();
	return {};
}

} // namespace emutest
