// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbs/Credentials.h"
#include "dbs/DbsApi.h"
#include "dbs/Outcome.h"
#include "dbs/Requests.h"
#include "dbs/Responses.h"
#include "dbs/SignatureStyle.h"
#include "dbs/TransportOptions.h"

namespace boost::asio {
class io_context;
}

namespace dbs {

struct DbsClientOptions {
	// Explicit endpoint URL (https://host[:port], or http:// to a loopback
	// emulator). Empty: Endpoint::forRegion(region), the official SDK's map.
	std::string endpoint;
	std::string region = "cn-hangzhou";
	Credentials credentials;
	SignatureStyle signatureStyle = SignatureStyle::V3;
	TransportOptions transport; // timeouts, CA file, response size, pool size
	// Injected for deterministic tests; defaults: system clock, 16 random
	// bytes as hex.
	std::function<std::chrono::system_clock::time_point()> now;
	std::function<std::string()> nonce;
	std::string userAgent = "dbs-restored/0.1";
	// Told once per request sent (each page of a walk is one) when its
	// answer is parsed or its failure known: the action, the error (null on
	// success) and the time from signing it as it left the queue to that
	// moment. For the daemon's metrics; called on the callback's thread just
	// before the callback. A call that never left (invalid parameters, a
	// full queue) was no request and is not reported.
	std::function<void(std::string_view action, const base::ApiError *error,
			   std::chrono::steady_clock::duration elapsed)>
		onRequestDone;
};

// Typed, asynchronous DBS OpenAPI calls. Each call signs a request (a fresh
// Timestamp/nonce every time), sends it through a bounded keep-alive pool
// and calls back exactly once with the typed response or a classified
// ApiError. It never blocks, never logs, and never retries: the daemon's
// job state machine owns retries (with the same ClientToken) so that a
// retry is a decision made in one place. See docs/api-client.md.
//
// Owned by the daemon (one per endpoint). Calls may come from any thread;
// callbacks run on the io_context's thread(s), on an internal strand.
// Destroy it on the io_context thread or after the io_context stopped;
// after destruction no callback runs.
class DbsClient : public DbsApi
{
public:
	// Throws std::invalid_argument (bad endpoint) or std::runtime_error (CA
	// file / trust store) — startup errors.
	DbsClient(boost::asio::io_context &io, DbsClientOptions options);
	~DbsClient() override;

	DbsClient(const DbsClient &) = delete;
	DbsClient &operator=(const DbsClient &) = delete;

	void startBackupPlan(const StartBackupPlanRequest &r, Callback<StartBackupPlanResponse> cb) override;
	void startRestoreTask(const StartRestoreTaskRequest &r, Callback<StartRestoreTaskResponse> cb) override;
	void createRestoreTask(const CreateRestoreTaskRequest &r, Callback<CreateRestoreTaskResponse> cb) override;
	void describeRestoreTaskList(const DescribeRestoreTaskListRequest &r,
				     Callback<DescribeRestoreTaskListResponse> cb) override;
	void describeFullBackupList(const DescribeFullBackupListRequest &r,
				    Callback<DescribeFullBackupListResponse> cb) override;
	void describeJobErrorCode(const DescribeJobErrorCodeRequest &r,
				  Callback<DescribeJobErrorCodeResponse> cb) override;

	// Walks of DescribeRestoreTaskList (PageSize 100): PageNum 0 first, then
	// one past the PageNum each reply names, never a page number twice
	// (0- or 1-based servers, dbs-readings.md); stops on an empty page,
	// TotalElements distinct tasks, the last of TotalPages, or maxPages
	// requests. Tasks are deduplicated by RestoreTaskId in first-seen order.
	// Any failed page fails the whole call with that page's ApiError.
	static constexpr int maxPages = 64;

	// The tasks among a comma-separated id list. Fewer tasks than ids is an
	// answer, not an error (DBS may drop unknown ids); a refused list comes
	// back as the ApiError with its code, so the caller can split the batch.
	void describeAllRestoreTasks(const std::string &restoreTaskIds,
				     Callback<std::vector<RestoreTaskDetail>> cb) override;

	// Every restore task of a backup plan (e.g. to find one by its
	// RestoreTaskName after a lost CreateRestoreTask answer).
	// Every full backup set of a plan: DescribeFullBackupList by
	// BackupPlanId, PageSize 100, the same paging rules. Lets a re-sent
	// StartBackupPlan find the set an unanswered one made.
	void describePlanBackupSets(const std::string &backupPlanId, Callback<std::vector<FullBackupFile>> cb) override;

	void describePlanRestoreTasks(const std::string &backupPlanId,
				      Callback<std::vector<RestoreTaskDetail>> cb) override;

private:
	struct Impl;
	std::shared_ptr<Impl> impl_;
};

} // namespace dbs
