#include "core/hub/HubDownload.h"

#include "core/common/FileIO.h"
#include "core/hub/BlobLock.h"
#include "core/model/ModelCatalog.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

namespace finch::hub {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Kind = HubError::Kind;

constexpr int kAttemptsPerFile = 5;          // a dropped connection resumes where it stopped
constexpr uint64_t kMaxInfoBytes = 32u << 20; // the repository listing, never the weights

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

bool truthy(std::string value)
{
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    return value == "1" || value == "on" || value == "yes" || value == "true";
}

bool isHex(const std::string& text, size_t length)
{
    return text.size() == length &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string cacheFolderName(const std::string& repoId)
{
    const size_t slash = repoId.find('/');
    return "models--" + repoId.substr(0, slash) + "--" + repoId.substr(slash + 1);
}

struct CurlHandle {
    CurlHandle()
    {
        static std::once_flag initialised;
        std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        handle = curl_easy_init();
        if (!handle)
            throw HubError(Kind::Network, "could not start an HTTP session (libcurl)");
    }
    ~CurlHandle()
    {
        curl_easy_cleanup(handle);
        curl_slist_free_all(headers);
    }
    CurlHandle(const CurlHandle&) = delete;
    CurlHandle& operator=(const CurlHandle&) = delete;
    CURL* handle = nullptr;
    curl_slist* headers = nullptr;
};

// Percent-encodes `text` for a URL, each path segment apart when `keepSlashes`.
std::string escapePath(const std::string& text, bool keepSlashes)
{
    std::string escaped;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = keepSlashes ? text.find('/', start) : std::string::npos;
        if (end == std::string::npos)
            end = text.size();
        char* piece = curl_easy_escape(nullptr, text.data() + start, int(end - start)); // the handle is unused since 7.82
        escaped += piece ? piece : "";
        curl_free(piece);
        if (end < text.size())
            escaped += '/';
        start = end + 1;
    }
    return escaped;
}

// One HTTP GET: the body goes to `sink`, redirects are followed (libcurl does not carry the
// Authorization header to another host), and the last response's status and headers are
// kept. Throws HubError for transport failures; HTTP errors are the caller's to read.
struct Response {
    long status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string header(const std::string& name) const
    {
        const auto found = headers.find(name);
        return found == headers.end() ? std::string() : found->second;
    }
};

struct Transfer {
    std::function<bool(std::string_view)> sink; // false stops the transfer, with `failure` set
    std::function<void(uint64_t)> progress;
    const std::atomic<bool>* cancel = nullptr;
    Response response;
    std::optional<HubError> failure; // why the sink stopped
    bool rangeRefused = false; // asked to resume, the server can only send the whole file
    std::string linkedSize;    // X-Linked-Size of the Hub's redirect, kept past it
};

size_t onBody(char* data, size_t size, size_t count, void* user)
{
    auto* transfer = static_cast<Transfer*>(user);
    // Only a successful answer is content; an error page is read for its message.
    if (transfer->response.status >= 200 && transfer->response.status < 300 && transfer->sink &&
        !transfer->sink({data, size * count}))
        return 0;
    return size * count;
}

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* transfer = static_cast<Transfer*>(user);
    std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) { // a new response (after a redirect): start over
        transfer->response.headers.clear();
        const size_t space = line.find(' ');
        transfer->response.status = space == std::string::npos ? 0 : std::atol(line.c_str() + space + 1);
        return size * count;
    }
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
        value.erase(value.begin(), std::find_if(value.begin(), value.end(), notSpace));
        value.erase(std::find_if(value.rbegin(), value.rend(), notSpace).base(), value.end());
        if (name == "x-linked-size")
            transfer->linkedSize = value;
        transfer->response.headers[name] = value;
    }
    return size * count;
}

int onProgress(void* user, curl_off_t, curl_off_t downloaded, curl_off_t, curl_off_t)
{
    auto* transfer = static_cast<Transfer*>(user);
    if (transfer->cancel && transfer->cancel->load())
        return 1;
    if (transfer->progress && transfer->response.status >= 200 && transfer->response.status < 300)
        transfer->progress(uint64_t(downloaded));
    return 0;
}

