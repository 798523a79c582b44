// SPDX-License-Identifier: Apache-2.0
#pragma once

// Job definitions for the daemon core's unit tests, parsed from job-file
// text as the daemon parses them (so each has its spec hash).

#include <stdexcept>
#include <string>

#include "config/JobFileParser.h"

namespace restored::test {

// A 1 s poll; retries from 100 ms up to 2 s, without jitter so that every
// wait is exact.
inline const std::string shortTiming =
	"retry: {max_attempts: 4, initial_backoff: 100ms, max_backoff: 2s, jitter: none}\n"
	"poll_interval: 1s\n"
	"stall_timeout: 1h\n"
	"deadline: 6h\n";

inline config::JobSpecPtr jobSpec(const std::string &id, const std::string &steps,
				  const std::string &timing = shortTiming)
{
	std::string text = "steps:\n" + steps + timing;
	auto parsed = config::parseJobText(text, "/etc/dbs-restored/jobs.d/" + id + ".yaml", config::JobDefaults{});
	if (!parsed.ok())
		throw std::invalid_argument("bad test job " + id + ": " + parsed.errors.front().format());
	return std::make_shared<const config::JobSpec>(std::move(*parsed.spec));
}

// One step: start the restore task that already exists (StartRestoreTask).
inline config::JobSpecPtr startExistingJob(const std::string &id, const std::string &taskId,
					   const std::string &timing = shortTiming)
{
	return jobSpec(id, "  - restore:\n      restore_task_id: " + taskId + "\n", timing);
}

// One step: a full backup of the plan (StartBackupPlan), then its new set
// polled until it is done.
inline config::JobSpecPtr backupJob(const std::string &id, const std::string &planId)
{
	return jobSpec(id, "  - backup:\n      backup_plan_id: " + planId + "\n      wait_for_backup_set: true\n");
}

} // namespace restored::test
