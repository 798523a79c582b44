// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/MainConfig.h"
#include "dbs/DbsClient.h"
#include "dbs/Endpoint.h"

namespace restored {

// The API client's settings from the main configuration: endpoint or
// region, signature style, timeouts, CA file. Shared by the daemon and the
// probe so that the probe talks to the service exactly as the daemon does.
// Pure.
dbs::DbsClientOptions clientOptions(const config::MainConfig &c, dbs::Credentials credentials);

// Where the options send requests: the explicit endpoint, or the official
// SDK's endpoint for the region. Throws std::invalid_argument for a bad
// endpoint URL (a startup error).
dbs::Endpoint endpointOf(const dbs::DbsClientOptions &o);

} // namespace restored
