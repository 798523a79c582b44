// SPDX-License-Identifier: Apache-2.0
#include "emulator/HostileReplies.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emulator {

namespace {

constexpr std::size_t hugeBodyBytes = 16 * 1024 * 1024;
constexpr std::size_t bombDepth = 100'000;

// Every number in v (recursively) becomes one just over uint64, which a
// JSON parser can only keep as a double: no integer field can hold it.
void overflowNumbers(boost::json::value &v)
{
	if (v.is_number()) {
		v = 18446744073709551616.0;
	} else if (auto *o = v.if_object()) {
		for (auto &member : *o)
			overflowNumbers(member.value());
	} else if (auto *a = v.if_array()) {
		for (auto &item : *a)
			overflowNumbers(item);
	}
}

std::string badChunkedMessage(const HttpResponse &r)
{
	std::string m = "HTTP/1.1 " + std::to_string(r.status) + " OK\r\n";
	for (const auto &[name, value] : r.headers)
		m += name + ": " + value + "\r\n";
	// "zz" is not a hexadecimal chunk size.
	m += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n" + r.body + "\r\n0\r\n\r\n";
	return m;
}

} // namespace

HttpResponse hostileReply(HttpResponse r, FaultKind kind)
{
	switch (kind) {
	case FaultKind::HugeBody:
		// Still valid JSON: only the size is wrong.
		r.body.append(hugeBodyBytes - std::min(hugeBodyBytes, r.body.size()), ' ');
		break;
	case FaultKind::EndlessHeader: r.delivery = Delivery::EndlessHeader; break;
	case FaultKind::Slowloris:
		r.delivery = Delivery::Slow;
		r.delayMs = slowlorisByteIntervalMs;
		break;
	case FaultKind::BadChunked:
		r.body = badChunkedMessage(r);
		r.delivery = Delivery::Raw;
		break;
	case FaultKind::JsonBomb: r.body = std::string(bombDepth, '[') + std::string(bombDepth, ']'); break;
	case FaultKind::OutOfRange: {
		boost::system::error_code ec;
		boost::json::value v = boost::json::parse(r.body, ec);
		if (!ec) {
			overflowNumbers(v);
			r.body = boost::json::serialize(v);
		}
		break;
	}
	default: break;
	}
	return r;
}

} // namespace emulator
