// Reads the printed participant ID with Tesseract: the fallback when a barcode is damaged.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <string>

namespace quizscan {

class IdReader {
public:
    // Tesseract starts on first use; ok() is false when its English data is not installed.
    IdReader();
    ~IdReader();
    bool ok() const;
    // The characters of `alphabet` read from a one-line crop; "" if none.
    std::string read_line(const cv::Mat& gray, const std::string& alphabet) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quizscan
