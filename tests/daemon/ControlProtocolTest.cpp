// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlProtocol.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <set>

using namespace restored;

namespace {

restored::os::ControlRequest accepted(std::string_view line)
{
	auto parsed = restored::os::parseControlRequest(line);
	if (const auto *e = std::get_if<restored::os::ControlRequestError>(&parsed))
		ADD_FAILURE() << "refused: " << e->message;
	return std::holds_alternative<restored::os::ControlRequest>(parsed) ? std::get<restored::os::ControlRequest>(parsed) : restored::os::ControlRequest{};
}

restored::os::ControlError refusal(std::string_view line)
{
	auto parsed = restored::os::parseControlRequest(line);
	if (!std::holds_alternative<restored::os::ControlRequestError>(parsed)) {
		ADD_FAILURE() << "accepted: " << line;
		return restored::os::ControlError::Internal;
	}
	return std::get<restored::os::ControlRequestError>(parsed).error;
}

} // namespace

TEST(ControlProtocol, ReadsEachCommand)
{
	auto r = accepted("{\"command\":\"run-now\",\"job\":\"nightly-drill\"}\n");
	EXPECT_EQ(r.command, restored::os::ControlCommand::RunNow);
	EXPECT_EQ(r.jobId, "nightly-drill");
	r = accepted("{\"job\":\"a.b_c\",\"command\":\"cancel\"}");
	EXPECT_EQ(r.command, restored::os::ControlCommand::Cancel);
	EXPECT_EQ(r.jobId, "a.b_c");
	r = accepted(" {\"command\" : \"status\"} \r\n");
	EXPECT_EQ(r.command, restored::os::ControlCommand::Status);
	EXPECT_EQ(r.jobId, "");
	r = accepted("{\"command\":\"status\",\"job\":\"x1\"}\n");
	EXPECT_EQ(r.command, restored::os::ControlCommand::Status);
	EXPECT_EQ(r.jobId, "x1");
}

TEST(ControlProtocol, MalformedRequestsAreRefusedAsMalformed)
{
	for (std::string_view line : {"", "\n", "status\n", "run-now nightly\n", "[\"status\"]\n", "42\n",
				      "\"status\"\n", "{\"command\":\"status\"\n", "{\"command\":\"status\"}}\n",
				      "{\"command\":\"status\"} {\"command\":\"status\"}\n", "{}\n",
				      "{\"command\":7}\n", "{\"command\":null}\n",
				      "{\"command\":\"status\",\"verbose\":true}\n",
				      "{\"command\":\"status\",\"job\":\"a\",\"job\":\"b\",\"x\":{\"y\":[[[[1]]]]}}\n",
				      "{\"command\":\"st\xff\xfe\"}\n"})
		EXPECT_EQ(refusal(line), restored::os::ControlError::Malformed) << line;
}

TEST(ControlProtocol, DeeplyNestedInputIsRefusedAtTheDepthLimit)
{
	std::string deep = "{\"command\":\"status\",\"x\":" + std::string(400, '[') + std::string(400, ']') + "}";
	EXPECT_EQ(refusal(deep), restored::os::ControlError::Malformed);
}

TEST(ControlProtocol, UnknownCommandsAreNamedInTheRefusal)
{
	auto parsed = restored::os::parseControlRequest("{\"command\":\"reboot\",\"job\":\"a\"}\n");
	ASSERT_TRUE(std::holds_alternative<restored::os::ControlRequestError>(parsed));
	const auto &e = std::get<restored::os::ControlRequestError>(parsed);
	EXPECT_EQ(e.error, restored::os::ControlError::UnknownCommand);
	EXPECT_NE(e.message.find("'reboot'"), std::string::npos) << e.message;
	EXPECT_EQ(refusal("{\"command\":\"RUN-NOW\",\"job\":\"a\"}"), restored::os::ControlError::UnknownCommand);
	EXPECT_EQ(refusal("{\"command\":\"\"}"), restored::os::ControlError::UnknownCommand);
}

