// SPDX-License-Identifier: Apache-2.0
#include "dbs/Credentials.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <unistd.h>

using dbs::Credentials;
using dbs::Secret;

namespace {

constexpr const char *secretValue = "demo-secret-not-for-production";
constexpr const char *tokenValue = "sts-token-value-42";

std::string parseError(std::string_view text)
{
	try {
		Credentials::parse(text, "creds.txt");
	} catch (const std::runtime_error &e) {
		return e.what();
	}
	return "no error";
}

// A private directory under the test's temp dir, removed at the end.
class TempDir
{
public:
	TempDir()
	{
		std::string tmpl = (std::filesystem::temp_directory_path() / "dbs-cred-XXXXXX").string();
		path_ = mkdtemp(tmpl.data());
	}
	~TempDir() { std::filesystem::remove_all(path_); }
	std::string write(const std::string &name, const std::string &text) const
	{
		std::string p = path_ + "/" + name;
		std::ofstream(p) << text;
		return p;
	}
	const std::string &path() const { return path_; }

private:
	std::string path_;
};

} // namespace

TEST(Credentials, ParsesKeysCommentsAndBlankLines)
{
	auto c = Credentials::parse("# demo key\n\n"
				    "access_key_id = LTAI5tDemoAccessKey01\n"
				    "  access_key_secret=demo-secret-not-for-production   # trailing\n"
				    "\tsecurity_token =  sts-token-value-42\n",
				    "f");
	EXPECT_EQ(c.accessKeyId, "LTAI5tDemoAccessKey01");
	EXPECT_EQ(c.accessKeySecret.reveal(), secretValue);
	ASSERT_TRUE(c.securityToken.has_value());
	EXPECT_EQ(c.securityToken->reveal(), tokenValue);
}

TEST(Credentials, HashInsideAValueIsNotAComment)
{
	auto c = Credentials::parse("access_key_id=a#b\naccess_key_secret=s#1 # comment\n", "f");
	EXPECT_EQ(c.accessKeyId, "a#b");
	EXPECT_EQ(c.accessKeySecret.reveal(), "s#1");
}

TEST(Credentials, SecurityTokenIsOptional)
{
	auto c = Credentials::parse("access_key_id=a\naccess_key_secret=b", "f");
	EXPECT_FALSE(c.securityToken.has_value());
}

TEST(Credentials, MissingKeysNameTheFileAndWhatWasExpected)
{
	EXPECT_EQ(parseError("access_key_secret = x\n"), "creds.txt:2:1: end of file: expected access_key_id");
	EXPECT_EQ(parseError("access_key_id = x\n"), "creds.txt:2:1: end of file: expected access_key_secret");
	EXPECT_EQ(parseError(""), "creds.txt:1:1: end of file: expected access_key_id");
}

TEST(Credentials, BadLinesNameLineAndColumnButNeverTheValue)
{
	EXPECT_EQ(parseError("access_key_id = a\n  demo-secret-not-for-production\n"),
		  "creds.txt:2:3: expected `key = value`");
	EXPECT_EQ(parseError("access_key_id =   \n"), "creds.txt:1:16: expected a value after '='");
	EXPECT_EQ(parseError("access_key_id=a\naccess_key_id=b\n"), "creds.txt:2:1: duplicate access_key_id");
	std::string unknown = parseError("demo-secret-not-for-production = 1\n");
	EXPECT_NE(unknown.find("creds.txt:1:1: unknown key"), std::string::npos) << unknown;
	EXPECT_EQ(unknown.find(secretValue), std::string::npos);
}

TEST(Credentials, FormattingNeverShowsTheSecret)
{
	auto c = Credentials::parse(std::string("access_key_id=LTAI5tDemoAccessKey01\n"
						"access_key_secret=") +
					    secretValue + "\nsecurity_token=" + tokenValue,
				    "f");
	std::ostringstream os;
	os << c << ' ' << c.accessKeySecret << ' ' << *c.securityToken;
	std::string formatted = fmt::format("{} {} {}", c, c.accessKeySecret, *c.securityToken);
	for (const std::string &s : {os.str(), formatted}) {
		EXPECT_EQ(s.find(secretValue), std::string::npos) << s;
		EXPECT_EQ(s.find(tokenValue), std::string::npos) << s;
		EXPECT_NE(s.find("LTAI5tDemoAccessKey01"), std::string::npos) << s;
		EXPECT_NE(s.find("***"), std::string::npos) << s;
	}
	static_assert(!std::is_convertible_v<Secret, std::string>);
	static_assert(!std::is_convertible_v<Secret, std::string_view>);
}

TEST(Credentials, ResolvesCredentialsDirectoryBeforeConfiguredPath)
{
	EXPECT_EQ(Credentials::resolvePath("dbs-access-key", "/etc/x", "/run/credentials/u"),
		  "/run/credentials/u/dbs-access-key");
	EXPECT_EQ(Credentials::resolvePath("dbs-access-key", "/etc/x", nullptr), "/etc/x");
	EXPECT_EQ(Credentials::resolvePath("", "/etc/x", "/run/credentials/u"), "/etc/x");
	EXPECT_THROW(Credentials::resolvePath("dbs-access-key", "", nullptr), std::runtime_error);
	EXPECT_THROW(Credentials::resolvePath("../x", "", "/run/c"), std::runtime_error);
}

TEST(Credentials, LoadsFromCredentialsDirectory)
{
	TempDir dir;
	dir.write("dbs-access-key", "access_key_id=id1\naccess_key_secret=s1\n");
	std::string other = dir.write("other", "access_key_id=id2\naccess_key_secret=s2\n");
	const char *old = std::getenv("CREDENTIALS_DIRECTORY");
	std::string saved = old ? old : "";
	setenv("CREDENTIALS_DIRECTORY", dir.path().c_str(), 1);
	auto fromDir = Credentials::load("dbs-access-key", other);
	unsetenv("CREDENTIALS_DIRECTORY");
	auto fromPath = Credentials::load("dbs-access-key", other);
	if (old) {
		setenv("CREDENTIALS_DIRECTORY", saved.c_str(), 1);
	}
	EXPECT_EQ(fromDir.accessKeyId, "id1");
	EXPECT_EQ(fromPath.accessKeyId, "id2");
}

TEST(Credentials, MissingFileNamesThePath)
{
	TempDir dir;
	try {
		Credentials::load("", dir.path() + "/nope");
		FAIL() << "expected an exception";
	} catch (const std::runtime_error &e) {
		EXPECT_EQ(std::string(e.what()), dir.path() + "/nope:1:1: cannot open credentials file");
	}
}

TEST(Credentials, ParseErrorFromFileNamesThePath)
{
	TempDir dir;
	std::string p = dir.write("bad", "access_key_id=a\n");
	try {
		Credentials::load("", p);
		FAIL() << "expected an exception";
	} catch (const std::runtime_error &e) {
		EXPECT_EQ(std::string(e.what()), p + ":2:1: end of file: expected access_key_secret");
	}
}
