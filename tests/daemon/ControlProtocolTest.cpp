// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlProtocol.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <set>

namespace os = restored::os;

using namespace restored;

namespace {

os::ControlRequest accepted(std::string_view line)
{
	auto parsed = os::parseControlRequest(line);
	if (const auto *e = std::get_if<os::ControlRequestError>(&parsed))
		ADD_FAILURE() << "refused: " << e->message;
	return std::holds_alternative<os::ControlRequest>(parsed) ? std::get<os::ControlRequest>(parsed)
								  : os::ControlRequest{};
}

os::ControlError refusal(std::string_view line)
{
	auto parsed = os::parseControlRequest(line);
	if (!std::holds_alternative<os::ControlRequestError>(parsed)) {
		ADD_FAILURE() << "accepted: " << line;
		return os::ControlError::Internal;
	}
	return std::get<os::ControlRequestError>(parsed).error;
}

} // namespace

TEST(ControlProtocol, ReadsEachCommand)
{
	auto r = accepted("{\"command\":\"run-now\",\"job\":\"nightly-drill\"}\n");
	EXPECT_EQ(r.command, os::ControlCommand::RunNow);
	EXPECT_EQ(r.jobId, "nightly-drill");
	r = accepted("{\"job\":\"a.b_c\",\"command\":\"cancel\"}");
	EXPECT_EQ(r.command, os::ControlCommand::Cancel);
	EXPECT_EQ(r.jobId, "a.b_c");
	r = accepted(" {\"command\" : \"status\"} \r\n");
	EXPECT_EQ(r.command, os::ControlCommand::Status);
	EXPECT_EQ(r.jobId, "");
	r = accepted("{\"command\":\"status\",\"job\":\"x1\"}\n");
	EXPECT_EQ(r.command, os::ControlCommand::Status);
	EXPECT_EQ(r.jobId, "x1");
}

TEST(ControlProtocol, MalformedRequestsAreRefusedAsMalformed)
{
	for (std::string_view line :
	     {"", "\n", "status\n", "run-now nightly\n", "[\"status\"]\n", "42\n", "\"status\"\n",
	      "{\"command\":\"status\"\n", "{\"command\":\"status\"}}\n",
	      "{\"command\":\"status\"} {\"command\":\"status\"}\n", "{}\n", "{\"command\":7}\n",
	      "{\"command\":null}\n", "{\"command\":\"status\",\"verbose\":true}\n",
	      "{\"command\":\"status\",\"job\":\"a\",\"job\":\"b\",\"x\":{\"y\":[[[[1]]]]}}\n",
	      "{\"command\":\"st\xff\xfe\"}\n"})
		EXPECT_EQ(refusal(line), os::ControlError::Malformed) << line;
}

TEST(ControlProtocol, DeeplyNestedInputIsRefusedAtTheDepthLimit)
{
	std::string deep = "{\"command\":\"status\",\"x\":" + std::string(400, '[') + std::string(400, ']') + "}";
	EXPECT_EQ(refusal(deep), os::ControlError::Malformed);
}

TEST(ControlProtocol, UnknownCommandsAreNamedInTheRefusal)
{
	auto parsed = os::parseControlRequest("{\"command\":\"reboot\",\"job\":\"a\"}\n");
	ASSERT_TRUE(std::holds_alternative<os::ControlRequestError>(parsed));
	const auto &e = std::get<os::ControlRequestError>(parsed);
	EXPECT_EQ(e.error, os::ControlError::UnknownCommand);
	EXPECT_NE(e.message.find("'reboot'"), std::string::npos) << e.message;
	EXPECT_EQ(refusal("{\"command\":\"RUN-NOW\",\"job\":\"a\"}"), os::ControlError::UnknownCommand);
	EXPECT_EQ(refusal("{\"command\":\"\"}"), os::ControlError::UnknownCommand);
}

TEST(ControlProtocol, AControlCharacterInARefusedValueIsEscapedInTheMessage)
{
	auto parsed = os::parseControlRequest("{\"command\":\"x\\u001b[31my\"}");
	ASSERT_TRUE(std::holds_alternative<os::ControlRequestError>(parsed));
	const auto &message = std::get<os::ControlRequestError>(parsed).message;
	EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
	EXPECT_NE(message.find("\\x1b"), std::string::npos) << message;
}

TEST(ControlProtocol, BadOrMissingJobIdsAreRefused)
{
	EXPECT_EQ(refusal("{\"command\":\"run-now\"}"), os::ControlError::BadJobId);
	EXPECT_EQ(refusal("{\"command\":\"cancel\"}"), os::ControlError::BadJobId);
	for (std::string_view job : {"\"\"", "\"-leading-dash\"", "\"a b\"", "\"../etc/passwd\"", "\"a/b\"",
				     "\"caf\\u00e9\"", "7", "null", "[\"a\"]"})
		EXPECT_EQ(refusal("{\"command\":\"run-now\",\"job\":" + std::string(job) + "}"),
			  os::ControlError::BadJobId)
			<< job;
	EXPECT_EQ(refusal("{\"command\":\"status\",\"job\":\"\"}"), os::ControlError::BadJobId);
	std::string longest(64, 'a');
	EXPECT_EQ(accepted("{\"command\":\"cancel\",\"job\":\"" + longest + "\"}").jobId, longest);
	EXPECT_EQ(refusal("{\"command\":\"cancel\",\"job\":\"" + longest + "a\"}"), os::ControlError::BadJobId);
}

