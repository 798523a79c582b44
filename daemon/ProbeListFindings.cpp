// SPDX-License-Identifier: Apache-2.0
#include "daemon/ProbeListFindings.h"

#include <algorithm>
#include <optional>
#include <set>

#include "daemon/ProbeBody.h"
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
const char *const pageDepend =
	"DbsClient's list walks ask PageNum 0 first, then one past the PageNum each answer names, never a page twice";
const char *const unknownDepend =
	"RestorePoller asks for many jobs' tasks in one call: an id left out is asked again alone, a refused "
	"list is split until the unknown id is alone";
const char *const maxIdsDepend =
	"PollBatcher sends up to 100 ids per DescribeRestoreTaskList; ids left out of an answer are asked again";

const char *const progressFields[] = {"FullStruforeRestoreProgress", "FullDataRestoreProgress",
				      "FullStruAfterRestoreProgress", "ContinuousRestoreProgress"};

std::optional<std::int64_t> number(const boost::json::object &o, const char *name)
{
	auto it = o.find(name);
	if (it == o.end())
		return std::nullopt;
	const auto &v = it->value();
	if (v.is_int64())
		return v.as_int64();
	if (v.is_uint64())
		return static_cast<std::int64_t>(v.as_uint64());
	if (v.is_double())
		return static_cast<std::int64_t>(v.as_double());
	if (v.is_string()) {
		try {
			return std::stoll(std::string(v.as_string()));
		} catch (const std::exception &) {
		}
	}
	return std::nullopt;
}

bool hasFinishTime(const boost::json::object &task)
{
	return number(task, "RestoreTaskFinishTime").value_or(0) != 0;
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
	       s.rfind("fail", 0) == 0;
}

