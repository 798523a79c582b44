// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/os/JobEventKind.h"
#include "daemon/os/Logging.h"

namespace restored::os {

// The structured fields of one job event. Empty strings and unset
// optionals are left out of the record. There is deliberately no field
// that could carry a secret: only ids, codes and counters. Every member
// has an initializer so designated initializers ({.jobId = ...}) compile
// cleanly under -Wextra.
struct JobEventFields {
	std::string jobId{};           // JOB_ID
	std::string runId{};           // RUN_ID
	std::string hook{};            // HOOK: "verify" or "notify", for a hook's own events
	std::string step{};            // STEP, e.g. "2/3 restore"
	std::string state{};           // STATE, the run's state-machine state
	std::string restoreTaskId{};   // RESTORE_TASK_ID
	std::string backupPlanId{};    // BACKUP_PLAN_ID
	std::optional<int> attempt{};  // ATTEMPT, 1-based
	std::string errorCode{};       // ERROR_CODE, as DBS or the transport said
	std::string errorClass{};      // ERROR_CLASS, base::toString(ErrorClass)
	std::string requestId{};       // REQUEST_ID of the API call
	std::optional<int> progress{}; // PROGRESS, percent
};

// Writes job events: to journald as one record with MESSAGE_ID, EVENT and
// the fields above (sd_journal_sendv, because spdlog's systemd sink cannot
// send custom fields), or to the spdlog logger as one readable line.
// Owned by the daemon; used only from its single io_context thread.
class JobEventLog
{
public:
	// target must be resolved (not Auto). For Stderr the lines go to `logger`,
	// whose level also filters journald records.
	explicit JobEventLog(LogTarget target, std::shared_ptr<spdlog::logger> logger = spdlog::default_logger());

	// priority: the syslog priority of this record when the event's own
	// (JobEventKindInfo) is not the whole story, as for a retry that is a
	// notice when transient and a warning when throttled.
	void log(JobEventKind kind, const JobEventFields &fields, std::string_view message,
		 std::optional<int> priority = std::nullopt);

	// How many events of a kind were logged since start, whatever the log
	// level lets through (dbs_restored_state_write_errors_total).
	std::uint64_t count(JobEventKind kind) const { return counts_[static_cast<std::size_t>(kind)]; }

	// Pure helpers, exposed for tests.
	// "KEY=value" strings, MESSAGE first, in a fixed order.
	static std::vector<std::string> journalFields(JobEventKind kind, const JobEventFields &fields,
						      std::string_view message,
						      std::optional<int> priority = std::nullopt);
	// "event=succeeded job=nightly restore_task=rt1 ... : message"
	static std::string formatLine(JobEventKind kind, const JobEventFields &fields, std::string_view message);
	static spdlog::level::level_enum levelFor(JobEventKind kind);
	static spdlog::level::level_enum levelFor(int priority);

private:
	LogTarget target_;
	std::shared_ptr<spdlog::logger> logger_;
	std::array<std::uint64_t, jobEventKinds.size()> counts_{};
};

} // namespace restored::os