bool isLoopback(std::string host)
{
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    if (host == "localhost")
        return true;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    in_addr v4{};
    in6_addr v6{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

// The token travels over TLS, or in plain http:// only to this machine (a local mirror, the
// tests' fake Hub). Checked before any request; libcurl keeps it from redirect targets on
// another host, port or scheme.
void checkTokenTransport(const HubSettings& settings)
{
    if (settings.token.empty())
        return;
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), curl_url_cleanup);
    const auto part = [&](CURLUPart which) {
        char* text = nullptr;
        std::string value;
        if (curl_url_get(url.get(), which, &text, 0) == CURLUE_OK)
            value = text;
        curl_free(text);
        return value;
    };
    if (url && curl_url_set(url.get(), CURLUPART_URL, settings.endpoint.c_str(), 0) == CURLUE_OK) {
        const std::string scheme = part(CURLUPART_SCHEME);
        if (scheme == "https" || (scheme == "http" && isLoopback(part(CURLUPART_HOST))))
            return;
    }
    throw HubError(Kind::Network, "refusing to send the Hugging Face token to " + settings.endpoint +
                                      ": expected an https:// endpoint (plain http:// only to localhost, 127.0.0.0/8 or ::1); "
                                      "set HF_ENDPOINT to an https:// address, or download without a token");
}

void get(const HubSettings& settings, const std::string& url, Transfer& transfer, uint64_t resumeFrom = 0)
{
    checkTokenTransport(settings);
    CurlHandle curl;
    curl_easy_setopt(curl.handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.handle, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.handle, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl.handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.handle, CURLOPT_USERAGENT, "finch/" FINCH_VERSION);
    curl_easy_setopt(curl.handle, CURLOPT_CONNECTTIMEOUT, 30L);
    // A stalled connection is dropped (and resumed) instead of hanging for ever.
    curl_easy_setopt(curl.handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl.handle, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl.handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.handle, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl.handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl.handle, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl.handle, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl.handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl.handle, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl.handle, CURLOPT_XFERINFODATA, &transfer);
    if (resumeFrom > 0)
        curl_easy_setopt(curl.handle, CURLOPT_RESUME_FROM_LARGE, curl_off_t(resumeFrom));
    if (!settings.token.empty()) {
        const std::string authorization = "Authorization: Bearer " + settings.token;
        curl.headers = curl_slist_append(curl.headers, authorization.c_str());
        curl_easy_setopt(curl.handle, CURLOPT_HTTPHEADER, curl.headers);
    }
    const CURLcode result = curl_easy_perform(curl.handle);
    if (transfer.failure)
        throw *transfer.failure;
    if (result == CURLE_ABORTED_BY_CALLBACK)
        throw HubError(Kind::Cancelled, "download cancelled");
    transfer.rangeRefused = result == CURLE_RANGE_ERROR;
    if (result != CURLE_OK && !transfer.rangeRefused)
        throw HubError(Kind::Network, settings.endpoint + ": " + curl_easy_strerror(result));
}

std::string hubErrorCode(const Response& response)
{
    return response.header("x-error-code");
}

[[noreturn]] void throwForStatus(const HubSettings& settings, const std::string& repoId, const std::string& revision,
                                 const std::string& what, const Response& response)
{
    const std::string code = hubErrorCode(response);
    const std::string repoUrl = settings.endpoint + "/" + repoId;
    if (code == "GatedRepo" || ((response.status == 401 || response.status == 403) && code.empty() && !what.empty()))
        throw HubError(Kind::NeedsToken,
                       repoId + " is gated: accept its conditions at " + repoUrl + " while signed in, then give Finch a token " +
                           (settings.token.empty() ? "(finch model login, or HF_TOKEN)"
                                                   : "with access to it (the one given was refused)"));
    if (code == "RepoNotFound" || code == "RepositoryNotFound" || (response.status == 404 && code.empty() && what.empty()) ||
        response.status == 401)
        throw HubError(Kind::NotFound, "no repository " + repoId + " at " + settings.endpoint +
                                           (settings.token.empty() ? " (a private one needs a token: finch model login, or HF_TOKEN)" : ""));
    if (code == "RevisionNotFound")
        throw HubError(Kind::NotFound, repoId + " has no revision '" + revision + "'");
    if (code == "EntryNotFound" || response.status == 404)
        throw HubError(Kind::NotFound, repoId + " has no file '" + what + "' at " + revision);
    throw HubError(Kind::Network, settings.endpoint + " answered HTTP " + std::to_string(response.status) + " for " +
                                      repoId + (what.empty() ? "" : "/" + what));
}