TEST(ControlProtocol, AControlCharacterInARefusedValueIsEscapedInTheMessage)
{
	auto parsed = restored::os::parseControlRequest("{\"command\":\"x\\u001b[31my\"}");
	ASSERT_TRUE(std::holds_alternative<restored::os::ControlRequestError>(parsed));
	const auto &message = std::get<restored::os::ControlRequestError>(parsed).message;
	EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
	EXPECT_NE(message.find("\\x1b"), std::string::npos) << message;
}

TEST(ControlProtocol, BadOrMissingJobIdsAreRefused)
{
	EXPECT_EQ(refusal("{\"command\":\"run-now\"}"), restored::os::ControlError::BadJobId);
	EXPECT_EQ(refusal("{\"command\":\"cancel\"}"), restored::os::ControlError::BadJobId);
	for (std::string_view job : {"\"\"", "\"-leading-dash\"", "\"a b\"", "\"../etc/passwd\"", "\"a/b\"",
				     "\"caf\\u00e9\"", "7", "null", "[\"a\"]"})
		EXPECT_EQ(refusal("{\"command\":\"run-now\",\"job\":" + std::string(job) + "}"), restored::os::ControlError::BadJobId)
			<< job;
	EXPECT_EQ(refusal("{\"command\":\"status\",\"job\":\"\"}"), restored::os::ControlError::BadJobId);
	std::string longest(64, 'a');
	EXPECT_EQ(accepted("{\"command\":\"cancel\",\"job\":\"" + longest + "\"}").jobId, longest);
	EXPECT_EQ(refusal("{\"command\":\"cancel\",\"job\":\"" + longest + "a\"}"), restored::os::ControlError::BadJobId);
}

TEST(ControlProtocol, TheSizeCapCountsTheNewline)
{
	std::string request = "{\"command\":\"status\"}";
	std::string atCap = request + std::string(restored::os::maxControlRequestBytes - request.size() - 1, ' ') + "\n";
	ASSERT_EQ(atCap.size(), restored::os::maxControlRequestBytes);
	EXPECT_EQ(accepted(atCap).command, restored::os::ControlCommand::Status);
	EXPECT_EQ(refusal(" " + atCap), restored::os::ControlError::TooLarge);
	EXPECT_EQ(refusal(std::string(1 << 20, '{')), restored::os::ControlError::TooLarge);
}

TEST(ControlProtocol, FormattedRequestsParseBack)
{
	for (const restored::os::ControlRequest &r : {restored::os::ControlRequest{restored::os::ControlCommand::RunNow, "nightly"},
					restored::os::ControlRequest{restored::os::ControlCommand::Cancel, "a.b-c_d"},
					restored::os::ControlRequest{restored::os::ControlCommand::Status, ""},
					restored::os::ControlRequest{restored::os::ControlCommand::Status, "one"}}) {
		std::string line = restored::os::formatControlRequest(r);
		ASSERT_EQ(line.back(), '\n');
		EXPECT_EQ(line.find('\n'), line.size() - 1);
		auto back = accepted(line);
		EXPECT_EQ(back.command, r.command);
		EXPECT_EQ(back.jobId, r.jobId);
	}
	EXPECT_EQ(restored::os::formatControlRequest({restored::os::ControlCommand::RunNow, "nightly"}),
		  "{\"command\":\"run-now\",\"job\":\"nightly\"}\n");
}

