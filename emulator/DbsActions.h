// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dbs/PercentEncoding.h"
#include "emulator/DbsModel.h"
#include "emulator/HttpMessage.h"
#include "emulator/Replies.h"

namespace emulator {

// The DBS actions the emulator implements: parameter validation, the model
// call and the reply body. Pure: simulated time comes in as an argument.
// Owned by ApiHandler; server thread only.
class DbsActions
{
public:
	DbsActions(DbsModel &model, Replies &replies) : model_(model), replies_(replies) {}

	// True for every action of the Dbs 2019-03-06 API (implemented or not).
	static bool isKnownAction(std::string_view action);
	// Actions whose side effects ClientToken deduplicates.
	static bool isIdempotent(std::string_view action);

	// Runs an authenticated call. host is only used in gateway-style errors.
	HttpResponse run(const std::string &action, const dbs::ParamMap &params, std::int64_t simNowMs,
			 const std::string &host);

	// Ids actually asked for by the last DescribeRestoreTaskList (for Stats).
	std::size_t lastDescribeIdCount() const { return lastDescribeIds_; }

private:
	HttpResponse startBackupPlan(const dbs::ParamMap &p, std::int64_t now);
	HttpResponse describeFullBackupList(const dbs::ParamMap &p, std::int64_t now);
	HttpResponse createRestoreTask(const dbs::ParamMap &p, std::int64_t now);
	HttpResponse startRestoreTask(const dbs::ParamMap &p, std::int64_t now);
	HttpResponse describeRestoreTaskList(const dbs::ParamMap &p, std::int64_t now);
	HttpResponse describeJobErrorCode(const dbs::ParamMap &p, std::int64_t now);

	DbsModel &model_;
	Replies &replies_;
	std::size_t lastDescribeIds_ = 0;
};

} // namespace emulator
