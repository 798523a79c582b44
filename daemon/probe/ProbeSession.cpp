// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeSession.h"

#include <algorithm>
#include <map>

#include "base/Strings.h"
#include "daemon/probe/ProbeBody.h"
#include "daemon/probe/ProbeListFindings.h"
#include "daemon/probe/ProbeServiceFindings.h"
#include "daemon/probe/ProbeStatusFindings.h"

namespace restored::probe {

namespace {

// Pages of the first listing: 300 tasks are plenty to see every status in
// use, and leave most of the budget for the other points.
constexpr int maxListingPages = 3;

} // namespace

ProbeSession::ProbeSession(ProbeCaller &caller, std::string plan, std::string endpointSource, std::string tls)
	: caller_(caller), plan_(std::move(plan)), planGiven_(!plan_.empty()),
	  endpointSource_(std::move(endpointSource)), tls_(std::move(tls))
{
	redactor_.note(caller_.accessKeyId(), "key");
	redactor_.note(plan_, "plan");
}

std::string ProbeSession::absentIdLike(const std::string &like, const std::vector<std::string> &taken)
{
	std::string base = like.size() < 8 ? like + "00000000" : like;
	for (char digit = '0'; digit <= '9'; ++digit) {
		std::string id = base;
		std::fill(id.end() - 6, id.end(), digit);
		if (std::find(taken.begin(), taken.end(), id) == taken.end())
			return id;
	}
	return base + "probeabsent";
}

std::vector<Exchange> ProbeSession::listTasks()
{
	std::vector<Exchange> pages;
	std::int64_t pageNum = 0;
	std::size_t seen = 0;
	for (int i = 0; i < maxListingPages; ++i) {
		dbs::ParamMap p{{"PageNum", std::to_string(pageNum)}, {"PageSize", "100"}};
		if (!plan_.empty())
			p["BackupPlanId"] = plan_;
		pages.push_back(caller_.call(ReadAction::DescribeRestoreTaskList, std::move(p)));
		const Exchange &e = pages.back();
		const auto ids = itemIds(e);
		seen += ids.size();
		if (classify(e) != Answer::Ok || ids.empty() || static_cast<std::int64_t>(seen) >= totalElements(e))
			break;
		// One past the page the answer names: right for either page base.
		auto echoed = readBody(*e.response).object.if_contains("PageNum");
		pageNum = (echoed && echoed->is_int64() ? echoed->as_int64() : pageNum) + 1;
	}
	return pages;
}

void ProbeSession::noteIds(const std::vector<boost::json::object> &tasks)
{
	for (const auto &t : tasks) {
		redactor_.note(stringField(t, "BackupPlanId"), "plan");
		redactor_.note(stringField(t, "RestoreTaskId"), "task");
		redactor_.note(stringField(t, "BackupSetId"), "set");
		redactor_.note(stringField(t, "RestoreTaskName"), "name");
	}
}

void ProbeSession::choosePlan(const std::vector<boost::json::object> &tasks, std::int64_t total)
{
	std::map<std::string, std::size_t> perPlan;
	for (const auto &t : tasks)
		++perPlan[stringField(t, "BackupPlanId")];
	if (planGiven_) {
		planTasks_ = std::max<std::size_t>(perPlan[plan_], total < 0 ? 0 : static_cast<std::size_t>(total));
		return;
	}
	for (const auto &[plan, n] : perPlan)
		if (!plan.empty() && n > planTasks_) {
			plan_ = plan;
			planTasks_ = n;
		}
}

ProbeReport ProbeSession::run()
{
	const std::vector<Exchange> listing = listTasks();
	const auto tasks = listedTasks(listing);
	noteIds(tasks);
	choosePlan(tasks, listing.empty() ? -1 : totalElements(listing.front()));
	std::vector<std::string> ids;
	for (const auto &t : tasks)
		ids.push_back(stringField(t, "RestoreTaskId"));

	ProbeReport report;
	report.findings.push_back(restoreStatuses(listing));
	report.findings.push_back(finishTimeWhileRunning(listing));

	const std::string noPlan = "no backup plan with tasks; give --plan";
	if (plan_.empty() || planTasks_ < 2) {
		report.findings.push_back(
			pageBase(nullptr, nullptr, plan_.empty() ? noPlan : "fewer than 2 tasks on the plan"));
	} else {
		auto page = [&](const char *num) {
			return caller_.call(ReadAction::DescribeRestoreTaskList,
					    {{"BackupPlanId", plan_}, {"PageNum", num}, {"PageSize", "1"}});
		};
		const Exchange p0 = page("0"), p1 = page("1");
		report.findings.push_back(pageBase(&p0, &p1, ""));
	}

	if (ids.empty()) {
		report.findings.push_back(unknownIdInList(nullptr, "", "no task id known"));
	} else {
		const std::string absent = absentIdLike(ids.front(), ids);
		redactor_.note(absent, "absent-task");
		const Exchange e = caller_.call(ReadAction::DescribeRestoreTaskList,
						{{"RestoreTaskId", ids.front() + "," + absent}, {"PageSize", "100"}});
		report.findings.push_back(unknownIdInList(&e, absent, ""));
	}

	const std::vector<std::string> batch(
		ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(ids.size(), 100)));
	if (batch.size() < 2) {
		report.findings.push_back(maxIdsPerList(nullptr, batch.size(), "fewer than 2 task ids known"));
	} else {
		const Exchange e = caller_.call(ReadAction::DescribeRestoreTaskList,
						{{"RestoreTaskId", base::join(batch, ",")}, {"PageSize", "100"}});
		report.findings.push_back(maxIdsPerList(&e, batch.size(), ""));
	}

