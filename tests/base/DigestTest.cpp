// SPDX-License-Identifier: Apache-2.0
// hexLower() and SHA-256 against the published vectors (FIPS 180-2
// appendix B, whose "abc" example FIPS 180-4 keeps).
#include "base/Hex.h"
#include "base/Sha256.h"

#include <gtest/gtest.h>

namespace {

TEST(HexLower, TwoLowerCaseDigitsPerByte)
{
	EXPECT_EQ(base::hexLower(""), "");
	EXPECT_EQ(base::hexLower(std::string("\x00\x01\x7f\x80\xab\xff", 6)), "00017f80abff");
}

TEST(Sha256, AbcIsTheFipsExample)
{
	EXPECT_EQ(base::sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, EmptyAndTwoBlockMessages)
{
	EXPECT_EQ(base::sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	EXPECT_EQ(base::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, RawDigestIsThirtyTwoBytesOfTheHex)
{
	const std::string raw = base::sha256("abc");
	ASSERT_EQ(raw.size(), 32u);
	EXPECT_EQ(base::hexLower(raw), base::sha256Hex("abc"));
}

} // namespace
