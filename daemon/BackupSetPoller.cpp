// SPDX-License-Identifier: Apache-2.0
#include "daemon/BackupSetPoller.h"

#include "daemon/ApiRateLimiter.h"
#include "dbs/DbsApi.h"

namespace restored {

BackupSetPoller::BackupSetPoller(dbs::DbsApi &client, ApiRateLimiter &limiter) : client_(client), limiter_(limiter) {}

void BackupSetPoller::want(const std::string &backupPlanId, const std::string &backupSetId, Answer answer)
{
	if (stopped_)
		return;
	dbs::DescribeFullBackupListRequest r;
	r.backupPlanId = backupPlanId;
	r.backupSetId = backupSetId;
	limiter_.submit([this, r = std::move(r), setId = backupSetId, answer = std::move(answer)]() {
		if (stopped_)
			return;
		client_.describeFullBackupList(r, [this, setId,
						   answer](dbs::Outcome<dbs::DescribeFullBackupListResponse> o) {
			if (stopped_)
				return;
			if (!o)
				return answer(o.error());
			for (const auto &f : o.value().items)
				if (f.backupSetId == setId)
					return answer(f);
			answer(base::ApiError::transient(notListedCode,
							 "DescribeFullBackupList did not return backup set " + setId));
		});
	});
}

} // namespace restored
