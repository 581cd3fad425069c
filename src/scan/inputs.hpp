// Scan inputs: hashing files and decoding their pages one at a time (memory stays bounded).
// What a file is comes from scan/image_header.hpp; which files a scan reads from scan/input_list.hpp.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "scan/image_header.hpp"
#include "scan/page_image.hpp"

namespace quizscan {

// A problem with a whole input file; the message says what to do.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

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
    // > 0 when the file ends, or its list of pages breaks, after that many pages (a TIFF
    // copied or uploaded only in part): those pages are read, the rest are lost.
    int truncated_after() const;
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
