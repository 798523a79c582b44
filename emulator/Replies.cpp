// SPDX-License-Identifier: Apache-2.0
#include "emulator/Replies.h"

#include <cstdio>

#include <boost/json/serialize.hpp>

namespace emulator {

std::string Replies::nextRequestId()
{
	// UUID-shaped like the service's, but a counter: stable across runs.
	++counter_;
	char buf[64];
	std::snprintf(buf, sizeof buf, "E0000000-0000-4000-8000-%012llX", static_cast<unsigned long long>(counter_));
	return buf;
}

HttpResponse Replies::json(int status, const boost::json::object &body)
{
	HttpResponse r;
	r.status = status;
	r.headers.emplace_back("Content-Type", "application/json;charset=utf-8");
	r.body = boost::json::serialize(body);
	return r;
}

HttpResponse Replies::text(int status, std::string body)
{
	HttpResponse r;
	r.status = status;
	r.headers.emplace_back("Content-Type", "text/plain;charset=utf-8");
	r.body = std::move(body);
	return r;
}

HttpResponse Replies::gatewayError(int status, std::string_view code, std::string_view message, std::string_view host)
{
	std::string id = nextRequestId();
	boost::json::object o;
	o["RequestId"] = id;
	o["HostId"] = host.empty() ? std::string_view("dbs-api.cn-hangzhou.aliyuncs.com") : host;
	o["Code"] = code;
	o["Message"] = message;
	o["Recommend"] = "https://api.aliyun.com/troubleshoot?q=" + std::string(code) + "&product=Dbs&requestId=" + id;
	return json(status, o);
}

HttpResponse Replies::dbsSuccess(boost::json::object fields)
{
	fields["RequestId"] = nextRequestId();
	fields["Success"] = true;
	fields["HttpStatusCode"] = 200;
	fields["ErrCode"] = "";
	fields["ErrMessage"] = "";
	return json(200, fields);
}

HttpResponse Replies::dbsError(int status, std::string_view code, std::string_view message)
{
	boost::json::object o;
	o["RequestId"] = nextRequestId();
	o["Success"] = false;
	o["HttpStatusCode"] = status;
	o["ErrCode"] = code;
	o["ErrMessage"] = message;
	return json(status, o);
}

} // namespace emulator
