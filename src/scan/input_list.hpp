// The files a scan reads, from the files and folders named on the command line: folders
// walked (sorted), files chosen by their content, each file once; every entry that is
// not read is named with why (a loop, a folder that cannot be opened, a file that is not a scan).
#pragma once

#include <string>
#include <vector>

namespace quizscan {

// A named file or folder, or an entry of a folder, that is not read.
struct InputProblem {
    std::string path;
    std::string why;
    bool rejected = false;  // true: it should have been read (the scan reports an error); false: skipped, e.g. notes.txt
};

struct InputList {
    std::vector<std::string> files;  // to read, in order; a file whose content is not a scan is here only when named
                                     // directly or by a scan-like name (scan.pdf), so its rejection is recorded
    std::vector<InputProblem> problems;
};

InputList list_inputs(const std::vector<std::string>& args);

}  // namespace quizscan
