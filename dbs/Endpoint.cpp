// SPDX-License-Identifier: Apache-2.0
#include "dbs/Endpoint.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include "base/Strings.h"
namespace dbs {

namespace {

[[noreturn]] void invalid(std::string_view url, std::string_view what)
{
	throw std::invalid_argument(fmt::format("endpoint '{}': {}", url, what));
}

} // namespace

std::string Endpoint::hostHeader() const
{
	std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
	if (port != (tls ? 443 : 80))
		h += ":" + std::to_string(port);
	return h;
}

std::string Endpoint::url() const { return (tls ? "https://" : "http://") + hostHeader(); }

// Regions without a DBS API endpoint of their own, served from Hangzhou.
// Facts from the official Go SDK's EndpointMap:
// github.com/alibabacloud-go/dbs-20190306, client/client.go, Client.Init
// (commit 4b7948700b7a33f9d49032638a0c00bbde950afd). Every other region in
// that map is dbs-api.<region>.aliyuncs.com, which is also what we use for
// regions the map does not know.
constexpr std::array<std::string_view, 12> servedFromHangzhou{
	"cn-qingdao",  "cn-beijing",          "cn-zhangjiakou",        "cn-hangzhou",
	"cn-shanghai", "cn-shenzhen",         "cn-hongkong",           "us-west-1",
	"us-east-1",   "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1",
};

Endpoint Endpoint::forRegion(std::string_view region)
{
	bool central = std::find(servedFromHangzhou.begin(), servedFromHangzhou.end(), region) !=
		       servedFromHangzhou.end();
	Endpoint e;
	e.host = fmt::format("dbs-api.{}.aliyuncs.com", central ? "cn-hangzhou" : region);
	return e;
}

bool Endpoint::isLoopbackHost(std::string_view host)
{
	if (base::lower(host) == "localhost")
		return true;
	boost::system::error_code ec;
	auto addr = boost::asio::ip::make_address(std::string(host), ec);
	return !ec && addr.is_loopback();
}

Endpoint Endpoint::parse(std::string_view url)
{
	auto parsed = boost::urls::parse_absolute_uri(url);
	if (!parsed)
		invalid(url, "expected https://host[:port]");
	const auto &u = *parsed;
	Endpoint e;
	std::string scheme = base::lower(u.scheme());
	if (scheme == "https")
		e.tls = true;
	else if (scheme == "http")
		e.tls = false;
	else
		invalid(url, "expected scheme https (or http for a loopback emulator)");
	if (!u.has_authority() || u.encoded_host().empty())
		invalid(url, "expected a host");
	if (u.has_userinfo()) // not echoed: it may be a password
		throw std::invalid_argument("endpoint: expected no user information");
	if (!(u.encoded_path().empty() || u.encoded_path() == "/") || u.has_query() || u.has_fragment())
		invalid(url, "expected no path, query or fragment");

	switch (u.host_type()) {
	case boost::urls::host_type::ipv6: e.host = u.host_ipv6_address().to_string(); break;
	case boost::urls::host_type::name:
	case boost::urls::host_type::ipv4: e.host = base::lower(u.host()); break;
	default: invalid(url, "expected a host name, IPv4 or IPv6 address");
	}
	if (u.has_port()) {
		if (u.port().empty() || u.port_number() == 0)
			invalid(url, "expected a port between 1 and 65535");
		e.port = u.port_number();
	} else {
		e.port = e.tls ? 443 : 80;
	}
	if (!e.tls && !isLoopbackHost(e.host))
		invalid(url, "plain http is only allowed to a loopback host (127.0.0.0/8, ::1, "
			     "localhost); expected https://");
	return e;
}

} // namespace dbs
