// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "dbs/DbsApi.h"

namespace restored::test {

// A small DBS in memory for the daemon core's unit tests: restore tasks
// and full backup sets that a test reads and changes, every call recorded
// in order, and each answer posted to the io_context (never given inside
// the call, as DbsClient never does). A test can make the next calls of an
// action fail, or hold every answer and release them later.
//
// A mock could only check that calls happen; this one keeps the state the
// calls change, so a test asserts on outcomes, as the e2e tests do against
// dbs-emulator.
//
// Owned by one test (through RegionRoutes); single-threaded.
class FakeDbsApi final : public dbs::DbsApi
{
public:
	struct Call {
		std::string action;      // the DBS action: "StartRestoreTask", "DescribeRestoreTaskList", ...
		std::string subject;     // the ids it names: task ids, "plan/set", a plan id
		std::string clientToken; // mutating calls only
	};

	explicit FakeDbsApi(boost::asio::io_context &io) : io_(io) {}

	std::vector<Call> calls;
	// Runs inside each call, before it is answered (to look at the state
	// directory at that moment, say).
	std::function<void(const Call &)> onCall;

	std::map<std::string, dbs::RestoreTaskDetail> tasks;                // by RestoreTaskId
	std::map<std::string, std::vector<dbs::FullBackupFile>> backupSets; // by BackupPlanId
	// The next calls of an action fail with these errors, first one first.
	std::map<std::string, std::deque<base::ApiError>> failures;
	// While true, answers wait until release().
	bool hold = false;
	void release();
	std::size_t heldAnswers() const { return held_.size(); }

	// Calls of `action` so far, or the ones naming `subject` too.
	int count(const std::string &action, const std::string &subject = {}) const;
	// A task in this state, known to DBS.
	void addTask(const std::string &id, const std::string &status, const std::string &plan = "plan-1");

	void startBackupPlan(const dbs::StartBackupPlanRequest &r, Callback<dbs::StartBackupPlanResponse> cb) override;
	void startRestoreTask(const dbs::StartRestoreTaskRequest &r,
			      Callback<dbs::StartRestoreTaskResponse> cb) override;
	void createRestoreTask(const dbs::CreateRestoreTaskRequest &r,
			       Callback<dbs::CreateRestoreTaskResponse> cb) override;
	void describeRestoreTaskList(const dbs::DescribeRestoreTaskListRequest &r,
				     Callback<dbs::DescribeRestoreTaskListResponse> cb) override;
	void describeFullBackupList(const dbs::DescribeFullBackupListRequest &r,
				    Callback<dbs::DescribeFullBackupListResponse> cb) override;
	void describeJobErrorCode(const dbs::DescribeJobErrorCodeRequest &r,
				  Callback<dbs::DescribeJobErrorCodeResponse> cb) override;
	void describeAllRestoreTasks(const std::string &restoreTaskIds,
				     Callback<std::vector<dbs::RestoreTaskDetail>> cb) override;
	void describePlanBackupSets(const std::string &backupPlanId,
				    Callback<std::vector<dbs::FullBackupFile>> cb) override;
	void describePlanRestoreTasks(const std::string &backupPlanId,
				      Callback<std::vector<dbs::RestoreTaskDetail>> cb) override;

private:
	// Records the call; true when a scripted failure answered it.
	template<class T>
	bool failed(Call call, Callback<T> &cb);
	template<class T>
	void answer(Callback<T> cb, dbs::Outcome<T> outcome);

	boost::asio::io_context &io_;
	std::vector<std::function<void()>> held_;
	int made_ = 0; // ids of the sets and tasks this DBS made
};

} // namespace restored::test
