// SPDX-License-Identifier: Apache-2.0
#include "statemachine/ApiAction.h"

namespace statemachine {

std::optional<ApiAction> apiActionFromString(std::string_view s)
{
	for (ApiAction a : {ApiAction::StartBackupPlan, ApiAction::CreateRestoreTask, ApiAction::StartRestoreTask,
			    ApiAction::DescribeJobErrorCode})
		if (toString(a) == s)
			return a;
	return std::nullopt;
}

} // namespace statemachine
