// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dbs {

// The transport's view of one exchange, free of Beast so that signing and
// parsing stay pure and cheap to compile. Plain values.
struct HttpRequest {
	std::string method = "GET";
	std::string target = "/"; // origin-form: path and query, already encoded
	std::vector<std::pair<std::string, std::string>> headers;
	std::string body;
};

struct HttpResponse {
	int status = 0;
	std::map<std::string, std::string> headers; // names lower-cased
	std::string body;
};

} // namespace dbs
