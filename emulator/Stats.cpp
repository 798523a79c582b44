// SPDX-License-Identifier: Apache-2.0
#include "emulator/Stats.h"

#include <algorithm>

#include <boost/json/array.hpp>

namespace emulator {

void Stats::received(const std::string &action, std::int64_t wallMs)
{
	++actions_[action].received;
	if (callLog_.size() == callLogLimit) {
		callLog_.pop_front();
		++callLogDropped_;
	}
	callLog_.emplace_back(wallMs, action);
}

void Stats::outcome(const std::string &action, const std::string &outcome) { ++actions_[action].outcomes[outcome]; }

void Stats::describeIds(std::size_t count)
{
	++describeCalls_;
	describeIdsSum_ += static_cast<std::int64_t>(count);
	describeIdsMax_ = std::max(describeIdsMax_, static_cast<std::int64_t>(count));
}

boost::json::object Stats::toJson() const
{
	boost::json::object actions;
	for (const auto &[name, c] : actions_) {
		boost::json::object outcomes;
		for (const auto &[o, n] : c.outcomes)
			outcomes[o] = n;
		boost::json::object a;
		a["received"] = c.received;
		a["outcomes"] = std::move(outcomes);
		actions[name] = std::move(a);
	}
	boost::json::array log;
	log.reserve(callLog_.size());
	for (const auto &[ms, action] : callLog_)
		log.push_back(boost::json::array{ms, boost::json::string(action)});
	boost::json::object o;
	o["actions"] = std::move(actions);
	o["describe_restore_task_list"] = boost::json::object{
		{"calls", describeCalls_}, {"ids_sum", describeIdsSum_}, {"ids_max", describeIdsMax_}};
	o["call_log"] = std::move(log);
	o["call_log_dropped"] = callLogDropped_;
	return o;
}

} // namespace emulator