void noteProgress(boost::json::object &progress, const boost::json::object &task)
{
	for (const char *field : progressFields) {
		auto v = number(task, field);
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

Finding undetermined(std::string key, std::string title, const std::string &why, std::string dependsOn)
{
	Finding f;
	f.key = std::move(key);
	f.title = std::move(title);
	f.reading = "undetermined (" + why + ")";
	f.dependsOn = std::move(dependsOn);
	return f;
}

std::vector<std::string> itemIds(const Exchange &e)
{
	std::vector<std::string> ids;
	if (e.response)
		for (const auto &t : restoreItems(readBody(*e.response)))
			ids.push_back(stringField(t, "RestoreTaskId"));
	return ids;
}

std::int64_t totalElements(const Exchange &e)
{
	if (classify(e) != Answer::Ok)
		return -1;
	return number(readBody(*e.response).object, "TotalElements").value_or(-1);
}

std::vector<boost::json::object> listedTasks(const std::vector<Exchange> &listing)
{
	std::vector<boost::json::object> tasks;
	std::set<std::string> seen;
	for (const auto &e : listing) {
		if (classify(e) != Answer::Ok)
			continue;
		for (auto &t : restoreItems(readBody(*e.response)))
			if (seen.insert(stringField(t, "RestoreTaskId")).second)
				tasks.push_back(std::move(t));
	}
	return tasks;
}

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
			entry = boost::json::object{{"count", 0}, {"withFinishTime", 0}, {"daemonReads", verdictName(verdict(t))},
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
	f.details = {{"tasksSeen", tasks.size()}, {"statuses", std::move(statuses)}, {"successStatuses", std::move(success)}};
	f.dependsOn = statusesDepend;
	if (!unknownToDaemon.empty()) {
		f.fit = Fit::No;
		f.fitNote = "the daemon does not know `" + *unknownToDaemon.begin() + "` and keeps polling until the deadline";
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
	f.details = {{"tasksInProgress", inProgress}, {"inProgressWithFinishTime", inProgressWithTime},
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
		f.reading = "no: none of " + std::to_string(inProgress) + " tasks in progress carries RestoreTaskFinishTime";
	f.fitNote = "the daemon reads the status only";
	return f;
}

Finding pageBase(const Exchange *page0, const Exchange *page1, const std::string &why)
{
	const char *key = "pageBase", *title = "Page base";
	if (!page0 || !page1)
		return undetermined(key, title, why, pageDepend);
	for (const Exchange *e : {page0, page1})
		if (classify(*e) != Answer::Ok)
			return undetermined(key, title, whyNoReading(*e), pageDepend);
	const auto ids0 = itemIds(*page0), ids1 = itemIds(*page1);
	if (ids0.empty() || ids1.empty())
		return undetermined(key, title, "an empty page", pageDepend);
	auto echoed = [](const Exchange &e) { return number(readBody(*e.response).object, "PageNum").value_or(-1); };
	Finding f;
	f.key = key;
	f.title = title;
	f.determined = true;
	f.reading = ids0.front() == ids1.front() ? "1-based (0 read as 1)" : "0-based";
	f.details = {{"pageNum0", {{"echoedPageNum", echoed(*page0)}, {"firstTask", ids0.front()}}},
		     {"pageNum1", {{"echoedPageNum", echoed(*page1)}, {"firstTask", ids1.front()}}}};
	f.dependsOn = pageDepend;
	f.fit = Fit::Yes;
	f.fitNote = "the walk works with either base";
	return f;
}

Finding unknownIdInList(const Exchange *call, const std::string &unknownId, const std::string &why)
{
	const char *key = "unknownIdInList", *title = "Unknown id in a list";
	if (!call)
		return undetermined(key, title, why, unknownDepend);
	const Answer a = classify(*call);
	Finding f;
	f.key = key;
	f.title = title;
	f.dependsOn = unknownDepend;
	if (a == Answer::Ok) {
		const auto ids = itemIds(*call);
		const bool echoed = std::find(ids.begin(), ids.end(), unknownId) != ids.end();
		f.determined = !echoed;
		f.reading = echoed ? "undetermined (the id that cannot exist was answered)" : "dropped";
		f.details = {{"itemsAnswered", ids.size()}};
	} else if (a == Answer::BusinessError || a == Answer::Refused) {
		const BodyView b = readBody(*call->response);
		f.determined = true;
		f.reading = "refused: HTTP " + std::to_string(call->response->status) + ", " +
			    (b.code.empty() ? std::string("no code") : b.codeField + " " + b.code) + ", body " + b.shape();
		f.details = {{"httpStatus", call->response->status}, {"codeField", b.codeField}, {"code", b.code},
			     {"bodyShape", b.shape()}};
	} else {
		return undetermined(key, title, whyNoReading(*call), unknownDepend);
	}
	f.fit = Fit::Yes;
	f.fitNote = "the daemon handles both readings";
	return f;
}

Finding maxIdsPerList(const Exchange *call, std::size_t asked, const std::string &why)
{
	const char *key = "maxIdsPerList", *title = "Largest id list answered in full";
	if (!call)
		return undetermined(key, title, why, maxIdsDepend);
	if (classify(*call) != Answer::Ok)
		return undetermined(key, title, whyNoReading(*call), maxIdsDepend);
	const auto ids = itemIds(*call);
	const std::set<std::string> answered(ids.begin(), ids.end());
	Finding f;
	f.key = key;
	f.title = title;
	f.determined = true;
	f.dependsOn = maxIdsDepend;
	f.fit = Fit::Yes;
	const std::string n = std::to_string(answered.size()), m = std::to_string(asked);
	if (answered.size() >= asked) {
		f.reading = asked >= 100 ? "100 (a list of 100 ids answered in full)"
					 : "at least " + m + " (every one of the " + m + " known ids answered)";
		f.details = {{"asked", asked}, {"answered", answered.size()}, {"limit", nullptr}};
		f.fitNote = "batches of up to 100 ids";
	} else {
		f.reading = n + " (a list of " + m + " ids got " + n + " answers, without an error)";
		f.details = {{"asked", asked}, {"answered", answered.size()}, {"limit", answered.size()}};
		f.fitNote = "ids left out are asked again, at the cost of more calls";
	}
	return f;
}

} // namespace restored::probe
