// Tesseract LSTM on one line of printed text (the participant ID, the session word).
// Started on first use: most pages carry a readable barcode and never need it.
#include "scan/ocr_id.hpp"

#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>

#include <mutex>

namespace quizscan {

struct IdReader::Impl {
    std::once_flag started;
    bool ok = false;
    tesseract::TessBaseAPI api;
    std::mutex mu;  // TessBaseAPI is not reentrant

    bool start() {
        std::call_once(started, [&] {
            ok = api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
            if (!ok) {
                spdlog::warn("Tesseract English data not found: pages without a readable barcode go to review "
                             "(install tesseract-ocr-eng)");
                return;
            }
            api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
            api.SetVariable("debug_file", "/dev/null");
        });
        return ok;
    }
};

IdReader::IdReader() : impl_(std::make_unique<Impl>()) {}

IdReader::~IdReader() {
    if (impl_->ok) impl_->api.End();
}

bool IdReader::ok() const { return impl_->start(); }

std::string IdReader::read_line(const cv::Mat& gray, const std::string& alphabet) const {
    if (gray.empty() || !impl_->start()) return {};
    std::lock_guard<std::mutex> lock(impl_->mu);
    const cv::Mat img = gray.isContinuous() ? gray : gray.clone();
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
