// SPDX-License-Identifier: Apache-2.0
#include "base/ApiError.h"

namespace base {

std::string_view toString(ErrorClass c)
{
	switch (c) {
	case ErrorClass::Transient: return "transient";
	case ErrorClass::Throttled: return "throttled";
	case ErrorClass::Clock: return "clock";
	case ErrorClass::Permanent: return "permanent";
	case ErrorClass::Business: return "business";
	}
	return "unknown";
}

ApiError ApiError::local(ErrorClass errorClass, std::string code, std::string message)
{
	ApiError e;
	e.errorClass = errorClass;
	e.code = std::move(code);
	e.message = std::move(message);
	return e;
}

ApiError ApiError::transient(std::string code, std::string message)
{
	return local(ErrorClass::Transient, std::move(code), std::move(message));
}

ApiError ApiError::permanent(std::string code, std::string message)
{
	return local(ErrorClass::Permanent, std::move(code), std::move(message));
}

ErrorClass classifyError(std::string_view code, int httpStatus, bool successFalseOn200)
{
	if (code.starts_with("Throttling")) // Throttling, Throttling.User, Throttling.Api, ...
		return ErrorClass::Throttled;
	// 429 is push-back whatever the body says (HTML from a proxy, or a
	// code we do not know): waiting is the only sensible answer.
	if (httpStatus == 429)
		return ErrorClass::Throttled;
	if (code == "InvalidTimeStamp.Expired")
		return ErrorClass::Clock;
	// Response.* is our own "the body was garbled": a proxy or a truncated
	// read, worth another attempt like any transport failure.
	if (code == "ServiceUnavailable" || code == "InternalError" || code.starts_with("Transport.") ||
	    code.starts_with("Response."))
		return ErrorClass::Transient;
	// A DBS body that says Success=false on HTTP 200 is the service's own
	// refusal, whatever its code, unless the code says to retry (above).
	if (successFalseOn200 && httpStatus >= 200 && httpStatus < 300)
		return ErrorClass::Business;
	if (httpStatus >= 500)
		return ErrorClass::Transient;
	// Forbidden, InvalidAccessKeyId.*, SignatureDoesNotMatch,
	// IdempotentParameterMismatch, MissingParameter, InvalidParameter, ...
	return ErrorClass::Permanent;
}

} // namespace base
