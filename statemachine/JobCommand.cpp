// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobCommand.h"

namespace statemachine {

std::string_view toString(LogKind k)
{
	switch (k) {
	case LogKind::RunStarted: return "run_started";
	case LogKind::RunResumed: return "run_resumed";
	case LogKind::StepStarted: return "step_started";
	case LogKind::CallSent: return "call_sent";
	case LogKind::CallFailed: return "call_failed";
	case LogKind::RetryScheduled: return "retry_scheduled";
	case LogKind::ClockSkew: return "clock_skew";
	case LogKind::StartAdopted: return "start_adopted";
	case LogKind::RestoreStarted: return "restore_started";
	case LogKind::Progress: return "progress";
	case LogKind::Paused: return "paused";
	case LogKind::Unpaused: return "unpaused";
	case LogKind::UnknownStatus: return "unknown_status";
	case LogKind::TaskFailed: return "task_failed";
	case LogKind::StepSucceeded: return "step_succeeded";
	case LogKind::Succeeded: return "succeeded";
	case LogKind::Failed: return "failed";
	case LogKind::Cancelled: return "cancelled";
	case LogKind::RestoreKeepsRunning: return "restore_keeps_running";
	case LogKind::Stalled: return "stalled";
	case LogKind::DeadlineExceeded: return "deadline_exceeded";
	case LogKind::ShutdownSaved: return "shutdown_saved";
	case LogKind::SpecChanged: return "spec_changed";
	case LogKind::EventIgnored: return "event_ignored";
	case LogKind::InternalError: return "internal_error";
	case LogKind::Verification: return "verification";
	case LogKind::RtoMissed: return "rto_missed";
	case LogKind::NotifyFailed: return "notify_failed";
	case LogKind::SetEndUnknown: return "set_end_unknown";
	}
	return "?";
}

std::string_view toString(TimerKind k)
{
	switch (k) {
	case TimerKind::Retry: return "retry";
	case TimerKind::Poll: return "poll";
	case TimerKind::Deadline: return "deadline";
	case TimerKind::Stall: return "stall";
	}
	return "?";
}

std::string_view toString(HookKind k) { return k == HookKind::Verify ? "verify" : "notify"; }

} // namespace statemachine
