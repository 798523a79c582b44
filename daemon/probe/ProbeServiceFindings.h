// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "daemon/probe/ProbeExchange.h"
#include "daemon/probe/ProbeReport.h"

namespace restored::probe {

// Findings about the service as a whole (dbs-readings.md rows "Business
// errors", "Throttling", "Endpoints", plus signature styles and the clock).
// Pure: built from exchanges ProbeSession made.

// A Describe call for a backup plan id that cannot exist.
Finding errorShape(const Exchange *call, const std::string &why);
// One harmless call per style, in any order; `configured` is api.signature.
Finding signatureStyles(const std::vector<Exchange> &calls, dbs::SignatureStyle configured);
// The first throttled answer among all calls, if any.
Finding throttling(const std::vector<Exchange> &all);
// From the first answer with a Date header.
Finding clockOffset(const std::vector<Exchange> &all);
// `source`: "api.endpoint" or "region map (<region>)"; `tls`: the
// negotiated version, "plain http", or why it is unknown.
Finding endpoint(const std::vector<Exchange> &all, const std::string &url, const std::string &source,
		 const std::string &tls);
// DescribeJobErrorCode for a task the listing showed in `taskStatus`.
Finding jobErrorCode(const Exchange *call, const std::string &taskStatus, const std::string &why);

} // namespace restored::probe
