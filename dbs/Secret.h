// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace dbs {

// A credential value (access key secret, STS token). It cannot be turned into
// a string by accident: no implicit conversion, and both operator<< and fmt
// (hence spdlog) print "***". The one way to the bytes is reveal(), which is
// called only by the signers. A plain value; any thread may copy it.
class Secret
{
public:
	Secret() = default;
	explicit Secret(std::string value) : value_(std::move(value)) {}

	bool empty() const { return value_.empty(); }
	std::string_view reveal() const { return value_; }

	friend bool operator==(const Secret &, const Secret &) = default;
	friend std::ostream &operator<<(std::ostream &os, const Secret &) { return os << "***"; }

private:
	std::string value_;
};

} // namespace dbs

template<>
struct fmt::formatter<dbs::Secret> : fmt::formatter<std::string_view> {
	template<typename FormatContext>
	auto format(const dbs::Secret &, FormatContext &ctx) const
	{
		return fmt::formatter<std::string_view>::format("***", ctx);
	}
};
