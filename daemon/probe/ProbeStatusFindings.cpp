// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeStatusFindings.h"

#include <algorithm>
#include <optional>
#include <set>

#include "daemon/probe/ProbeBody.h"
#include "daemon/probe/ProbeListFindings.h"
#include "statemachine/RestoreStatus.h"

namespace restored::probe {

namespace {

using statemachine::RestoreVerdict;

const char *const statusesDepend =
	"a restore's end is decided by RestoreStatus alone: finish, finished, success, succeeded and completed "
	"are success; stop and fail* failure; init, check_pass and running in progress; pause paused";
const char *const finishDepend =
	"RestoreTaskFinishTime is never read as the end of a restore (a status that is not terminal with a "
	"finish time keeps the job polling)";

const char *const progressFields[] = {"FullStruforeRestoreProgress", "FullDataRestoreProgress",
				      "FullStruAfterRestoreProgress", "ContinuousRestoreProgress"};

bool hasFinishTime(const boost::json::object &task)
{
	return numberField(task, "RestoreTaskFinishTime").value_or(0) != 0;
}

RestoreVerdict verdict(const boost::json::object &task)
{
	return statemachine::classifyRestoreStatus(stringField(task, "RestoreStatus"));
}

std::string_view verdictName(RestoreVerdict v)
{
	switch (v) {
	case RestoreVerdict::InProgress: return "in progress";
	case RestoreVerdict::Paused: return "paused";
	case RestoreVerdict::Succeeded: return "success";
	case RestoreVerdict::Failed: return "failure";
	case RestoreVerdict::Unknown: break;
	}
	return "unknown";
}

// A value DBS documents as not a success (dbs-readings.md): whatever else
// a finished task carries is the service's success value.
bool documentedNotSuccess(const std::string &s)
{
	return s == "init" || s == "running" || s == "stop" || s == "pause" || s == "check_pass" ||
	       s.starts_with("fail");
}

void noteProgress(boost::json::object &progress, const boost::json::object &task)
{
	for (const char *field : progressFields) {
		auto v = numberField(task, field);
		if (!v)
			continue;
		auto it = progress.find(field);
		if (it == progress.end()) {
			progress[field] = boost::json::object{{"min", *v}, {"max", *v}};
			continue;
		}
		auto &range = it->value().as_object();
		range["min"] = std::min(range["min"].as_int64(), *v);
		range["max"] = std::max(range["max"].as_int64(), *v);
	}
}

// Why the listing gave nothing to read, or nullopt when its first page came.
std::optional<std::string> unread(const std::vector<Exchange> &listing)
{
	if (listing.empty())
		return "no listing";
	if (classify(listing.front()) != Answer::Ok)
		return whyNoReading(listing.front());
	return std::nullopt;
}

} // namespace

Finding restoreStatuses(const std::vector<Exchange> &listing)
{
	const char *key = "restoreStatuses", *title = "Restore statuses seen";
	if (auto why = unread(listing))
		return undetermined(key, title, *why, statusesDepend);
	const auto tasks = listedTasks(listing);
	boost::json::object statuses;
	std::set<std::string> successSeen, unknownToDaemon;
	for (const auto &t : tasks) {
		const std::string status = stringField(t, "RestoreStatus");
		auto &entry = statuses[status];
		if (!entry.is_object())
			entry = boost::json::object{{"count", 0},
						    {"withFinishTime", 0},
						    {"daemonReads", verdictName(verdict(t))},
						    {"progress", boost::json::object{}}};
		auto &o = entry.as_object();
		o["count"] = o["count"].as_int64() + 1;
		if (hasFinishTime(t))
			o["withFinishTime"] = o["withFinishTime"].as_int64() + 1;
		noteProgress(o["progress"].as_object(), t);
		if (!documentedNotSuccess(status))
			successSeen.insert(status);
		if (verdict(t) == RestoreVerdict::Unknown)
			unknownToDaemon.insert(status);
	}
	Finding f;
	f.key = key;
	f.title = title;
	boost::json::array success;
	std::string list;
	for (const auto &s : successSeen) {
		success.push_back(boost::json::string(s));
		list += (list.empty() ? "`" : ", `") + s + "`";
	}
	std::string all;
	for (const auto &kv : statuses)
		all += (all.empty() ? "" : ", ") + std::string(kv.key()) + " " +
		       std::to_string(kv.value().as_object().at("count").as_int64());
	f.determined = !successSeen.empty();
	f.reading = (f.determined ? "success status seen: " + list
				  : "undetermined (no finished task among " + std::to_string(tasks.size()) + ")") +
		    "; statuses: " + (all.empty() ? "none" : all);
	f.details = {{"tasksSeen", tasks.size()},
		     {"statuses", std::move(statuses)},
		     {"successStatuses", std::move(success)}};
	f.dependsOn = statusesDepend;
	if (!unknownToDaemon.empty()) {
		f.fit = Fit::No;
		f.fitNote = "the daemon does not know `" + *unknownToDaemon.begin() +
			    "` and keeps polling until the deadline";
	} else if (f.determined) {
		f.fit = Fit::Yes;
		f.fitNote = successSeen.count("finish") && successSeen.size() == 1
				    ? "matches the default"
				    : "among the success values the daemon accepts";
	}
	return f;
}

Finding finishTimeWhileRunning(const std::vector<Exchange> &listing)
{
	const char *key = "finishTimeWhileRunning", *title = "Finish time while not finished";
	if (auto why = unread(listing))
		return undetermined(key, title, *why, finishDepend);
	std::int64_t inProgress = 0, inProgressWithTime = 0, notSuccessWithTime = 0;
	const auto tasks = listedTasks(listing);
	for (const auto &t : tasks) {
		const bool timed = hasFinishTime(t);
		if (verdict(t) == RestoreVerdict::InProgress) {
			++inProgress;
			inProgressWithTime += timed;
		}
		if (verdict(t) != RestoreVerdict::Succeeded)
			notSuccessWithTime += timed;
	}
	Finding f;
	f.key = key;
	f.title = title;
	f.details = {{"tasksInProgress", inProgress},
		     {"inProgressWithFinishTime", inProgressWithTime},
		     {"notSuccessWithFinishTime", notSuccessWithTime}};
	f.dependsOn = finishDepend;
	f.fit = Fit::Yes;
	f.determined = inProgress > 0;
	if (!f.determined)
		f.reading = "undetermined (no task in progress among " + std::to_string(tasks.size()) + ")";
	else if (inProgressWithTime > 0)
		f.reading = "yes: " + std::to_string(inProgressWithTime) + " of " + std::to_string(inProgress) +
			    " tasks in progress carry RestoreTaskFinishTime";
	else
		f.reading = "no: none of " + std::to_string(inProgress) +
			    " tasks in progress carries RestoreTaskFinishTime";
	f.fitNote = "the daemon reads the status only";
	return f;
}

} // namespace restored::probe
