// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "daemon/probe/ProbeExchange.h"
#include "daemon/probe/ProbeReport.h"

namespace restored::probe {

// Findings about DescribeRestoreTaskList readings, from the raw exchanges
// (dbs-readings.md rows "PageNum",
// "Unknown id in a RestoreTaskId list", "Ids per list"). Pure: ProbeSession
// makes the calls and hands the exchanges over; a call it did not make is a
// nullptr together with why.

// Tasks of every answered page of `listing`, each id once, in order.
std::vector<boost::json::object> listedTasks(const std::vector<Exchange> &listing);
// TotalElements of the first answered page, or -1.
std::int64_t totalElements(const Exchange &e);
// RestoreTaskIds of one answer's items, in order.
std::vector<std::string> itemIds(const Exchange &e);

// PageNum 0 and 1 with PageSize 1 on one plan.
Finding pageBase(const Exchange *page0, const Exchange *page1, const std::string &why);
// A list of one known id and one that cannot exist.
Finding unknownIdInList(const Exchange *call, const std::string &unknownId, const std::string &why);
// A list of `asked` known ids.
Finding maxIdsPerList(const Exchange *call, std::size_t asked, const std::string &why);

// The undetermined form every finding shares.
Finding undetermined(std::string key, std::string title, const std::string &why, std::string dependsOn);

} // namespace restored::probe
