// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeExchange.h"

namespace restored::probe {

std::string_view actionName(ReadAction a)
{
	switch (a) {
	case ReadAction::DescribeRestoreTaskList: return "DescribeRestoreTaskList";
	case ReadAction::DescribeFullBackupList: return "DescribeFullBackupList";
	case ReadAction::DescribeJobErrorCode: return "DescribeJobErrorCode";
	}
	return "DescribeRestoreTaskList";
}

std::string_view styleName(dbs::SignatureStyle s)
{
	switch (s) {
	case dbs::SignatureStyle::V3: return "v3";
	case dbs::SignatureStyle::V1Get: return "v1-get";
	case dbs::SignatureStyle::V1Post: return "v1-post";
	}
	return "v3";
}

} // namespace restored::probe