// Owns a file descriptor.
struct Fd {
    explicit Fd(int value) : value(value) {}
    ~Fd()
    {
        if (value >= 0)
            ::close(value);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int value;
};

HubError diskError(const fs::path& path)
{
    return HubError(Kind::Disk, path.string() + ": " + std::strerror(errno));
}

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data.remove_prefix(size_t(written));
    }
    return true;
}

// A name no other download (thread or process) uses at the same time.
std::string uniqueSuffix()
{
    static std::atomic<unsigned> counter = 0;
    return std::to_string(::getpid()) + "." + std::to_string(counter++);
}

struct Digest {
    uint64_t size = 0;
    std::string hash;
};

// The Hub's hash of the regular file at `path`, never read through a link: sha256 for LFS
// files, git's blob sha1 otherwise. None when no regular file is there.
std::optional<Digest> digestOf(const fs::path& path, bool gitBlob)
{
    // O_NONBLOCK: a FIFO planted there opens at once, and is refused as not regular.
    const Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (fd.value < 0) {
        if (errno == ENOENT || errno == ELOOP)
            return std::nullopt;
        throw diskError(path);
    }
    struct stat info {};
    if (::fstat(fd.value, &info) != 0 || !S_ISREG(info.st_mode))
        return std::nullopt;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(context.get(), gitBlob ? EVP_sha1() : EVP_sha256(), nullptr);
    if (gitBlob) {
        const std::string header = "blob " + std::to_string(info.st_size);
        EVP_DigestUpdate(context.get(), header.data(), header.size() + 1); // with its NUL
    }
    Digest digest;
    std::vector<char> buffer(1 << 20);
    for (;;) {
        const ssize_t got = ::read(fd.value, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            throw diskError(path);
        if (got == 0)
            break;
        EVP_DigestUpdate(context.get(), buffer.data(), size_t(got));
        digest.size += uint64_t(got);
    }
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), hash, &length);
    static const char* hex = "0123456789abcdef";
    for (unsigned int i = 0; i < length; ++i)
        digest.hash += {hex[hash[i] >> 4], hex[hash[i] & 15]};
    return digest;
}

// A blob is published by a rename (Finch's or huggingface_hub's), so a regular file of the
// listed size is complete. A link there is not a blob.
bool isPublished(const fs::path& blob, uint64_t size)
{
    struct stat info {};
    return ::lstat(blob.c_str(), &info) == 0 && S_ISREG(info.st_mode) && uint64_t(info.st_size) == size;
}

// The partial file, opened to append with O_NOFOLLOW and mode 0666 less the umask. Whatever
// else is at its name (a symbolic or hard link, a FIFO: nothing Finch or huggingface_hub
// makes) is removed first, so that no byte lands outside the cache.
int openPartial(const fs::path& partial)
{
    struct stat info {};
    if (::lstat(partial.c_str(), &info) == 0 && !(S_ISREG(info.st_mode) && info.st_nlink == 1))
        ::unlink(partial.c_str());
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        throw diskError(partial);
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1) {
        ::close(fd);
        throw HubError(Kind::Disk, partial.string() + ": expected a partial download, found a link or a device (placed there "
                                                      "while Finch opened it); remove it and try again");
    }
    return fd;
}

