// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>

#include "dbs/Outcome.h"
#include "dbs/Responses.h"

namespace dbs {
class DbsApi;
}

namespace restored {

class ApiRateLimiter;

// Polls full backup sets for the jobs of one region, beside RestorePoller:
// one DescribeFullBackupList by plan and set id per wanted set, sent when
// the shared rate limiter lets it leave. A set is watched by the one run
// that made it, and the call takes one set id, so there is nothing to
// batch. The answer is the set's item, or the error after which the job
// polls again later; a reply that does not list the set is such an error
// (notListedCode): a set the plan only just made may not be listed yet.
//
// Owned by RegionRoutes; used only on the daemon's io_context thread.
// Answers are called on that thread, never from inside want().
class BackupSetPoller
{
public:
	using Answer = std::function<void(const dbs::Outcome<dbs::FullBackupFile> &)>;
	static constexpr const char *notListedCode = "Local.BackupSetNotListed";

	BackupSetPoller(dbs::DbsApi &client, ApiRateLimiter &limiter);

	void want(const std::string &backupPlanId, const std::string &backupSetId, Answer answer);

	// No call is sent and no answer called after this.
	void stop() { stopped_ = true; }

private:
	dbs::DbsApi &client_;
	ApiRateLimiter &limiter_;
	bool stopped_ = false;
};

} // namespace restored
