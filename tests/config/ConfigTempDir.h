// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

// A fresh directory per test, named after it, removed afterwards.
class ConfigTempDir
{
public:
	ConfigTempDir()
	{
		std::string name = std::string("dbs-cfg-") +
				   testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
				   std::to_string(::getpid());
		path_ = std::filesystem::temp_directory_path() / name;
		std::filesystem::remove_all(path_);
		std::filesystem::create_directories(path_);
	}
	~ConfigTempDir() { std::filesystem::remove_all(path_); }
	ConfigTempDir(const ConfigTempDir &) = delete;
	ConfigTempDir &operator=(const ConfigTempDir &) = delete;
	const std::filesystem::path &path() const { return path_; }
	void write(const std::string &name, const std::string &text) const
	{
		std::ofstream(path_ / name, std::ios::binary) << text;
	}

private:
	std::filesystem::path path_;
};
