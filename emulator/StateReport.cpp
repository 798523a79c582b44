// SPDX-License-Identifier: Apache-2.0
#include "emulator/StateReport.h"

#include <boost/json/array.hpp>

namespace emulator {

namespace json = boost::json;

boost::json::object stateReport(const DbsModel &model, const SimClock &clock, const Stats &stats,
				std::int64_t wallNowMs)
{
	const std::int64_t simNow = clock.toSim(wallNowMs);
	json::object o;
	o["wall_now_ms"] = wallNowMs;
	o["sim_now_ms"] = simNow;
	o["time_scale"] = clock.scale();
	o["terminal_status"] = model.terminalStatus();
	o["dialect"] = dialectJson(model.dialect());

	json::array plans;
	json::array sets;
	for (const auto &id : model.planOrder()) {
		const BackupPlan &p = *model.plan(id);
		plans.push_back(
			json::object{{"id", id},
				     {"backup_sets_created", p.backupSetsCreated},
				     {"create_restore_count", p.createRestoreCount},
				     {"restore_task_count", static_cast<std::int64_t>(p.restoreTaskIds.size())}});
		for (const auto &setId : p.backupSetIds) {
			const BackupSet &s = *model.backupSet(setId);
			sets.push_back(json::object{{"id", s.id},
						    {"backup_plan_id", s.backupPlanId},
						    {"status", s.isFinished(simNow) ? "finish" : "running"},
						    {"create_sim_ms", s.createTimeMs},
						    {"finish_sim_ms", s.finishTimeMs},
						    {"finish_wall_ms", clock.toWall(s.finishTimeMs)}});
		}
	}

	json::array tasks;
	tasks.reserve(model.taskOrder().size());
	for (const auto &id : model.taskOrder()) {
		const RestoreTask &t = *model.task(id);
		RestoreView v = t.view(simNow, model.dialect());
		json::object j{{"id", t.id},
			       {"name", t.name},
			       {"backup_plan_id", t.backupPlanId},
			       {"status", v.status},
			       {"truth", t.truth(simNow)},
			       {"precheck", t.behaviour.precheckFails ? "fail" : "pass"},
			       {"vanished", t.vanished()},
			       {"start_count", t.startCount},
			       {"progress", json::array{v.fullStruforeProgress, v.fullDataProgress,
							v.fullStruAfterProgress, v.continuousProgress}},
			       {"create_sim_ms", t.createTimeMs},
			       {"err_message", v.errMessage}};
		j["started_sim_ms"] = t.startedSimMs ? json::value(*t.startedSimMs) : json::value(nullptr);
		auto end = t.endSimMs();
		j["end_sim_ms"] = end ? json::value(*end) : json::value(nullptr);
		j["end_wall_ms"] = end ? json::value(clock.toWall(*end)) : json::value(nullptr);
		tasks.push_back(std::move(j));
	}
	o["backup_plans"] = std::move(plans);
	o["backup_sets"] = std::move(sets);
	o["restore_tasks"] = std::move(tasks);
	o["stats"] = stats.toJson();
	return o;
}

} // namespace emulator
