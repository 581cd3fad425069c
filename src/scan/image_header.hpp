// What a scan file is, read from its first bytes rather than its name, and the size and
// completeness of a single-image file read from its header and tail without decoding it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace quizscan {

enum class InputKind { Pdf, Tiff, Png, Jpeg, Bmp, Webp, Jp2, Unknown };
const char* to_string(InputKind k);

// PNG, JPEG, BMP, WebP, JPEG 2000: one page, decoded by OpenCV.
bool single_image(InputKind k);

// The kind the first bytes of a file announce (Unknown for anything else, an empty file included).
InputKind kind_of_bytes(const unsigned char* head, std::size_t n);
// Reads a file's first bytes; Unknown when it cannot be opened.
InputKind sniff_kind(const std::string& path);

// Width and height in pixels from a single image's header; false when the header is damaged.
bool image_header_size(const std::vector<unsigned char>& bytes, InputKind kind, long long& w, long long& h);

// A JPEG's frame header (its first start of frame): sample precision, size, components.
struct JpegFrame {
    int precision = 0, width = 0, height = 0, components = 0;
};
std::optional<JpegFrame> jpeg_frame(const std::vector<unsigned char>& bytes);

// False when the bytes end before the image does (a copy or upload cut short). Decoders
// would otherwise fill the missing rows with grey, which reads as blank answers.
bool image_complete(const std::vector<unsigned char>& bytes, InputKind kind);

}  // namespace quizscan
