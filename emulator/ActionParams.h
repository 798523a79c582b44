// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "dbs/PercentEncoding.h"

namespace emulator {

// Parameter reading shared by the DBS actions. Pure functions; a rejected
// parameter is thrown as a Fail, which DbsActions::run turns into a reply.

// A rejected call: a gateway body {Code, Message} or a DBS business error.
struct Fail {
	bool gateway = false;
	int status = 400; // of gateway errors; business errors take the dialect's status
	std::string code;
	std::string message;
};

Fail invalid(const std::string &param);
std::string opt(const dbs::ParamMap &p, const char *name);
// Missing or empty: the gateway's MissingParameter.
std::string required(const dbs::ParamMap &p, const char *name);
// Absent: nullopt; not a decimal integer in [min, max]: InvalidParameter.
std::optional<std::int64_t> integer(const dbs::ParamMap &p, const char *name, std::int64_t min, std::int64_t max);

// Where a list page starts, and the PageNum the reply shows for it. With
// page base 1, PageNum 0 (or none) is read as the first page, page 1.
struct PageAt {
	std::int64_t index = 0;
	std::int64_t shown = 0;
};

PageAt pageAt(const dbs::ParamMap &p, int pageBase);
std::int64_t pageSize(const dbs::ParamMap &p);
// PageNum, PageSize, TotalElements and TotalPages of a list reply.
void paging(boost::json::object &o, std::int64_t num, std::int64_t size, std::int64_t total);

} // namespace emulator
