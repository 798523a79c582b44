// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <variant>

#include "daemon/RequestFactory.h"
#include "statemachine/ApiAction.h"
#include "statemachine/JobEvents.h"

namespace dbs {
class DbsClient;
}

namespace restored {

// The event a CallApi's reply becomes (ReplyTranslator).
using ReplyEvent = std::variant<statemachine::ApiSucceeded, statemachine::ApiFailed,
				statemachine::JobErrorCodeAnswered>;

// Sends one built request with the DBS call it names, and answers with the
// reply's event, stamped with nowMs() when the reply arrived. The answer
// runs from the client's callback, never inside this call. Called on the
// daemon's io_context thread.
void sendRequest(dbs::DbsClient &client, const ApiRequest &request, statemachine::ApiAction action,
		 std::function<std::int64_t()> nowMs, std::function<void(ReplyEvent)> answer);

} // namespace restored
