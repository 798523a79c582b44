// SPDX-License-Identifier: Apache-2.0
#include "daemon/RequestSender.h"

#include "daemon/ReplyTranslator.h"
#include "daemon/os/Clock.h"
#include "dbs/DbsApi.h"

namespace restored {

void sendRequest(dbs::DbsApi &client, const ApiRequest &request, statemachine::ApiAction action, const os::Clock &clock,
		 std::function<void(ReplyEvent)> answer)
{
	// Each reply is translated when it arrives; `extra` is what the
	// translation needs from the request (none, a task id or a name).
	auto translated = [&](auto... extra) {
		return [action, &clock, answer, extra...](const auto &o) {
			std::visit([&](auto &&e) { answer(std::move(e)); },
				   translateReply(action, clock.wallMs(), o, extra...));
		};
	};
	if (auto *r = std::get_if<dbs::StartBackupPlanRequest>(&request)) {
		client.startBackupPlan(*r, translated());
	} else if (auto *r = std::get_if<dbs::CreateRestoreTaskRequest>(&request)) {
		client.createRestoreTask(*r, translated());
	} else if (auto *r = std::get_if<dbs::StartRestoreTaskRequest>(&request)) {
		client.startRestoreTask(*r, translated(r->restoreTaskId));
	} else if (auto *r = std::get_if<FindRestoreTaskRequest>(&request)) {
		client.describePlanRestoreTasks(r->backupPlanId, translated(r->restoreTaskName));
	} else if (auto *r = std::get_if<ListBackupSetsRequest>(&request)) {
		client.describePlanBackupSets(r->backupPlanId, translated());
	} else if (auto *r = std::get_if<dbs::DescribeJobErrorCodeRequest>(&request)) {
		client.describeJobErrorCode(*r, [&clock, answer](const auto &o) {
			answer(translateReply(clock.wallMs(), o));
		});
	}
}

} // namespace restored
