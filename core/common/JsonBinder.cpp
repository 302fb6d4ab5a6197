#include "core/common/JsonBinder.h"

#include <algorithm>

namespace finch {
namespace {

size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

void JsonBinder::rejectUnknownKeys() const
{
    if (!in_)
        return;
    for (auto it = in_->begin(); it != in_->end(); ++it) {
        if (std::find(known_.begin(), known_.end(), it.key()) != known_.end())
            continue;
        std::string hint;
        size_t best = 4;
        for (const std::string& key : known_)
            if (const size_t d = editDistance(it.key(), key); d < best) {
                best = d;
                hint = " (did you mean '" + key + "'?)";
            }
        throw Error(source_ + ": unknown setting '" + it.key() + "'" + hint);
    }
}

JsonBinder::Json JsonBinder::unknownKeys() const
{
    Json extra = Json::object();
    if (in_)
        for (auto it = in_->begin(); it != in_->end(); ++it)
            if (std::find(known_.begin(), known_.end(), it.key()) == known_.end())
                extra[it.key()] = it.value();
    return extra;
}

} // namespace finch