// What the answer says of its length must agree with the listing before a byte is kept.
std::optional<std::string> lengthProblem(const Transfer& transfer, uint64_t have, uint64_t size)
{
    const Response& response = transfer.response;
    if (!transfer.linkedSize.empty() && transfer.linkedSize != std::to_string(size))
        return "its X-Linked-Size is " + transfer.linkedSize;
    if (response.status == 206) {
        const std::string range = response.header("content-range"); // bytes FIRST-LAST/TOTAL
        if (range.substr(range.rfind('/') + 1) != std::to_string(size))
            return "its Content-Range is '" + range + "'";
    }
    const std::string length = response.header("content-length");
    const uint64_t expected = response.status == 206 ? size - have : size;
    if (!length.empty() && length != std::to_string(expected))
        return "its Content-Length is " + length + " (" + std::to_string(expected) + " expected)";
    return std::nullopt;
}

// One file to fetch; the caller holds its blob's lock.
struct BlobJob {
    const HubSettings& settings;
    const std::string& repoId;
    const std::string& revision;
    const RepoFile& file;
    std::string url;
    fs::path blob;
    fs::path partial;
    std::function<void(uint64_t)> onBytes; // bytes of this file on disk so far
    const std::atomic<bool>* cancel;
};

// Fetches the file into blobs/<etag>.incomplete, resuming what is there, never past the
// listed size; checks it against the Hub's hash and renames it to blobs/<etag>.
void fetchBlob(const BlobJob& job)
{
    const RepoFile& file = job.file;
    const std::string name = job.repoId + "/" + file.path;
    for (int attempt = 1;; ++attempt) {
        const Fd fd(openPartial(job.partial));
        struct stat info {};
        if (::fstat(fd.value, &info) != 0)
            throw diskError(job.partial);
        uint64_t have = uint64_t(info.st_size);
        if (have > file.size) { // not a prefix of this file
            if (::ftruncate(fd.value, 0) != 0)
                throw diskError(job.partial);
            have = 0;
        }
        if (have == file.size)
            break; // checked below

        uint64_t written = have;
        bool checked = false;
        Transfer transfer;
        transfer.cancel = job.cancel;
        transfer.sink = [&](std::string_view piece) {
            if (!checked) {
                checked = true;
                if (const auto problem = lengthProblem(transfer, have, file.size)) {
                    transfer.failure = HubError(Kind::Checksum, name + ": the listing promised " + std::to_string(file.size) +
                                                                    " bytes, but " + job.url + " answered with " + *problem +
                                                                    "; nothing of it was kept");
                    return false;
                }
            }
            if (piece.size() > file.size - written) {
                transfer.failure = HubError(Kind::Checksum, name + ": " + job.url + " sent more than the " +
                                                                std::to_string(file.size) +
                                                                " bytes the listing promised; the transfer was stopped "
                                                                "and nothing of it was kept");
                return false;
            }
            if (!writeAll(fd.value, piece)) {
                transfer.failure = diskError(job.partial);
                return false;
            }
            written += piece.size();
            return true;
        };
        transfer.progress = [&](uint64_t received) { job.onBytes(have + received); };
        try {
            get(job.settings, job.url, transfer, have);
        } catch (const HubError& failure) {
            if (failure.kind == Kind::Checksum) { // not this file's bytes: none are kept
                std::error_code ignored;
                fs::remove(job.partial, ignored);
                throw;
            }
            if (failure.kind != Kind::Network || attempt == kAttemptsPerFile)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
            continue;
        }
        const long status = transfer.response.status;
        // The server cannot resume (or has less than is here): start the file again.
        if (transfer.rangeRefused || status == 416) {
            if (::ftruncate(fd.value, 0) != 0)
                throw diskError(job.partial);
            if (attempt < kAttemptsPerFile)
                continue;
            throw HubError(Kind::Network, job.url + ": the server cannot resume this file");
        }
        if (status != 200 && status != 206)
            throwForStatus(job.settings, job.repoId, job.revision, file.path, transfer.response);
        if (::fsync(fd.value) != 0)
            throw diskError(job.partial);
        break;
    }
    const auto digest = digestOf(job.partial, file.sha256.empty());
    if (!digest || digest->size != file.size || digest->hash != file.etag()) {
        std::error_code ignored;
        fs::remove(job.partial, ignored);
        throw HubError(Kind::Checksum, name + ": the download does not match the Hub's " +
                                           (file.sha256.empty() ? "git blob hash" : "sha256") + " (expected " + file.etag() +
                                           ", " + std::to_string(file.size) + " bytes; got " +
                                           (digest ? digest->hash + ", " + std::to_string(digest->size) + " bytes" : "no file") +
                                           "); it was removed, try again");
    }
    if (::rename(job.partial.c_str(), job.blob.c_str()) != 0)
        throw diskError(job.blob);
}

