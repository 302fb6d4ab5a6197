#pragma once
// Binds JSON keys to struct fields with one table per record, so that reading and writing
// a record cannot drift apart: the same bind() calls either read (with typed checks that
// name the source, the key, what was expected and what was found) or write.
//
// Numbers: JSON has no NaN or infinity. A non-finite double is written as null, and null
// is read back as NaN (docs/RUN_FOLDER.md, "Numbers").
#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace finch {

class JsonBinder {
public:
    using Json = nlohmann::ordered_json;

    static JsonBinder reading(const Json& in, std::string source) { return JsonBinder(&in, nullptr, std::move(source)); }
    static JsonBinder writing(Json& out) { return JsonBinder(nullptr, &out, {}); }

    template <typename T>
    void bind(const char* key, T& value, const char* expected)
    {
        known_.push_back(key);
        if (out_) {
            if constexpr (std::is_floating_point_v<T>)
                (*out_)[key] = std::isfinite(value) ? Json(value) : Json();
            else
                (*out_)[key] = value;
            return;
        }
        const auto it = in_->find(key);
        if (it == in_->end())
            return;
        if constexpr (std::is_floating_point_v<T>) {
            if (it->is_null()) {
                value = std::numeric_limits<T>::quiet_NaN();
                return;
            }
        }
        try {
            if constexpr (std::is_same_v<T, bool>) {
                if (!it->is_boolean())
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_integral_v<T>) {
                // In range of the field: no silent wrap of -1 into a seed, no 64-to-32-bit cut.
                const bool fits = it->is_number_unsigned() ? std::in_range<T>(it->template get<uint64_t>())
                                  : it->is_number_integer() ? std::in_range<T>(it->template get<int64_t>())
                                                            : false;
                if (!fits)
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_floating_point_v<T>) {
                if (!it->is_number())
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_same_v<T, std::string>) {
                if (!it->is_string())
                    throw std::invalid_argument("type");
            }
            value = it->get<T>();
        } catch (const std::exception&) {
            throw Error(source_ + ": '" + key + "': expected " + expected + ", found " + it->dump());
        }
    }

    // An optional nested record with a bind(JsonBinder&) member: an object when present.
    template <typename Record>
    void bind(const char* key, std::optional<Record>& record)
    {
        known_.push_back(key);
        if (out_) {
            if (record) {
                Json nested = Json::object();
                JsonBinder inner = writing(nested);
                record->bind(inner);
                (*out_)[key] = std::move(nested);
            }
            return;
        }
        const auto it = in_->find(key);
        if (it == in_->end() || it->is_null())
            return;
        if (!it->is_object())
            throw Error(source_ + ": '" + key + "': expected an object, found " + it->dump());
        Record read;
        JsonBinder inner = reading(*it, source_ + ": '" + key + "'");
        read.bind(inner);
        record = std::move(read);
    }

    // Unknown keys are errors (with a suggestion), so a typo never silently changes nothing.
    void rejectUnknownKeys() const;
    // The keys no bind() named, for records that keep what a newer Finch wrote.
    Json unknownKeys() const;

private:
    JsonBinder(const Json* in, Json* out, std::string source) : in_(in), out_(out), source_(std::move(source)) {}
    const Json* in_;
    Json* out_;
    std::string source_;
    std::vector<std::string> known_;
};

} // namespace finch
