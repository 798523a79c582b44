// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cassert>
#include <string_view>

namespace restored::os {

// Every kind of job event the daemon logs. Each has a fixed 128-bit
// MESSAGE_ID so operators can select it with `journalctl MESSAGE_ID=...`
// (docs/operations.md lists them). Never change an id once released;
// add a new kind instead.
enum class JobEventKind {
	JobQueued,
	JobStarted,
	JobInvalid,
	StepStarted,
	ApiCallSent,
	ApiCallFailed,
	RetryScheduled,
	RestoreStarted,
	Progress,
	Paused,
	UnknownStatus,
	Resumed,
	Succeeded,
	Failed,
	Cancelled,
	Stalled,
	DeadlineExceeded,
	StateCorrupt,
	StateWriteFailed,
	DaemonStarted,
	ConfigReloaded,
	Shutdown,
	ClockSkew,
	StartAdopted,
	Unpaused,
	TaskFailed,
	StepSucceeded,
	RestoreKeepsRunning,
	SpecChanged,
	EventIgnored,
	InternalError,
	Metrics,
	HookStarted,
	HookOutput,
	HookFailed,
	Verification,
	RtoMissed,
	HistoryWriteFailed,
};

struct JobEventKindInfo {
	JobEventKind kind;
	std::string_view name;      // EVENT= field and the stderr line
	std::string_view messageId; // MESSAGE_ID=, 32 lowercase hex digits
	int priority;               // syslog priority: 3 err, 4 warning, 5 notice, 6 info, 7 debug
};

inline constexpr std::array<JobEventKindInfo, 38> jobEventKinds{{
	{JobEventKind::JobQueued, "job_queued", "78d70fdc2bea490a88e92d01da9f2c12", 6},
	{JobEventKind::JobStarted, "job_started", "74a6ee7c21b04fadbf30bbdc939966aa", 6},
	{JobEventKind::JobInvalid, "job_invalid", "2032e9548cb04e8fbcc31e8ad3f91a10", 3},
	{JobEventKind::StepStarted, "step_started", "13e71e16745042a1b5a8f5f06d44e048", 6},
	{JobEventKind::ApiCallSent, "api_call_sent", "8a298ee4c2514fedb1ec06e632fb07b3", 7},
	{JobEventKind::ApiCallFailed, "api_call_failed", "700f73d468ba4a889607cacc695909de", 4},
	{JobEventKind::RetryScheduled, "retry_scheduled", "327f3969997d43169dc32a39c25ef4e2", 5},
	{JobEventKind::RestoreStarted, "restore_started", "db7b4b9338c0447198e55f4f95b586e5", 6},
	{JobEventKind::Progress, "progress", "69a926cca7674a22a1ee51020758b8c1", 6},
	{JobEventKind::Paused, "paused", "ffd410ca153045aabca13d23a31ea4cb", 5},
	{JobEventKind::UnknownStatus, "unknown_status", "bc0eff62108b4ee980fea3e5f292dfac", 4},
	{JobEventKind::Resumed, "resumed", "3f5ee7762b584911a5a59554322d34ee", 5},
	{JobEventKind::Succeeded, "succeeded", "88a969ce7a934ec0896b363e6e9b1b73", 5},
	{JobEventKind::Failed, "failed", "b368f7a246df4e918d09afcf9648c3ac", 3},
	{JobEventKind::Cancelled, "cancelled", "bad940fb3a454e4c86986f2096a285b1", 5},
	{JobEventKind::Stalled, "stalled", "d8a5b3fa7dd64e3e86f29825a7e97efd", 4},
	{JobEventKind::DeadlineExceeded, "deadline_exceeded", "cc022c92244d47d699d28a7b6be688de", 3},
	{JobEventKind::StateCorrupt, "state_corrupt", "0fa865467a9b4e4fab8f8fadcd602082", 3},
	{JobEventKind::StateWriteFailed, "state_write_failed", "7ecaf19d52c64fcaace7db9d91bfc70f", 3},
	{JobEventKind::DaemonStarted, "daemon_started", "5fcc8e7e226244edaccefbb39170a8dd", 6},
	{JobEventKind::ConfigReloaded, "config_reloaded", "a853c431d9a1440fb040abe091c2d084", 5},
	{JobEventKind::Shutdown, "shutdown", "7b12a112fc494c20a2e5a5765fc0bf49", 5},
	{JobEventKind::ClockSkew, "clock_skew", "17f8c824a8de4763afa04a55126ae31e", 4},
	{JobEventKind::StartAdopted, "start_adopted", "22a4a7a2eb514b248baaf38f14502681", 5},
	{JobEventKind::Unpaused, "unpaused", "58f8205a0fed48048f2bd7a72752e245", 5},
	{JobEventKind::TaskFailed, "task_failed", "4a89839c06914909a8446b60031be02d", 3},
	{JobEventKind::StepSucceeded, "step_succeeded", "634f9ce599ab46d785d1723bae66ce69", 6},
	{JobEventKind::RestoreKeepsRunning, "restore_keeps_running", "22e0b33e8625457abd5f5f12a21f8d53", 4},
	{JobEventKind::SpecChanged, "spec_changed", "7ee8b208dc1444b6ab75671e98fbd3e8", 5},
	{JobEventKind::EventIgnored, "event_ignored", "219b6d21c41541a89c318711a6029e1f", 7},
	{JobEventKind::InternalError, "internal_error", "e2eee585bac94c10af980918d41852ae", 3},
	{JobEventKind::Metrics, "metrics", "91ab295cf0254d169b7491a2f84e906f", 4},
	{JobEventKind::HookStarted, "hook_started", "ab841eb215bb46659f5fe3112937df68", 6},
	{JobEventKind::HookOutput, "hook_output", "0e062600e9f94fa8afeb2535f18e237d", 6},
	{JobEventKind::HookFailed, "hook_failed", "e26acba3a2204b04b5d65a7390622253", 4},
	{JobEventKind::Verification, "verification", "2b3faec2ebb04ba5a62e3aaa0f4b98e1", 5},
	{JobEventKind::RtoMissed, "rto_missed", "3f48f67001844512a0cfa3e2c216aa71", 4},
	{JobEventKind::HistoryWriteFailed, "history_write_failed", "18c110c984a045dfbf52f83e358cf68a", 3},
}};

constexpr const JobEventKindInfo &info(JobEventKind kind)
{
	const auto &i = jobEventKinds[static_cast<std::size_t>(kind)];
	assert(i.kind == kind);
	return i;
}

} // namespace restored::os