	const std::string absentPlan = absentIdLike(plan_.empty() ? "dbsprobeplan" : plan_, {plan_});
	redactor_.note(absentPlan, "absent-plan");
	const Exchange error = caller_.call(ReadAction::DescribeFullBackupList, {{"BackupPlanId", absentPlan}});
	report.findings.push_back(errorShape(&error, ""));

	std::vector<Exchange> styles;
	for (auto style : {dbs::SignatureStyle::V3, dbs::SignatureStyle::V1Get, dbs::SignatureStyle::V1Post})
		styles.push_back(caller_.call(ReadAction::DescribeFullBackupList,
					      {{"BackupPlanId", plan_.empty() ? absentPlan : plan_}}, style));
	report.findings.push_back(signatureStyles(styles, caller_.configuredStyle()));

	// A stopped task has a reason to show; else one that may have failed its precheck.
	const boost::json::object *explained = nullptr;
	for (const char *status : {"stop", "init"})
		for (const auto &t : tasks)
			if (!explained && stringField(t, "RestoreStatus") == status)
				explained = &t;
	if (!explained && !tasks.empty())
		explained = &tasks.front();
	if (!explained) {
		report.findings.push_back(jobErrorCode(nullptr, "", "no task id known"));
	} else {
		const Exchange e = caller_.call(ReadAction::DescribeJobErrorCode,
						{{"TaskId", stringField(*explained, "RestoreTaskId")}});
		report.findings.push_back(jobErrorCode(&e, stringField(*explained, "RestoreStatus"), ""));
	}

	report.findings.push_back(throttling(caller_.all()));
	report.findings.push_back(clockOffset(caller_.all()));
	report.findings.push_back(endpoint(caller_.all(), caller_.endpoint().url(), endpointSource_, tls_));

	report.endpoint = caller_.endpoint().url();
	report.accessKeyId = caller_.accessKeyId();
	report.plan = plan_;
	report.callBudget = caller_.budget();
	report.callsMade = caller_.made();
	report.callsByAction = caller_.byAction();
	return report;
}

} // namespace restored::probe
