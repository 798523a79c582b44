// SPDX-License-Identifier: Apache-2.0
#include "metrics/ScrapeHandler.h"

namespace metrics {

namespace {

httpd::HttpResponse plain(int status, std::string body)
{
	httpd::HttpResponse r;
	r.status = status;
	r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
	r.body = std::move(body);
	return r;
}

} // namespace

httpd::HttpResponse answerScrape(const httpd::HttpRequest &request, const std::function<std::string()> &render)
{
	std::string_view target = request.target;
	std::string_view path = target.substr(0, target.find('?'));
	if (path != "/metrics")
		return plain(404, "not found: only /metrics is served\n");
	if (request.method != "GET") {
		auto r = plain(405, "method not allowed: only GET\n");
		r.headers.emplace_back("Allow", "GET");
		return r;
	}
	httpd::HttpResponse r;
	r.headers = {{"Content-Type", std::string(exposition004ContentType)}};
	r.body = render();
	return r;
}

} // namespace metrics
