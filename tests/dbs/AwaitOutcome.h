// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "base/ApiError.h"
#include "dbs/Outcome.h"

namespace dbstest {

// Starts one call and runs io until its callback, for at most `limit`; a
// call that never answers comes back as the error Test.NoCallback, so a
// test fails on it instead of hanging. The test's thread only.
template<typename T, typename Start>
dbs::Outcome<T> await(boost::asio::io_context &io, Start start,
		      std::chrono::steady_clock::duration limit = std::chrono::seconds(20))
{
	std::optional<dbs::Outcome<T>> result;
	start([&](dbs::Outcome<T> o) { result.emplace(std::move(o)); });
	auto until = std::chrono::steady_clock::now() + limit;
	while (!result && std::chrono::steady_clock::now() < until)
		io.run_one_for(std::chrono::milliseconds(100));
	if (!result) {
		base::ApiError e;
		e.code = "Test.NoCallback";
		return e;
	}
	return std::move(*result);
}

} // namespace dbstest
