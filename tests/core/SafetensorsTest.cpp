// The safetensors reader and writer, and every kind of corrupt file the reader must refuse
// with a clear message instead of a crash.
#include "core/common/Error.h"
#include "core/model/Safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

using namespace finch;
using namespace finch::model;

namespace {

// A file from a header text and a data section, with the 8-byte length in front.
std::string fileWith(const std::string& header, const std::string& data)
{
    std::string bytes(8, '\0');
    uint64_t length = header.size();
    for (int i = 0; i < 8; ++i)
        bytes[size_t(i)] = static_cast<char>((length >> (8 * i)) & 0xFF);
    return bytes + header + data;
}

QString errorOf(const std::string& bytes)
{
    try {
        SafetensorsFile::parse(bytes, "bad.safetensors");
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class SafetensorsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesAndReadsBack()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/t.safetensors").toStdString();
        const float a[6] = {1, 2, 3, 4, 5, 6};
        const uint16_t b[2] = {0x3F80, 0xC000}; // bf16 1.0 and -2.0
        writeSafetensors(path,
                         {{"zeta.weight", DType::F32, {2, 3}, std::string_view(reinterpret_cast<const char*>(a), sizeof a)},
                          {"alpha.bias", DType::BF16, {2}, std::string_view(reinterpret_cast<const char*>(b), sizeof b)}},
                         {{"format", "pt"}});
        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        QCOMPARE(file.tensors().size(), size_t(2));
        const TensorInfo* zeta = file.find("zeta.weight");
        QVERIFY(zeta);
        QCOMPARE(zeta->shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(zeta->dtype, DType::F32);
        QVERIFY(std::memcmp(file.data(*zeta).data(), a, sizeof a) == 0);
        QCOMPARE(file.find("alpha.bias")->dtype, DType::BF16);
        QVERIFY(!file.find("missing"));
        // The header is padded to 8 bytes and tensors are laid out by name.
        std::ifstream in(path, std::ios::binary);
        uint64_t length = 0;
        in.read(reinterpret_cast<char*>(&length), 8);
        QCOMPARE(length % 8, uint64_t(0));
        QCOMPARE(file.find("alpha.bias")->begin, uint64_t(0));
    }

    void refusesCorruptFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const std::string good = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        const std::string data(8, '\1');
        auto row = [](const char* name, const std::string& bytes, const char* problem) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << QString(problem);
        };
        row("shorter than the length field", "abc", "expected at least 8 bytes");
        row("header longer than the file", fileWith(good, data).substr(0, 20), "but only 12 follow");
        row("header over the size limit", std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8), "100 MB limit");
        row("truncated data", fileWith(good, data.substr(0, 5)), "reach past the end of the data (5 bytes");
        row("offsets outside the file", fileWith(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[100,108]}})", data),
            "reach past the end");
        row("offsets backwards", fileWith(R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", data),
            "end before they begin");
        row("overlapping ranges",
            fileWith(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                     data),
            "tensors 'a' and 'b' overlap");
        row("dtype size does not match the range", fileWith(R"({"w":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}})", data),
            "shape x F16 needs 4 bytes but data_offsets give 8");
        row("unknown dtype", fileWith(R"({"w":{"dtype":"F12","shape":[2],"data_offsets":[0,8]}})", data),
            "unknown dtype 'F12'");
        row("header not JSON", fileWith("{not json", data), "not valid JSON");
        row("header not an object", fileWith("[1,2]", data), "not a JSON object");
        row("negative dimension", fileWith(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", data),
            "non-negative integers");
        row("shape overflows", fileWith(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", data),
            "too large");
        row("missing data_offsets", fileWith(R"({"w":{"dtype":"F32","shape":[2]}})", data), "expected data_offsets");
        row("metadata not strings", fileWith(R"({"__metadata__":{"format":1}})", data), "must be a string");
    }

    void refusesCorruptFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const QString message = errorOf(bytes.toStdString());
        QVERIFY2(message.startsWith("bad.safetensors: not a valid safetensors file: "), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void writerChecksByteCounts()
    {
        QTemporaryDir dir;
        const char bytes[3] = {};
        QVERIFY_THROWS_EXCEPTION(Error, writeSafetensors((dir.path() + "/x.safetensors").toStdString(),
                                                         {{"w", DType::F32, {1}, std::string_view(bytes, 3)}}, {}));
    }
};

QTEST_GUILESS_MAIN(SafetensorsTest)
#include "SafetensorsTest.moc"