// snapshots/<commit>/<path> -> ../../blobs/<etag>, replaced in one rename.
void linkIntoSnapshot(const fs::path& repoFolder, const std::string& commit, const RepoFile& file)
{
    const fs::path link = repoFolder / "snapshots" / commit / file.path;
    std::error_code error;
    fs::create_directories(link.parent_path(), error);
    const fs::path target = fs::relative(repoFolder / "blobs" / file.etag(), link.parent_path());
    const fs::path temporary = link.parent_path() / ("." + link.filename().string() + "." + uniqueSuffix() + ".link");
    if (!error)
        fs::create_symlink(target, temporary, error);
    if (!error)
        fs::rename(temporary, link, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw HubError(Kind::Disk, link.string() + ": " + error.message());
    }
}

// refs/<revision> names the commit. Renamed into place, so a link planted there is replaced,
// not written through.
void writeRef(const fs::path& ref, const std::string& commit)
{
    std::error_code error;
    fs::create_directories(ref.parent_path(), error);
    const fs::path temporary = ref.parent_path() / ("." + ref.filename().string() + "." + uniqueSuffix());
    const Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    const bool written = fd.value >= 0 && writeAll(fd.value, commit) && ::fsync(fd.value) == 0 &&
                         ::rename(temporary.c_str(), ref.c_str()) == 0;
    if (!written) {
        const HubError failure = diskError(ref);
        ::unlink(temporary.c_str());
        throw failure;
    }
}

} // namespace

uint64_t RepoInfo::totalBytes() const
{
    uint64_t total = 0;
    for (const RepoFile& file : files)
        total += file.size;
    return total;
}

bool wantedForFineTuning(const std::string& path)
{
    if (path.find('/') != std::string::npos || path.empty() || path[0] == '.')
        return false;
    const auto endsWith = [&](const char* suffix) { return path.ends_with(suffix); };
    return endsWith(".json") || endsWith(".safetensors") || endsWith(".model") || endsWith(".txt") ||
           endsWith(".jinja") || endsWith(".md") || path.rfind("LICENSE", 0) == 0 || path.rfind("NOTICE", 0) == 0;
}

const std::vector<SuggestedModel>& suggestedModels()
{
    static const std::vector<SuggestedModel> models{
        {"HuggingFaceTB/SmolLM2-135M-Instruct", 0.135, "apache-2.0", false},
        {"HuggingFaceTB/SmolLM2-360M-Instruct", 0.36, "apache-2.0", false},
        {"google/gemma-3-270m-it", 0.27, "gemma", true},
        {"Qwen/Qwen2.5-0.5B-Instruct", 0.49, "apache-2.0", false},
        {"Qwen/Qwen3-0.6B", 0.6, "apache-2.0", false},
        {"TinyLlama/TinyLlama-1.1B-Chat-v1.0", 1.1, "apache-2.0", false},
        {"meta-llama/Llama-3.2-1B-Instruct", 1.23, "llama3.2", true},
    };
    return models;
}

std::optional<std::string> repoIdProblem(const std::string& repoId)
{
    const size_t slash = repoId.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == repoId.size() || repoId.find('/', slash + 1) != std::string::npos)
        return "'" + repoId + "' is not a repository id: expected ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct";
    for (char c : repoId)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/'))
            return "'" + repoId + "' is not a repository id: only letters, digits, '-', '_' and '.' are allowed";
    if (repoId.find("..") != std::string::npos || repoId.find("--") != std::string::npos)
        return "'" + repoId + "' is not a repository id: '..' and '--' are not allowed";
    return std::nullopt;
}