TEST(ControlProtocol, TheSizeCapCountsTheNewline)
{
	std::string request = "{\"command\":\"status\"}";
	std::string atCap = request + std::string(os::maxControlRequestBytes - request.size() - 1, ' ') + "\n";
	ASSERT_EQ(atCap.size(), os::maxControlRequestBytes);
	EXPECT_EQ(accepted(atCap).command, os::ControlCommand::Status);
	EXPECT_EQ(refusal(" " + atCap), os::ControlError::TooLarge);
	EXPECT_EQ(refusal(std::string(1 << 20, '{')), os::ControlError::TooLarge);
}

TEST(ControlProtocol, FormattedRequestsParseBack)
{
	for (const os::ControlRequest &r : {os::ControlRequest{os::ControlCommand::RunNow, "nightly"},
					    os::ControlRequest{os::ControlCommand::Cancel, "a.b-c_d"},
					    os::ControlRequest{os::ControlCommand::Status, ""},
					    os::ControlRequest{os::ControlCommand::Status, "one"}}) {
		std::string line = os::formatControlRequest(r);
		ASSERT_EQ(line.back(), '\n');
		EXPECT_EQ(line.find('\n'), line.size() - 1);
		auto back = accepted(line);
		EXPECT_EQ(back.command, r.command);
		EXPECT_EQ(back.jobId, r.jobId);
	}
	EXPECT_EQ(os::formatControlRequest({os::ControlCommand::RunNow, "nightly"}),
		  "{\"command\":\"run-now\",\"job\":\"nightly\"}\n");
}

TEST(ControlProtocol, AnswersAreOneJsonLineAndParseBack)
{
	std::string ok = os::formatControlAnswer(os::ControlAnswer::success("job 'a' started"));
	EXPECT_EQ(ok, "{\"ok\":true,\"message\":\"job 'a' started\"}\n");
	std::string refused =
		os::formatControlAnswer(os::ControlAnswer::failure(os::ControlError::AlreadyRunning, "busy \"a\""));
	EXPECT_EQ(refused, "{\"ok\":false,\"error\":\"already-running\",\"message\":\"busy \\\"a\\\"\"}\n");
	auto back = std::get<os::ControlAnswer>(os::parseControlAnswer(refused));
	EXPECT_FALSE(back.ok);
	EXPECT_EQ(back.error, os::ControlError::AlreadyRunning);
	EXPECT_EQ(back.message, "busy \"a\"");
	EXPECT_TRUE(std::get<os::ControlAnswer>(os::parseControlAnswer(ok)).ok);
}

TEST(ControlProtocol, TheStatusDocumentIsEmbeddedWhole)
{
	os::ControlAnswer a = os::ControlAnswer::success({});
	a.status = "{\"counts\":{\"running\":1},\"jobs\":[{\"job_id\":\"a\"}]}";
	std::string text = os::formatControlAnswer(a);
	EXPECT_EQ(text.find('\n'), text.size() - 1);
	auto doc = boost::json::parse(text).as_object();
	EXPECT_TRUE(doc.at("ok").as_bool());
	EXPECT_EQ(doc.at("status").at("jobs").at(0).at("job_id").as_string(), "a");
	auto back = std::get<os::ControlAnswer>(os::parseControlAnswer(text));
	EXPECT_EQ(back.status, a.status);
}

TEST(ControlProtocol, AStatusAnswerIsTakenAsWrittenOnlyWhenItIsWholeJson)
{
	// Passed through, not re-serialised: the text comes back byte for byte,
	// even where a parse and serialise would have changed it.
	std::string doc = "{\"jobs\":[{\"job_id\":\"a\",\"reason\":\"\\u00e9t\\u00e9\"}]}";
	std::string text = "{\"ok\":true,\"status\":" + doc + "}\n";
	EXPECT_EQ(std::get<os::ControlAnswer>(os::parseControlAnswer(text)).status, doc);
	EXPECT_EQ(std::get<os::ControlAnswer>(os::parseControlAnswer(text.substr(0, text.size() - 1))).status, doc);
	// A torn or broken document is never passed through as a status.
	for (std::string broken :
	     {text.substr(0, text.size() / 2), std::string("{\"ok\":true,\"status\":{\"jobs\":[}}\n"),
	      std::string("{\"ok\":true,\"status\":{} {}}\n")})
		EXPECT_TRUE(std::holds_alternative<std::string>(os::parseControlAnswer(broken))) << broken;
	// Any other shape still goes through the parser.
	auto spaced =
		std::get<os::ControlAnswer>(os::parseControlAnswer("{ \"ok\" : true, \"status\" : {\"a\" : 1} }"));
	EXPECT_EQ(spaced.status, "{\"a\":1}");
}

TEST(ControlProtocol, EveryErrorHasItsOwnNameOnTheWire)
{
	std::set<std::string_view> names;
	for (int i = 0; i <= static_cast<int>(os::ControlError::Internal); ++i) {
		auto e = static_cast<os::ControlError>(i);
		names.insert(toString(e));
		auto back = std::get<os::ControlAnswer>(
			os::parseControlAnswer(os::formatControlAnswer(os::ControlAnswer::failure(e, "m"))));
		EXPECT_EQ(back.error, e) << toString(e);
	}
	EXPECT_EQ(names.size(), static_cast<std::size_t>(os::ControlError::Internal) + 1);
}

TEST(ControlProtocol, UnreadableAnswersAreReportedNotTrusted)
{
	EXPECT_TRUE(std::holds_alternative<std::string>(os::parseControlAnswer("")));
	EXPECT_TRUE(std::holds_alternative<std::string>(os::parseControlAnswer("{\"message\":\"x\"}")));
	EXPECT_TRUE(std::holds_alternative<std::string>(os::parseControlAnswer("[true]")));
	auto unknown =
		std::get<os::ControlAnswer>(os::parseControlAnswer("{\"ok\":false,\"error\":\"from-the-future\"}"));
	EXPECT_FALSE(unknown.ok);
	EXPECT_EQ(unknown.error, os::ControlError::Internal);
}
