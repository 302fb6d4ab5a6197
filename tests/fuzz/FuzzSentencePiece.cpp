// libFuzzer target: loading a SentencePiece .model (a protobuf) through Finch's module
// code, compiled in directly (sanitizers refuse the RTLD_DEEPBIND loading of the module).
#include "core/text/SentencePieceModule.h"

#include <cstdint>
#include <memory>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string error;
    const std::unique_ptr<finch::text::Tokenizer> tokenizer(
        finch_sentencepiece_module()->loadBytes(std::string(reinterpret_cast<const char*>(data), size), &error));
    if (tokenizer) {
        const auto ids = tokenizer->encode("Finch fuzz: héllo, wörld 123");
        (void)tokenizer->decode(ids);
    }
    return 0;
}
