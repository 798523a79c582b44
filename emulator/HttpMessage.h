// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httpd/HttpMessage.h"

namespace emulator {

// The emulator's handler speaks the shared server's message types
// (httpd/HttpMessage.h); these names keep its code short.
using httpd::Delivery;
using httpd::HttpRequest;
using httpd::HttpResponse;

} // namespace emulator
