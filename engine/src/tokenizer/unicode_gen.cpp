// Build-time generator: reads UnicodeData.txt and writes a compact range table
// of (first code point, general category | whitespace bit) for every code point
// 0..U+10FFFF. Usage: fyr_unicode_gen <UnicodeData.txt> <out.cpp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Same order as fyr::UnicodeCategory in fyr/unicode.h.
const char* const k_categories[] = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl",
                                    "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc",
                                    "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"};
constexpr uint8_t k_cn = 29;
constexpr uint8_t k_whitespace_bit = 0x80;
constexpr uint32_t k_n_code_points = 0x110000;

int category_index(const std::string& name) {
    for (int i = 0; i < 30; ++i) {
        if (name == k_categories[i]) return i;
    }
    return -1;
}

std::vector<std::string> split_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ';')) fields.push_back(field);
    return fields;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <UnicodeData.txt> <out.cpp>\n", argv[0]);
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open (expected the UCD's UnicodeData.txt)\n", argv[1]);
        return 1;
    }
    std::vector<uint8_t> value(k_n_code_points, k_cn);
    std::string line;
    int line_no = 0;
    uint32_t range_first = 0;
    bool in_range = false;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        const auto f = split_fields(line);
        if (f.size() < 5) {
            std::fprintf(stderr, "%s:%d: expected at least 5 ';'-separated fields\n", argv[1], line_no);
            return 1;
        }
        uint32_t cp = 0;
        try {
            cp = static_cast<uint32_t>(std::stoul(f[0], nullptr, 16));
        } catch (const std::exception&) {
            std::fprintf(stderr, "%s:%d: expected a hexadecimal code point, got '%s'\n", argv[1], line_no,
                         f[0].c_str());
            return 1;
        }
        const int cat = category_index(f[2]);
        if (cp >= k_n_code_points || cat < 0) {
            std::fprintf(stderr, "%s:%d: bad code point or category '%s'\n", argv[1], line_no, f[2].c_str());
            return 1;
        }
        // Python's str.isspace(): category Zs or bidirectional class WS, B or S.
        // U+001C..U+001F (B/S) are left out: the Rust regex `\s` the reference
        // tokenizers were trained with follows Unicode White_Space, which does
        // not contain them.
        const std::string& bidi = f[4];
        const bool space = (f[2] == "Zs" || bidi == "WS" || bidi == "B" || bidi == "S") &&
                           !(cp >= 0x1C && cp <= 0x1F);
        const uint8_t v = static_cast<uint8_t>(cat | (space ? k_whitespace_bit : 0));
        const std::string& name = f[1];
        if (name.size() > 8 && name.compare(name.size() - 8, 8, ", First>") == 0) {
            range_first = cp;
            in_range = true;
            continue;
        }
        if (in_range && name.size() > 7 && name.compare(name.size() - 7, 7, ", Last>") == 0) {
            for (uint32_t c = range_first; c <= cp; ++c) value[c] = v;
            in_range = false;
            continue;
        }
        value[cp] = v;
    }

    std::vector<uint32_t> starts;
    std::vector<uint8_t> values;
    for (uint32_t cp = 0; cp < k_n_code_points; ++cp) {
        if (cp == 0 || value[cp] != value[cp - 1]) {
            starts.push_back(cp);
            values.push_back(value[cp]);
        }
    }

    std::ofstream out(argv[2]);
    if (!out) {
        std::fprintf(stderr, "%s: cannot write\n", argv[2]);
        return 1;
    }
    out << "// Generated at build time by fyr_unicode_gen from UnicodeData.txt. Do not edit.\n"
           "#include <cstddef>\n#include <cstdint>\n\n"
           "namespace fyr::unicode_tables {\n\n"
           "extern const std::size_t k_n_ranges;\n"
           "extern const uint32_t k_range_first[];\n"
           "extern const uint8_t k_range_value[];\n\n"
        << "const std::size_t k_n_ranges = " << starts.size() << ";\n\n"
        << "const uint32_t k_range_first[] = {";
    for (size_t i = 0; i < starts.size(); ++i) out << (i % 10 == 0 ? "\n    " : " ") << starts[i] << ",";
    out << "\n};\n\nconst uint8_t k_range_value[] = {";
    for (size_t i = 0; i < values.size(); ++i) out << (i % 16 == 0 ? "\n    " : " ") << int(values[i]) << ",";
    out << "\n};\n\n}  // namespace fyr::unicode_tables\n";
    return out ? 0 : 1;
}
