// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dbs {

// How requests are signed (dbs-api.md §3). V3 is what current generated
// SDKs send; the v1 forms are what pop-core, the C++ SDK and the CLI send.
enum class SignatureStyle {
	V3,     // ACS3-HMAC-SHA256: POST, business params in the query, empty body
	V1Get,  // HMAC-SHA1: GET, everything in the query
	V1Post, // HMAC-SHA1: POST, everything in a form body
};

} // namespace dbs
