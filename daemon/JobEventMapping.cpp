// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobEventMapping.h"

#include <cstdlib>

#include "daemon/Job.h"

namespace restored {

using statemachine::LogKind;

int priorityFor(statemachine::Severity severity)
{
	using statemachine::Severity;
	switch (severity) {
	case Severity::Debug: return 7;
	case Severity::Info: return 6;
	case Severity::Notice: return 5;
	case Severity::Warning: return 4;
	case Severity::Error: return 3;
	}
	return 6;
}

os::JobEventKind eventKindFor(LogKind kind)
{
	switch (kind) {
	case LogKind::RunStarted: return os::JobEventKind::JobStarted;
	case LogKind::RunResumed: return os::JobEventKind::Resumed;
	case LogKind::StepStarted: return os::JobEventKind::StepStarted;
	case LogKind::CallSent: return os::JobEventKind::ApiCallSent;
	case LogKind::CallFailed: return os::JobEventKind::ApiCallFailed;
	case LogKind::RetryScheduled: return os::JobEventKind::RetryScheduled;
	case LogKind::ClockSkew: return os::JobEventKind::ClockSkew;
	case LogKind::StartAdopted: return os::JobEventKind::StartAdopted;
	case LogKind::RestoreStarted: return os::JobEventKind::RestoreStarted;
	case LogKind::Progress: return os::JobEventKind::Progress;
	case LogKind::Paused: return os::JobEventKind::Paused;
	case LogKind::Unpaused: return os::JobEventKind::Unpaused;
	case LogKind::UnknownStatus: return os::JobEventKind::UnknownStatus;
	case LogKind::TaskFailed: return os::JobEventKind::TaskFailed;
	case LogKind::StepSucceeded: return os::JobEventKind::StepSucceeded;
	case LogKind::Succeeded: return os::JobEventKind::Succeeded;
	case LogKind::Failed: return os::JobEventKind::Failed;
	case LogKind::Cancelled: return os::JobEventKind::Cancelled;
	case LogKind::RestoreKeepsRunning: return os::JobEventKind::RestoreKeepsRunning;
	case LogKind::Stalled: return os::JobEventKind::Stalled;
	case LogKind::DeadlineExceeded: return os::JobEventKind::DeadlineExceeded;
	case LogKind::ShutdownSaved: return os::JobEventKind::Shutdown;
	case LogKind::SpecChanged: return os::JobEventKind::SpecChanged;
	case LogKind::EventIgnored: return os::JobEventKind::EventIgnored;
	case LogKind::InternalError: return os::JobEventKind::InternalError;
	case LogKind::Verification: return os::JobEventKind::Verification;
	case LogKind::RtoMissed: return os::JobEventKind::RtoMissed;
	case LogKind::NotifyFailed: return os::JobEventKind::HookFailed;
	case LogKind::SetEndUnknown: return os::JobEventKind::ApiCallFailed;
	}
	return os::JobEventKind::InternalError;
}

int overallProgress(const std::array<int, 4> &progress)
{
	int sum = 0;
	for (int p : progress)
		sum += std::clamp(p, 0, 100);
	return sum / 4;
}

namespace {

std::string stepLabel(const config::JobSpec &spec, int index)
{
	const auto &step = spec.steps[static_cast<std::size_t>(index)];
	bool backup = std::holds_alternative<config::BackupStep>(step.what);
	return std::to_string(index + 1) + "/" + std::to_string(spec.steps.size()) + (backup ? " backup" : " restore");
}

std::string planOf(const config::Step &step)
{
	if (auto *b = std::get_if<config::BackupStep>(&step.what))
		return b->backupPlanId;
	const auto &r = std::get<config::RestoreStep>(step.what);
	if (auto *c = std::get_if<config::CreateRestore>(&r.how))
		return c->backupPlanId;
	return {};
}

} // namespace

os::JobEventFields eventFields(const Job &job, const std::optional<base::ApiError> &lastError,
			       const statemachine::Log *log)
{
	os::JobEventFields f;
	f.jobId = job.id();
	const auto *run = job.run();
	const auto *spec = job.runningSpec();
	if (run)
		f.runId = run->runId;
	if (run && spec && !run->steps.empty()) {
		int i = std::clamp(run->stepIndex, 0, static_cast<int>(run->steps.size()) - 1);
		const auto &s = run->steps[static_cast<std::size_t>(i)];
		f.step = stepLabel(*spec, i);
		f.restoreTaskId = s.restoreTaskId;
		f.backupPlanId = s.backupPlanId.empty() ? planOf(spec->steps[static_cast<std::size_t>(i)])
							: s.backupPlanId;
		f.attempt = s.failedAttempts + 1;
		// A succeeded run is complete even if its last poll came before
		// DBS filled every progress field.
		if (run->outcome == statemachine::Outcome::Succeeded)
			f.progress = 100;
		else if (!s.restoreTaskId.empty())
			f.progress = overallProgress(run->lastProgress);
		f.errorCode = run->errCode;
		f.requestId = run->requestId;
	}
	if (auto state = job.machineState())
		f.state = std::string(statemachine::toString(*state));
	if (lastError && f.errorCode.empty()) {
		f.errorCode = lastError->code;
		f.errorClass = std::string(base::toString(lastError->errorClass));
		f.requestId = lastError->requestId;
	}
	if (log) {
		for (const auto &[key, value] : log->fields) {
			if (key == "ERROR_CODE")
				f.errorCode = value;
			else if (key == "REQUEST_ID")
				f.requestId = value;
			else if (key == "RESTORE_TASK_ID")
				f.restoreTaskId = value;
			else if (key == "ERROR_CLASS")
				f.errorClass = value;
		}
	}
	return f;
}

} // namespace restored
