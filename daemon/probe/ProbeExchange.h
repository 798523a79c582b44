// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "dbs/HttpMessage.h"
#include "dbs/PercentEncoding.h"
#include "dbs/SignatureStyle.h"

namespace restored::probe {

// The only actions the probe can name. There is deliberately no way to turn
// a string into an action here: the probe cannot reach StartBackupPlan,
// CreateRestoreTask or StartRestoreTask, however its code changes around it.
enum class ReadAction {
	DescribeRestoreTaskList,
	DescribeFullBackupList,
	DescribeJobErrorCode,
};

std::string_view actionName(ReadAction a);
std::string_view styleName(dbs::SignatureStyle s);

// One call the probe made and what came back: the raw HTTP answer (status,
// headers, body), or why none arrived. A plain value.
struct Exchange {
	ReadAction action = ReadAction::DescribeRestoreTaskList;
	dbs::SignatureStyle style = dbs::SignatureStyle::V3;
	dbs::ParamMap params;
	// Set when the call budget was spent and nothing was sent.
	bool skipped = false;
	std::optional<dbs::HttpResponse> response;
	// No HTTP answer: the transport's code and reason (timeout, reset, ...).
	std::string transportError;
	// Wall clock when the request left and when the answer arrived, for the
	// clock offset against the answer's Date header.
	std::chrono::system_clock::time_point sentAt;
	std::chrono::system_clock::time_point receivedAt;
};

} // namespace restored::probe
