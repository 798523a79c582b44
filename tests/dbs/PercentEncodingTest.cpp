// SPDX-License-Identifier: Apache-2.0
#include "dbs/PercentEncoding.h"

#include <gtest/gtest.h>

using dbs::decodeParams;
using dbs::encodeParams;
using dbs::ParamMap;
using dbs::percentDecode;
using dbs::percentEncode;

TEST(PercentEncode, UnreservedCharactersStay) { EXPECT_EQ(percentEncode("AZaz09-_.~"), "AZaz09-_.~"); }

TEST(PercentEncode, ReservedAndSpecialCharactersAreEscapedInUpperCaseHex)
{
	struct Case {
		const char *in;
		const char *out;
	};
	static constexpr Case cases[] = {
		{" ", "%20"}, {"*", "%2A"}, {"+", "%2B"}, {"/", "%2F"}, {"=", "%3D"}, {"&", "%26"}, {":", "%3A"},
		{"!", "%21"}, {"'", "%27"}, {"(", "%28"}, {")", "%29"}, {"%", "%25"}, {",", "%2C"}, {"\"", "%22"},
	};
	for (const auto &c : cases) {
		EXPECT_EQ(percentEncode(c.in), c.out) << c.in;
	}
}

TEST(PercentEncode, NonAsciiIsEncodedAsUtf8Bytes)
{
	EXPECT_EQ(percentEncode("\xC3\xA9"), "%C3%A9");        // é
	EXPECT_EQ(percentEncode("\xE4\xB8\xAD"), "%E4%B8%AD"); // 中
}

TEST(PercentDecode, RoundTripsEveryByte)
{
	std::string all;
	for (int i = 0; i < 256; ++i)
		all += static_cast<char>(i);
	EXPECT_EQ(percentDecode(percentEncode(all), false), all);
	EXPECT_EQ(percentDecode(percentEncode(all), true), all);
}

TEST(PercentDecode, PlusIsSpaceOnlyInFormMode)
{
	EXPECT_EQ(percentDecode("a+b%20c", true), "a b c");
	EXPECT_EQ(percentDecode("a+b%20c", false), "a+b c");
	EXPECT_EQ(percentDecode("%2B", true), "+");
}

TEST(PercentDecode, MalformedEscapesAreKeptLiterally)
{
	EXPECT_EQ(percentDecode("100%", false), "100%");
	EXPECT_EQ(percentDecode("%4", false), "%4");
	EXPECT_EQ(percentDecode("%zz", false), "%zz");
	EXPECT_EQ(percentDecode("%c3%a9", false), "\xC3\xA9");
}

TEST(EncodeParams, SortedByNameAndEmptyValuesKept)
{
	ParamMap p{{"b", "x y"}, {"a", ""}, {"SecurityToken", ""}, {"c", "1&2=3"}};
	EXPECT_EQ(encodeParams(p), "SecurityToken=&a=&b=x%20y&c=1%262%3D3");
	EXPECT_EQ(encodeParams({}), "");
}

TEST(DecodeParams, ParsesQueryAndFormBodies)
{
	ParamMap q = decodeParams("a=1&b=x%20y&empty=&flag&c=%E4%B8%AD", false);
	EXPECT_EQ(q.size(), 5u);
	EXPECT_EQ(q["a"], "1");
	EXPECT_EQ(q["b"], "x y");
	EXPECT_EQ(q["empty"], "");
	EXPECT_EQ(q["flag"], "");
	EXPECT_EQ(q["c"], "\xE4\xB8\xAD");

	ParamMap form = decodeParams("Name=a+b&Plus=%2B", true);
	EXPECT_EQ(form["Name"], "a b");
	EXPECT_EQ(form["Plus"], "+");
}

TEST(DecodeParams, RoundTripsEncodeParams)
{
	ParamMap p{{"RestoreObjects", R"([{"DBName":"a b","NewDBName":"é"}])"},
		   {"Timestamp", "2016-02-23T12:46:24Z"},
		   {"Empty", ""},
		   {"Weird &=+*~", "v"}};
	EXPECT_EQ(decodeParams(encodeParams(p), false), p);
	EXPECT_EQ(decodeParams(encodeParams(p), true), p);
}
