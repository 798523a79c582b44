// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "dbs/Credentials.h"
#include "dbs/Endpoint.h"
#include "dbs/HttpMessage.h"
#include "dbs/PercentEncoding.h"
#include "dbs/SignatureStyle.h"

namespace dbs {

// Builds one signed DBS request. Pure: time and nonce are arguments, so
// tests pin them and re-verify with the signature functions. Used by
// DbsClient on whatever thread calls it.
class RequestBuilder
{
public:
	static constexpr std::string_view apiVersion = "2019-03-06";

	struct Context {
		Endpoint endpoint;
		Credentials credentials;
		SignatureStyle style = SignatureStyle::V3;
		std::string userAgent;
	};

	static HttpRequest build(const Context &ctx, std::string_view action, ParamMap business,
				 std::chrono::system_clock::time_point now, std::string_view nonce);

	// yyyy-MM-ddTHH:mm:ssZ in UTC (Timestamp and x-acs-date).
	static std::string timestamp(std::chrono::system_clock::time_point t);
};

} // namespace dbs
