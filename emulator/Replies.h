// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "emulator/HttpMessage.h"

namespace emulator {

// Builds the bodies the service sends: gateway errors
// {RequestId, HostId, Code, Message, Recommend} and DBS bodies that always
// carry RequestId, Success, HttpStatusCode, ErrCode, ErrMessage. Request ids
// are deterministic (a counter), so tests can compare them. Owned by
// ApiHandler; server thread only.
class Replies
{
public:
	std::string nextRequestId();

	HttpResponse gatewayError(int status, std::string_view code, std::string_view message, std::string_view host);
	HttpResponse dbsSuccess(boost::json::object fields);
	HttpResponse dbsError(int status, std::string_view code, std::string_view message);
	static HttpResponse json(int status, const boost::json::object &body);
	// A text/plain answer, as some gateways throttle (no RequestId to parse).
	static HttpResponse text(int status, std::string body);

private:
	std::uint64_t counter_ = 0;
};

} // namespace emulator
