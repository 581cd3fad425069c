// Scan inputs: expanding files and folders, recognising file types by their bytes,
// hashing them, and decoding their pages one at a time (memory stays bounded).
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "scan/page_image.hpp"

namespace quizscan {

enum class InputKind { Pdf, Tiff, Png, Jpeg, Unknown };
const char* to_string(InputKind k);

// A problem with a whole input file; the message says what to do.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Files named, and the image/PDF files inside folders named (recursively, sorted).
// Names that do not exist are reported in `missing`.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& missing);

InputKind sniff_kind(const std::string& path);
std::string sha256_of_file(const std::string& path);
std::string sha256_of_bytes(const void* data, std::size_t size);

// Largest page quizscan decodes (pixels): 600 dpi on A3 is ~70 MP.
constexpr double kMaxPagePixels = 80e6;

// An open multi-page file (PDF or TIFF) whose pages are decoded one at a time, in any
// order. Each reader thread holds its own (poppler documents and TIFF handles are not
// shared between threads). Errors are InputError with a reason for people.
class MultiPageFile {
public:
    // Throws for an unreadable, locked or empty file. `pdf_dpi`: PDF rendering resolution.
    MultiPageFile(const std::string& path, InputKind kind, double pdf_dpi);
    ~MultiPageFile();
    int count() const;
    PageImage read(int page_index) const;  // 1-based; throws for a bad page
    const std::string& path() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Calls `on_page` for each page in order. Throws InputError when the file cannot be read
// at all; a single bad page is passed to `on_error` and the rest continue.
// Returns the number of pages in the file.
int for_each_page(const std::string& path, InputKind kind, double pdf_dpi,
                  const std::function<void(PageImage&&)>& on_page,
                  const std::function<void(int page_index, const std::string& why)>& on_error);

}  // namespace quizscan