std::string tokenPath()
{
    if (std::string path = environment("HF_TOKEN_PATH"); !path.empty())
        return path;
    return (fs::path(model::huggingFaceHome()) / "token").string();
}

std::string readStoredToken()
{
    std::error_code error;
    if (!fs::is_regular_file(tokenPath(), error))
        return {};
    std::string token = readWholeFile(tokenPath(), 4096);
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
        token.pop_back();
    return token;
}

void storeToken(const std::string& token)
{
    if (token.empty() || std::any_of(token.begin(), token.end(), [](unsigned char c) { return c < 0x21 || c > 0x7e; }))
        throw Error("a Hugging Face token is one word of printable characters (hf_…)");
    const fs::path path = tokenPath();
    if (!fs::exists(path.parent_path())) {
        fs::create_directories(path.parent_path());
        fs::permissions(path.parent_path(), fs::perms::owner_all);
    }
    // Created 0600 before the secret is written; writeFileAtomically keeps the mode.
    if (!fs::exists(path)) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0)
            throw Error(path.string() + ": " + std::strerror(errno));
        ::close(fd);
    }
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    writeFileAtomically(path.string(), token);
}

HubSettings hubSettingsFromEnvironment()
{
    HubSettings settings;
    if (std::string endpoint = environment("HF_ENDPOINT"); !endpoint.empty())
        settings.endpoint = endpoint;
    while (settings.endpoint.ends_with('/'))
        settings.endpoint.pop_back();
    settings.cacheDir = model::hubCacheDir();
    settings.offline = truthy(environment("HF_HUB_OFFLINE"));
    settings.token = environment("HF_TOKEN");
    if (settings.token.empty())
        settings.token = readStoredToken();
    return settings;
}

HubClient::HubClient(HubSettings settings) : settings_(std::move(settings))
{
    while (settings_.endpoint.ends_with('/'))
        settings_.endpoint.pop_back();
}

RepoInfo HubClient::fetchInfo(const std::string& repoId, const std::string& revision) const
{
    if (const auto problem = repoIdProblem(repoId))
        throw HubError(Kind::NotFound, *problem);
    if (settings_.offline)
        throw HubError(Kind::Offline, "HF_HUB_OFFLINE is set: Finch does not reach " + settings_.endpoint);
    const std::string url = settings_.endpoint + "/api/models/" + repoId + "/revision/" + escapePath(revision, false) + "?blobs=true";
    std::string body;
    Transfer transfer;
    transfer.sink = [&](std::string_view piece) {
        body.append(piece);
        return body.size() <= kMaxInfoBytes;
    };
    get(settings_, url, transfer);
    if (transfer.response.status != 200)
        throwForStatus(settings_, repoId, revision, "", transfer.response);

    const auto invalid = [&](const std::string& what) {
        return HubError(Kind::Network, settings_.endpoint + ": the listing of " + repoId + " is not what the Hub sends (" + what + ")");
    };
    const Json json = Json::parse(body, nullptr, false);
    if (!json.is_object() || !json.contains("sha") || !json["sha"].is_string() || !isHex(json["sha"].get<std::string>(), 40))
        throw invalid("no 40-digit commit in 'sha'");
    RepoInfo info;
    info.repoId = repoId;
    info.commit = json["sha"].get<std::string>();
    if (json.contains("gated") && json["gated"].is_string())
        info.gated = json["gated"].get<std::string>();
    if (!json.contains("siblings") || !json["siblings"].is_array())
        throw invalid("no 'siblings' list");
    for (const Json& sibling : json["siblings"]) {
        if (!sibling.is_object() || !sibling.contains("rfilename") || !sibling["rfilename"].is_string())
            throw invalid("a file without 'rfilename'");
        RepoFile file;
        file.path = sibling["rfilename"].get<std::string>();
        if (!wantedForFineTuning(file.path))
            continue;
        if (sibling.contains("size") && sibling["size"].is_number_unsigned())
            file.size = sibling["size"].get<uint64_t>();
        if (sibling.contains("blobId") && sibling["blobId"].is_string())
            file.blobId = sibling["blobId"].get<std::string>();
        if (sibling.contains("lfs") && sibling["lfs"].is_object()) {
            const Json& lfs = sibling["lfs"];
            if (lfs.contains("sha256") && lfs["sha256"].is_string())
                file.sha256 = lfs["sha256"].get<std::string>();
            if (lfs.contains("size") && lfs["size"].is_number_unsigned())
                file.size = lfs["size"].get<uint64_t>();
        }
        // The hash names the blob on disk: it must be one, not a path.
        if (!(isHex(file.sha256, 64) || (file.sha256.empty() && isHex(file.blobId, 40))))
            throw invalid("'" + file.path + "' has no sha256 or blob id");
        info.files.push_back(std::move(file));
    }
    return info;
}

