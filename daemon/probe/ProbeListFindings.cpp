// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeListFindings.h"

#include <algorithm>
#include <set>

#include "daemon/probe/ProbeBody.h"

namespace restored::probe {

namespace {

const char *const pageDepend =
	"DbsClient's list walks ask PageNum 0 first, then one past the PageNum each answer names, never a page twice";
const char *const unknownDepend =
	"RestorePoller asks for many jobs' tasks in one call: an id left out is asked again alone, a refused "
	"list is split until the unknown id is alone";
const char *const maxIdsDepend =
	"PollBatcher sends up to 100 ids per DescribeRestoreTaskList; ids left out of an answer are asked again";

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
	return numberField(readBody(*e.response).object, "TotalElements").value_or(-1);
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
	auto echoed = [](const Exchange &e) {
		return numberField(readBody(*e.response).object, "PageNum").value_or(-1);
	};
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
			    (b.code.empty() ? std::string("no code") : b.codeField + " " + b.code) + ", body " +
			    b.shape();
		f.details = {{"httpStatus", call->response->status},
			     {"codeField", b.codeField},
			     {"code", b.code},
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
