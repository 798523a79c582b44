// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "statemachine/ApiAction.h"
#include "statemachine/JobRun.h"

namespace statemachine {

// What a JobMachine asks its daemon to do, in order. The daemon executes the
// commands of one event in the order given; in particular a Persist that
// precedes a CallApi must be durable before the call is sent.

// Build the request from the spec and the run record, sign and send it, and
// answer with ApiSucceeded or ApiFailed (or JobErrorCodeAnswered for
// DescribeJobErrorCode). clientToken is empty for reads.
struct CallApi {
	ApiAction action;
	std::string clientToken;
	int stepIndex = 0;
};

// Poll the restore task (batched DescribeRestoreTaskList) once, and answer
// with RestorePolled. A failed poll is the daemon's to retry; the machine's
// deadline bounds the wait.
struct WantPoll {
	std::string restoreTaskId;
};

// Poll the full backup set (DescribeFullBackupList) once; answer with
// BackupSetPolled.
struct WantBackupSetPoll {
	std::string backupPlanId;
	std::string backupSetId;
};

// Read the full backup set's item once (DescribeFullBackupList by plan and
// set id) for the drill record's RPO evidence, and answer with
// BackupSetDescribed, also when the read failed. Never retried: the
// evidence is best-effort and never holds up or fails a run.
struct LookUpBackupSet {
	std::string backupPlanId;
	std::string backupSetId;
};

// One timer per kind per job: arming a kind replaces the previous timer of
// that kind. When it fires, answer with TimerFired{kind}.
enum class TimerKind { Retry, Poll, Deadline, Stall };

struct ArmTimer {
	TimerKind kind;
	std::int64_t atMs = 0; // epoch ms
};

// Write JobMachine::run() to the state file (atomically) now.
struct Persist {};

// A job's restore-drill hooks (config/HookSpec.h).
enum class HookKind { Verify, Notify };

// Run the job's verify or notify hook, its environment made from the spec
// and the run record (daemon/os/HookEnvironment.h), and answer with
// HookFinished. A job runs one hook at a time: a new RunHook, or the end
// of the run, stops the one running. A Persist before it is on disk before
// the hook starts, so a restart never runs a hook whose result the
// machine had recorded.
struct RunHook {
	HookKind kind = HookKind::Verify;
};

// Append the run's record (made from the spec and the run record) to the
// drill history. A restart may ask again for a run whose append it did not
// know to be on disk; the history keeps one record per run.
struct AppendHistory {};

// Stable kinds: the daemon maps each to a journald MESSAGE_ID.
enum class LogKind {
	RunStarted,
	RunResumed,
	StepStarted,
	CallSent,
	CallFailed,
	RetryScheduled,
	ClockSkew,    // InvalidTimeStamp: our clock is off; loud
	StartAdopted, // a re-sent start was refused as "already running": treated as started
	RestoreStarted,
	Progress,
	Paused,
	Unpaused,
	UnknownStatus, // once per run
	TaskFailed,
	StepSucceeded,
	Succeeded,
	Failed,
	Cancelled,
	RestoreKeepsRunning, // DBS has no call to stop a restore task
	Stalled,
	DeadlineExceeded,
	ShutdownSaved,
	SpecChanged,
	EventIgnored,  // no transition for an event in this state (never aborts)
	InternalError, // an action threw; the machine stays where it was
	Verification,  // the verify hook's verdict
	RtoMissed,     // the restore took longer than rto_objective; the run still succeeds
	NotifyFailed,  // the notify hook did not exit 0; the outcome stands
	SetEndUnknown, // the restored set's end time could not be read; the record leaves it empty
};

enum class Severity { Debug, Info, Notice, Warning, Error };

struct Log {
	LogKind kind;
	Severity severity = Severity::Info;
	std::string message;
	std::vector<std::pair<std::string, std::string>> fields; // e.g. {"RESTORE_TASK_ID", "..."}
};

// The run reached a terminal outcome; the record is already persisted.
struct Finished {
	Outcome outcome;
	std::string reason;
};

using Command = std::variant<CallApi, WantPoll, WantBackupSetPoll, ArmTimer, Persist, Log, Finished, RunHook,
			     AppendHistory, LookUpBackupSet>;
using Commands = std::vector<Command>;

std::string_view toString(LogKind k);
std::string_view toString(TimerKind k);
std::string_view toString(HookKind k); // "verify", "notify"

} // namespace statemachine
