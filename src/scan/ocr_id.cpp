// Tesseract LSTM on one line of printed digits (a whitelist of 0-9).
#include "scan/ocr_id.hpp"

#include <leptonica/allheaders.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>

#include <mutex>

namespace quizscan {

struct IdReader::Impl {
    tesseract::TessBaseAPI api;
    std::mutex mu;  // TessBaseAPI is not reentrant
};

IdReader::IdReader() {
    auto impl = std::make_unique<Impl>();
    if (impl->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
        spdlog::warn("Tesseract English data not found: pages without a readable barcode go to review (install tesseract-ocr-eng)");
        return;
    }
    impl->api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    impl->api.SetVariable("debug_file", "/dev/null");
    impl_ = std::move(impl);
}

IdReader::~IdReader() {
    if (impl_) impl_->api.End();
}

std::string IdReader::read_line(const cv::Mat& gray, const std::string& alphabet) const {
    if (!impl_ || gray.empty()) return {};
    std::lock_guard<std::mutex> lock(impl_->mu);
    cv::Mat img = gray.isContinuous() ? gray : gray.clone();
    impl_->api.SetVariable("tessedit_char_whitelist", alphabet.c_str());
    impl_->api.SetImage(img.data, img.cols, img.rows, 1, static_cast<int>(img.step));
    impl_->api.SetSourceResolution(300);
    std::unique_ptr<char[]> text(impl_->api.GetUTF8Text());
    std::string out;
    if (text)
        for (const char* p = text.get(); *p; ++p)
            if (alphabet.find(*p) != std::string::npos) out += *p;
    return out;
}

}  // namespace quizscan
