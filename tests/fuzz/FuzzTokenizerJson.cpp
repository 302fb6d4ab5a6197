// libFuzzer target: tokenizer.json (normalizers, pre-tokenizers, models, added tokens,
// post-processors, decoders) loaded, then texts encoded and decoded through its pipeline.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/text/HfTokenizer.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const bool fromFile = throughFiles(data, size);
        const std::string path = fromFile ? fuzzFile("tokenizer.json", data, size) : "tokenizer.json";
        const auto tokenizer =
            fromFile ? finch::text::HfTokenizer::load(path)
                     : finch::text::HfTokenizer::fromJson(finch::parseJson({reinterpret_cast<const char*>(data), size}, path),
                                                          path);
        for (const std::string_view text : {std::string_view("Hello world, it's 2026!  \n\tcafé 日本語 🙂"),
                                            std::string_view("<|im_start|>user\nx<|im_end|>"), std::string_view("")}) {
            const std::vector<int> ids = tokenizer->encode(text, true);
            (void)tokenizer->decode(ids);
        }
    } catch (const finch::Error&) {
    }
    return 0;
}
