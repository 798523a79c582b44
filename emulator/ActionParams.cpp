// SPDX-License-Identifier: Apache-2.0
#include "emulator/ActionParams.h"

#include <algorithm>
#include <cctype>

namespace emulator {

Fail invalid(const std::string &param)
{
	return {false, 400, "InvalidParameter", "The specified parameter " + param + " value is not valid."};
}

std::string opt(const dbs::ParamMap &p, const char *name)
{
	auto it = p.find(name);
	return it == p.end() ? std::string() : it->second;
}

std::string required(const dbs::ParamMap &p, const char *name)
{
	std::string v = opt(p, name);
	if (v.empty())
		throw Fail{true, 400, "MissingParameter",
			   std::string("The input parameter \"") + name +
				   "\" that is mandatory for processing this request is not supplied."};
	return v;
}

std::optional<std::int64_t> integer(const dbs::ParamMap &p, const char *name, std::int64_t min, std::int64_t max)
{
	std::string v = opt(p, name);
	if (v.empty())
		return std::nullopt;
	std::int64_t n = 0;
	std::size_t i = v[0] == '-' ? 1 : 0;
	if (i == v.size() || v.size() > 19)
		throw invalid(name);
	for (; i < v.size(); ++i) {
		if (!std::isdigit(static_cast<unsigned char>(v[i])))
			throw invalid(name);
		n = n * 10 + (v[i] - '0');
	}
	if (v[0] == '-')
		n = -n;
	if (n < min || n > max)
		throw invalid(name);
	return n;
}

PageAt pageAt(const dbs::ParamMap &p, int pageBase)
{
	std::int64_t num = integer(p, "PageNum", 0, 1'000'000'000).value_or(0);
	if (pageBase == 1)
		num = std::max<std::int64_t>(num, 1);
	return {num - pageBase, num};
}

std::int64_t pageSize(const dbs::ParamMap &p) { return integer(p, "PageSize", 1, 100).value_or(30); }

void paging(boost::json::object &o, std::int64_t num, std::int64_t size, std::int64_t total)
{
	o["PageNum"] = num;
	o["PageSize"] = size;
	o["TotalElements"] = total;
	o["TotalPages"] = (total + size - 1) / size;
}

} // namespace emulator
