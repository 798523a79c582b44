// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "base/ApiError.h"

namespace dbs {

// The result of one API call: a typed response or an ApiError.
// (std::expected arrives with C++23; this is the small part we need.)
template<typename T>
class Outcome
{
public:
	Outcome(T value) : v_(std::move(value)) {}
	Outcome(base::ApiError error) : v_(std::move(error)) {}

	bool ok() const { return v_.index() == 0; }
	explicit operator bool() const { return ok(); }

	const T &value() const
	{
		assert(ok());
		return std::get<0>(v_);
	}
	T &value()
	{
		assert(ok());
		return std::get<0>(v_);
	}
	const base::ApiError &error() const
	{
		assert(!ok());
		return std::get<1>(v_);
	}

private:
	std::variant<T, base::ApiError> v_;
};

} // namespace dbs
