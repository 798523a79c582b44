// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared helpers for the statemachine tests: a scripted random source, job
// specs shaped like the demo fixture's jobs, and command finders.

#include <cstdint>
#include <string>
#include <vector>

#include "config/JobSpec.h"
#include "statemachine/JobCommand.h"
#include "statemachine/RandomSource.h"

namespace statemachine::test {

inline config::JobSpecPtr shared(config::JobSpec spec)
{
	return std::make_shared<const config::JobSpec>(std::move(spec));
}

// Returns u-values in [0,1) from a script, cycling; next64 encodes them so
// that RandomSource::uniform01() gives them back exactly.
class ScriptedRandom final : public RandomSource
{
public:
	explicit ScriptedRandom(std::vector<double> us) : us_(std::move(us)) {}
	std::uint64_t next64() override
	{
		const double u = us_[i_++ % us_.size()];
		return static_cast<std::uint64_t>(u * 0x1.0p53) << 11;
	}

private:
	std::vector<double> us_;
	std::size_t i_ = 0;
};

constexpr std::int64_t t0 = 1'800'000'000'000; // an arbitrary epoch-ms start

inline config::JobSpec baseSpec(std::string id)
{
	config::JobSpec s;
	s.id = std::move(id);
	s.sourceFile = "/etc/dbs-restored/jobs/" + s.id + ".yaml";
	s.specHash = "hash-" + s.id;
	s.retry.maxAttempts = 4;
	s.retry.initialBackoff = std::chrono::seconds(1);
	s.retry.maxBackoff = std::chrono::seconds(60);
	s.pollInterval = std::chrono::seconds(30);
	s.stallTimeout = std::chrono::minutes(30);
	s.deadline = std::chrono::hours(6);
	return s;
}

inline config::JobSpec existingRestoreSpec(std::string taskId = "rtdemoexisting01")
{
	config::JobSpec s = baseSpec("existing");
	s.steps.push_back({config::RestoreStep{config::ExistingRestore{std::move(taskId)}}});
	return s;
}

inline config::CreateRestore createRestore(config::BackupSource source)
{
	config::CreateRestore c;
	c.backupPlanId = "dbsplandemo01";
	c.restoreTaskName = "nightly";
	c.destination.instanceType = "RDS";
	c.destination.region = "cn-hangzhou";
	c.destination.instanceId = "rm-demo";
	c.objects.push_back({"app", "app_restored"});
	c.source = std::move(source);
	return c;
}

inline config::JobSpec createRestoreSpec()
{
	config::JobSpec s = baseSpec("create");
	s.steps.push_back({config::RestoreStep{createRestore(config::PointInTime{t0 - 3'600'000})}});
	return s;
}

// The existing-restore job as a restore drill: a verify hook, a notify hook
// for `when` (by default every condition but a plain success) and a
// one-hour RTO objective.
inline config::JobSpec drillSpec(config::VerifyHook::OnFailure onFailure = config::VerifyHook::OnFailure::Fail,
				 std::vector<config::RunCondition> when = config::defaultNotifyWhen())
{
	config::JobSpec s = existingRestoreSpec();
	s.verify = config::VerifyHook{{"/usr/lib/dbs-restored/hooks/verify"}, std::chrono::minutes(10), onFailure};
	s.notify = config::NotifyHook{{"/usr/local/bin/page-oncall"}, std::chrono::minutes(1), std::move(when)};
	s.rtoObjective = std::chrono::hours(1);
	return s;
}

inline config::JobSpec backupThenRestoreSpec(bool wait)
{
	config::JobSpec s = baseSpec("backup-restore");
	s.steps.push_back({config::BackupStep{"dbsplandemo01", wait}});
	s.steps.push_back({config::RestoreStep{createRestore(config::FromPreviousBackup{})}});
	return s;
}

template<class T>
std::vector<T> all(const Commands &cs)
{
	std::vector<T> out;
	for (const Command &c : cs)
		if (const T *t = std::get_if<T>(&c))
			out.push_back(*t);
	return out;
}

template<class T>
const T *first(const Commands &cs)
{
	for (const Command &c : cs)
		if (const T *t = std::get_if<T>(&c))
			return t;
	return nullptr;
}

template<class T>
int indexOf(const Commands &cs)
{
	for (std::size_t i = 0; i < cs.size(); ++i)
		if (std::holds_alternative<T>(cs[i]))
			return static_cast<int>(i);
	return -1;
}

inline int countLogs(const Commands &cs, LogKind kind)
{
	int n = 0;
	for (const Log &l : all<Log>(cs))
		n += l.kind == kind;
	return n;
}

inline const Log *findLog(const Commands &cs, LogKind kind)
{
	for (const Command &c : cs)
		if (const Log *l = std::get_if<Log>(&c); l && l->kind == kind)
			return l;
	return nullptr;
}

inline std::vector<ArmTimer> timers(const Commands &cs, TimerKind kind)
{
	std::vector<ArmTimer> out;
	for (const ArmTimer &t : all<ArmTimer>(cs))
		if (t.kind == kind)
			out.push_back(t);
	return out;
}

// Every CallApi of a mutating action is preceded by a Persist in the same batch.
inline bool persistPrecedesEveryMutatingCall(const Commands &cs)
{
	bool persisted = false;
	for (const Command &c : cs) {
		if (std::holds_alternative<Persist>(c))
			persisted = true;
		if (const CallApi *call = std::get_if<CallApi>(&c); call && isMutating(call->action) && !persisted)
			return false;
	}
	return true;
}

} // namespace statemachine::test

#include "statemachine/JobEvents.h"
#include "statemachine/JobMachine.h"

namespace statemachine::test {

inline RestorePolled restorePoll(std::int64_t now, std::string task, std::string status,
				 std::array<int, 4> progress = {}, std::int64_t finishTime = 0, std::string err = "")
{
	return RestorePolled{now, std::move(task), std::move(status), progress, finishTime, std::move(err)};
}

inline ApiFailed failure(ApiAction action, std::int64_t now, base::ErrorClass cls, std::string code,
			 std::string message = "boom", std::string requestId = "req-1")
{
	return ApiFailed{action, now,
			 base::ApiError{cls, std::move(code), std::move(message), std::move(requestId),
					cls == base::ErrorClass::Transient ? 503 : 400, std::nullopt}};
}

inline HookFinished hookExited(HookKind kind, int code, std::int64_t now)
{
	return HookFinished{now, kind, true, code, "exit " + std::to_string(code)};
}

// Could not start, timed out or killed: it never exited on its own.
inline HookFinished hookDidNotExit(HookKind kind, std::string detail, std::int64_t now)
{
	return HookFinished{now, kind, false, 0, std::move(detail)};
}

// A backup step lists the plan's sets before its first StartBackupPlan.
inline Commands listBackupSets(JobMachine &m, std::int64_t now, std::vector<std::string> sets = {})
{
	ApiSucceeded e{ApiAction::ListBackupSets, now, "", "", ""};
	e.backupSetIds = std::move(sets);
	return m.handle(e);
}

// A machine for an existing-restore job that has started the task and is polling.
inline Commands startExisting(JobMachine &m, const config::JobSpec &spec, std::int64_t now = t0)
{
	Commands cs = m.handle(JobStarted{shared(spec), now, "00000000000000aa"});
	const Commands more = m.handle(ApiSucceeded{ApiAction::StartRestoreTask, now + 100, "", "", "req-s"});
	cs.insert(cs.end(), more.begin(), more.end());
	return cs;
}

} // namespace statemachine::test
