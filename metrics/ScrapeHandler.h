// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "httpd/HttpMessage.h"

namespace metrics {

// The content type of the text exposition format, version 0.0.4.
inline constexpr std::string_view exposition004ContentType = "text/plain; version=0.0.4; charset=utf-8";

// The metrics endpoint's answer to one request: `GET /metrics` (a query
// string is ignored) gets 200 with the text `render` returns; another
// method on /metrics gets 405 with `Allow: GET`; any other path gets 404.
// `render` is called only for a scrape. Pure apart from `render`.
httpd::HttpResponse answerScrape(const httpd::HttpRequest &request, const std::function<std::string()> &render);

} // namespace metrics
