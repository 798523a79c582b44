// SPDX-License-Identifier: Apache-2.0
#include "statemachine/SetEvidence.h"

#include "statemachine/RunContext.h"

namespace statemachine {

namespace {

// The set a restore step restores, when DBS did not say: the one its spec
// names, or the one the run's last backup step before it made.
std::string specifiedSet(const RunContext &c)
{
	const auto *create = c.createOf();
	if (!create)
		return {};
	if (const auto *byId = std::get_if<config::BackupSetById>(&create->source))
		return byId->id;
	if (!std::holds_alternative<config::FromPreviousBackup>(create->source))
		return {};
	for (int i = c.run().stepIndex - 1; i >= 0; --i)
		if (const auto &s = c.run().steps[static_cast<std::size_t>(i)]; !s.createdFullBackupSetId.empty())
			return s.createdFullBackupSetId;
	return {};
}

// The end time of a set one of the run's backup steps made and saw finish.
std::int64_t endOfSet(const JobRun &run, const std::string &setId)
{
	for (const auto &s : run.steps)
		if (!setId.empty() && s.createdFullBackupSetId == setId)
			return s.backupSetEndMs;
	return 0;
}

} // namespace

void learnRestoredSet(RunContext &c, const std::string &setFromDbs, const std::string &planFromDbs)
{
	JobRun &run = c.run();
	const auto *create = c.createOf();
	if (!planFromDbs.empty())
		run.backupPlanId = planFromDbs;
	else if (create)
		run.backupPlanId = create->backupPlanId;
	const std::string set = setFromDbs.empty() ? specifiedSet(c) : setFromDbs;
	if (set.empty())
		return;
	if (set != run.backupSetId) {
		run.backupSetId = set;
		run.backupSetEndMs = 0;
	}
	if (run.backupSetEndMs == 0)
		run.backupSetEndMs = endOfSet(run, set);
	if (run.backupSetEndMs != 0 || run.backupPlanId.empty() || c.memory().setEndAskedFor == set)
		return;
	c.memory().setEndAskedFor = set;
	c.emit(LookUpBackupSet{run.backupPlanId, set});
}

void noteSetEnd(RunContext &c, const BackupSetDescribed &e)
{
	JobRun &run = c.run();
	if (e.backupSetId != run.backupSetId) {
		c.log(LogKind::EventIgnored, Severity::Debug,
		      "the end time of backup set " + e.backupSetId + ", which the run no longer restores");
		return;
	}
	if (!e.error.empty() || e.endTimeMs <= 0) {
		c.log(LogKind::SetEndUnknown, Severity::Warning,
		      "the end time of backup set " + e.backupSetId + " could not be read (" +
			      (e.error.empty() ? "DBS gave none" : e.error) + "); the drill record leaves it empty");
		return;
	}
	run.backupSetEndMs = e.endTimeMs;
	c.emit(Persist{});
}

} // namespace statemachine
