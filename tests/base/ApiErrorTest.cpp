// SPDX-License-Identifier: Apache-2.0
#include "base/ApiError.h"

#include <gtest/gtest.h>

using base::ApiError;
using base::classifyError;
using base::ErrorClass;

TEST(ClassifyError, ThrottlingCodesAreThrottledWhateverTheStatus)
{
	EXPECT_EQ(classifyError("Throttling", 400, false), ErrorClass::Throttled);
	EXPECT_EQ(classifyError("Throttling.User", 400, false), ErrorClass::Throttled);
	EXPECT_EQ(classifyError("Throttling.Api", 503, false), ErrorClass::Throttled);
	EXPECT_EQ(classifyError("Throttling", 200, true), ErrorClass::Throttled);
}

TEST(ClassifyError, ServerSideFailuresAreTransient)
{
	EXPECT_EQ(classifyError("ServiceUnavailable", 503, false), ErrorClass::Transient);
	EXPECT_EQ(classifyError("InternalError", 500, false), ErrorClass::Transient);
	EXPECT_EQ(classifyError("", 502, false), ErrorClass::Transient);
	EXPECT_EQ(classifyError("Transport.Timeout", 0, false), ErrorClass::Transient);
}

TEST(ClassifyError, ExpiredTimestampIsAClockError)
{
	EXPECT_EQ(classifyError("InvalidTimeStamp.Expired", 400, false), ErrorClass::Clock);
}

TEST(ClassifyError, AuthAndParameterErrorsArePermanent)
{
	for (auto code :
	     {"Request.Forbidden", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
	      "SignatureDoesNotMatch", "IdempotentParameterMismatch", "MissingParameter", "InvalidParameter"}) {
		EXPECT_EQ(classifyError(code, 400, false), ErrorClass::Permanent) << code;
	}
	EXPECT_EQ(classifyError("Request.Forbidden", 403, false), ErrorClass::Permanent);
}

TEST(ClassifyError, SuccessFalseOn200IsABusinessFailure)
{
	EXPECT_EQ(classifyError("Param.NotFound", 200, true), ErrorClass::Business);
	EXPECT_EQ(classifyError("InternalError", 200, true), ErrorClass::Transient);
}

TEST(ClassifyError, GarbledResponsesAreTransient)
{
	EXPECT_EQ(classifyError("Response.Malformed", 200, false), ErrorClass::Transient);
	EXPECT_EQ(classifyError("Response.MissingField", 200, false), ErrorClass::Transient);
}

TEST(ClassifyError, Http429IsThrottledWhateverTheCode)
{
	EXPECT_EQ(classifyError("HttpError", 429, false), ErrorClass::Throttled);
	EXPECT_EQ(classifyError("Request.Forbidden", 429, false), ErrorClass::Throttled);
	EXPECT_EQ(classifyError("ThrottlingException", 400, false), ErrorClass::Throttled);
}

TEST(LocalError, NamedConstructorsCarryNoServerFields)
{
	const ApiError t = ApiError::transient("Transport.Timeout", "timed out during read");
	EXPECT_EQ(t.errorClass, ErrorClass::Transient);
	EXPECT_EQ(t.code, "Transport.Timeout");
	EXPECT_EQ(t.message, "timed out during read");
	EXPECT_TRUE(t.retryable());
	const ApiError p = ApiError::permanent("Client.InvalidRequest", "bad id");
	EXPECT_EQ(p.errorClass, ErrorClass::Permanent);
	EXPECT_FALSE(p.retryable());
	const ApiError c = ApiError::local(ErrorClass::Clock, "Local.Clock", "skewed");
	EXPECT_EQ(c.errorClass, ErrorClass::Clock);
	for (const ApiError &e : {t, p, c}) {
		EXPECT_EQ(e.httpStatus, 0);
		EXPECT_TRUE(e.requestId.empty());
		EXPECT_FALSE(e.retryAfter);
	}
}
