// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/JobSpec.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobEvents.h"
#include "statemachine/JobRun.h"

namespace restored {

namespace os {
class HookRunner;
} // namespace os
struct JobServices;

// The restore-drill side of one job's runs: the commands RunHook,
// AppendHistory and LookUpBackupSet (answered with BackupSetDescribed
// through the region's BackupSetPoller). A hook runs as a child process (HookRunner) with the
// environment made from the definition the run started with and its
// record (drillHookContext); its output lines go to the journal with
// JOB_ID, RUN_ID and HOOK (stderr at warning); how it ended comes back as
// a HookFinished event. A finished run is appended to the daemon's drill
// history (HistoryStore, which keeps one record per run).
//
// Owned by its Job; used only on the daemon's io_context thread. One hook
// at a time: starting the next one, stopHook() or destroying the object
// kills a hook that still runs (its whole process group), without calling
// back.
class JobDrill
{
public:
	using HookEnded = std::function<void(const statemachine::HookFinished &)>;
	using SetDescribed = std::function<void(const statemachine::BackupSetDescribed &)>;

	JobDrill(JobServices &services, const std::string &jobId, HookEnded onHookEnded, SetDescribed onSetDescribed);
	~JobDrill();
	JobDrill(const JobDrill &) = delete;
	JobDrill &operator=(const JobDrill &) = delete;

	// Whether execute() takes this command.
	static bool handles(const statemachine::Command &command);
	// RunHook: starts the hook; AppendHistory: appends the run's record (a
	// failure is logged: the run is over either way).
	void execute(const statemachine::Command &command, const config::JobSpec &spec,
		     const statemachine::JobRun &run);
	void stopHook();

private:
	void runHook(statemachine::HookKind kind, const config::JobSpec &spec, const statemachine::JobRun &run);
	void record(const config::JobSpec &spec, const statemachine::JobRun &run);
	void lookUp(const statemachine::LookUpBackupSet &want, const config::JobSpec &spec);

	JobServices &s_;
	const std::string &jobId_;
	HookEnded onHookEnded_;
	SetDescribed onSetDescribed_;
	std::unique_ptr<os::HookRunner> runner_;
	std::shared_ptr<bool> alive_ = std::make_shared<bool>(true); // for answers that outlive this
};

} // namespace restored