TEST(ControlProtocol, AnswersAreOneJsonLineAndParseBack)
{
	std::string ok = restored::os::formatControlAnswer(restored::os::ControlAnswer::success("job 'a' started"));
	EXPECT_EQ(ok, "{\"ok\":true,\"message\":\"job 'a' started\"}\n");
	std::string refused = restored::os::formatControlAnswer(restored::os::ControlAnswer::failure(restored::os::ControlError::AlreadyRunning, "busy \"a\""));
	EXPECT_EQ(refused, "{\"ok\":false,\"error\":\"already-running\",\"message\":\"busy \\\"a\\\"\"}\n");
	auto back = std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(refused));
	EXPECT_FALSE(back.ok);
	EXPECT_EQ(back.error, restored::os::ControlError::AlreadyRunning);
	EXPECT_EQ(back.message, "busy \"a\"");
	EXPECT_TRUE(std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(ok)).ok);
}

TEST(ControlProtocol, TheStatusDocumentIsEmbeddedWhole)
{
	restored::os::ControlAnswer a = restored::os::ControlAnswer::success({});
	a.status = "{\"counts\":{\"running\":1},\"jobs\":[{\"job_id\":\"a\"}]}";
	std::string text = restored::os::formatControlAnswer(a);
	EXPECT_EQ(text.find('\n'), text.size() - 1);
	auto doc = boost::json::parse(text).as_object();
	EXPECT_TRUE(doc.at("ok").as_bool());
	EXPECT_EQ(doc.at("status").at("jobs").at(0).at("job_id").as_string(), "a");
	auto back = std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(text));
	EXPECT_EQ(back.status, a.status);
}

TEST(ControlProtocol, AStatusAnswerIsTakenAsWrittenOnlyWhenItIsWholeJson)
{
	// Passed through, not re-serialised: the text comes back byte for byte,
	// even where a parse and serialise would have changed it.
	std::string doc = "{\"jobs\":[{\"job_id\":\"a\",\"reason\":\"\\u00e9t\\u00e9\"}]}";
	std::string text = "{\"ok\":true,\"status\":" + doc + "}\n";
	EXPECT_EQ(std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(text)).status, doc);
	EXPECT_EQ(std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(text.substr(0, text.size() - 1))).status, doc);
	// A torn or broken document is never passed through as a status.
	for (std::string broken : {text.substr(0, text.size() / 2), std::string("{\"ok\":true,\"status\":{\"jobs\":[}}\n"),
				   std::string("{\"ok\":true,\"status\":{} {}}\n")})
		EXPECT_TRUE(std::holds_alternative<std::string>(restored::os::parseControlAnswer(broken))) << broken;
	// Any other shape still goes through the parser.
	auto spaced = std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer("{ \"ok\" : true, \"status\" : {\"a\" : 1} }"));
	EXPECT_EQ(spaced.status, "{\"a\":1}");
}

TEST(ControlProtocol, EveryErrorHasItsOwnNameOnTheWire)
{
	std::set<std::string_view> names;
	for (int i = 0; i <= static_cast<int>(restored::os::ControlError::Internal); ++i) {
		auto e = static_cast<restored::os::ControlError>(i);
		names.insert(toString(e));
		auto back = std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer(restored::os::formatControlAnswer(restored::os::ControlAnswer::failure(e, "m"))));
		EXPECT_EQ(back.error, e) << toString(e);
	}
	EXPECT_EQ(names.size(), static_cast<std::size_t>(restored::os::ControlError::Internal) + 1);
}

TEST(ControlProtocol, UnreadableAnswersAreReportedNotTrusted)
{
	EXPECT_TRUE(std::holds_alternative<std::string>(restored::os::parseControlAnswer("")));
	EXPECT_TRUE(std::holds_alternative<std::string>(restored::os::parseControlAnswer("{\"message\":\"x\"}")));
	EXPECT_TRUE(std::holds_alternative<std::string>(restored::os::parseControlAnswer("[true]")));
	auto unknown = std::get<restored::os::ControlAnswer>(restored::os::parseControlAnswer("{\"ok\":false,\"error\":\"from-the-future\"}"));
	EXPECT_FALSE(unknown.ok);
	EXPECT_EQ(unknown.error, restored::os::ControlError::Internal);
}