std::string HubClient::download(const std::string& repoId, const std::string& revision,
                                const std::function<void(const DownloadProgress&)>& progress,
                                const std::atomic<bool>* cancel) const
{
    if (const auto problem = repoIdProblem(repoId))
        throw HubError(Kind::NotFound, *problem);
    if (revision.empty() || revision.find("..") != std::string::npos || revision[0] == '/')
        throw HubError(Kind::NotFound, "'" + revision + "' is not a revision: expected a branch, a tag or a commit");
    if (settings_.offline) {
        if (auto snapshot = model::resolveSnapshot(settings_.cacheDir, repoId, revision))
            return *snapshot;
        throw HubError(Kind::Offline, "HF_HUB_OFFLINE is set and the cache (" + settings_.cacheDir + ") has no " + repoId +
                                          " at " + revision);
    }
    const RepoInfo info = fetchInfo(repoId, revision);
    // Weights Finch cannot load are not worth the bandwidth: say so before fetching anything.
    if (std::none_of(info.files.begin(), info.files.end(), [](const RepoFile& file) { return file.path.ends_with(".safetensors"); }))
        throw HubError(Kind::NotFound, repoId + " at " + revision +
                                           " has no safetensors weights (pickled .bin weights are not loaded: unpickling can run "
                                           "code); convert them once with save_pretrained(..., safe_serialization=True)");
    const fs::path repoFolder = fs::path(settings_.cacheDir) / cacheFolderName(repoId);
    const fs::path locks = fs::path(settings_.cacheDir) / ".locks" / cacheFolderName(repoId); // huggingface_hub's
    for (const fs::path& folder : {repoFolder / "blobs", locks}) {
        std::error_code error;
        fs::create_directories(folder, error);
        if (error)
            throw HubError(Kind::Disk, folder.string() + ": " + error.message());
    }

    DownloadProgress state;
    state.fileCount = int(info.files.size());
    state.bytesTotal = info.totalBytes();
    for (const RepoFile& file : info.files) {
        ++state.fileIndex;
        state.file = file.path;
        const uint64_t doneBefore = state.bytesDone;
        const fs::path blob = repoFolder / "blobs" / file.etag();
        if (!isPublished(blob, file.size)) {
            const BlobLock lock((locks / (file.etag() + ".lock")).string(), repoId + "/" + file.path, [&] {
                state.waiting = true;
                if (progress)
                    progress(state);
                state.waiting = false;
            }, cancel);
            // Another download may have published it meanwhile: trusted once its hash is checked.
            const auto there = digestOf(blob, file.sha256.empty());
            if (!(there && there->size == file.size && there->hash == file.etag()))
                fetchBlob({settings_, repoId, revision, file,
                           settings_.endpoint + "/" + repoId + "/resolve/" + info.commit + "/" + escapePath(file.path, true),
                           blob, blob.string() + ".incomplete",
                           [&](uint64_t bytes) {
                               state.bytesDone = doneBefore + bytes;
                               if (progress)
                                   progress(state);
                           },
                           cancel});
        }
        linkIntoSnapshot(repoFolder, info.commit, file);
        state.bytesDone = doneBefore + file.size;
        if (progress)
            progress(state);
    }
    std::error_code error;
    fs::create_directories(repoFolder / "snapshots" / info.commit, error);
    if (revision != info.commit)
        writeRef(repoFolder / "refs" / revision, info.commit);
    return (repoFolder / "snapshots" / info.commit).string();
}

} // namespace finch::hub
