// SPDX-License-Identifier: Apache-2.0
#include "history/Retention.h"

#include <algorithm>

namespace history {

bool Retention::wantsCompaction(std::size_t count, std::int64_t oldestFinishedMs, std::int64_t nowMs) const
{
	if (count > maxRecords + slackRecords())
		return true;
	return count > 0 && oldestFinishedMs < nowMs - (maxAge + slackAge).count();
}

std::vector<DrillRecord> Retention::retain(std::vector<DrillRecord> records, std::int64_t nowMs) const
{
	std::int64_t cutoff = nowMs - maxAge.count();
	std::erase_if(records, [&](const DrillRecord &r) { return r.finishedAtMs < cutoff; });
	if (records.size() > maxRecords)
		records.erase(records.begin(), records.end() - std::ptrdiff_t(maxRecords));
	return records;
}

} // namespace history
