// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <variant>

#include "daemon/RequestFactory.h"
#include "statemachine/ApiAction.h"
#include "statemachine/JobEvents.h"

namespace dbs {
class DbsApi;
}

namespace restored {

namespace os {
class Clock;
} // namespace os

// The event a CallApi's reply becomes (ReplyTranslator).
using ReplyEvent =
	std::variant<statemachine::ApiSucceeded, statemachine::ApiFailed, statemachine::JobErrorCodeAnswered>;

// Sends one built request with the DBS call it names, and answers with the
// reply's event, stamped with the clock's wall time when the reply arrived. The answer
// runs from the client's callback, never inside this call. Called on the
// daemon's io_context thread.
void sendRequest(dbs::DbsApi &client, const ApiRequest &request, statemachine::ApiAction action, const os::Clock &clock,
		 std::function<void(ReplyEvent)> answer);

} // namespace restored
