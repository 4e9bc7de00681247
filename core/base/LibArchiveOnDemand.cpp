// libarchive, loaded the first time Berth reads or writes a tar. Linked as usual, libarchive and
// what it brings (libxml2, liblzma, liblz4, libbz2, libacl) would load at every start of berthctl
// (~1.3 ms of ~15), and most commands never open an archive. So berth_core does not link it: each
// libarchive function that Berth calls is defined here, against archive.h's own declaration (the
// compiler checks the two agree), and forwards to libarchive's, found with dlopen on first use.
// A new call to another libarchive function fails to link until it is added here.
#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>

#include <QtGlobal>

namespace {

void* libarchive()
{
    static void* const handle = [] {
        void* loaded = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
        if (!loaded)
            qFatal("Berth cannot load libarchive (libarchive.so.13, Debian's libarchive13t64): %s", dlerror());
        return loaded;
    }();
    return handle;
}

template <typename Function>
Function resolved(const char* name)
{
    void* symbol = dlsym(libarchive(), name);
    if (!symbol)
        qFatal("Berth's libarchive has no %s: libarchive 3.4 or newer is needed", name);
    return reinterpret_cast<Function>(symbol);
}

} // namespace

// libarchive's function `name`, resolved once (thread-safe: layers are listed on worker threads).
#define BERTH_LIBARCHIVE(name) static const auto real = resolved<decltype(&name)>(#name)

extern "C" {

struct archive* archive_read_new(void) { BERTH_LIBARCHIVE(archive_read_new); return real(); }
int archive_read_free(struct archive* a) { BERTH_LIBARCHIVE(archive_read_free); return real(a); }
int archive_read_support_filter_gzip(struct archive* a) { BERTH_LIBARCHIVE(archive_read_support_filter_gzip); return real(a); }
int archive_read_support_filter_none(struct archive* a) { BERTH_LIBARCHIVE(archive_read_support_filter_none); return real(a); }
int archive_read_support_filter_zstd(struct archive* a) { BERTH_LIBARCHIVE(archive_read_support_filter_zstd); return real(a); }
int archive_read_support_format_gnutar(struct archive* a) { BERTH_LIBARCHIVE(archive_read_support_format_gnutar); return real(a); }
int archive_read_support_format_tar(struct archive* a) { BERTH_LIBARCHIVE(archive_read_support_format_tar); return real(a); }
int archive_read_open(struct archive* a, void* data, archive_open_callback* open, archive_read_callback* read, archive_close_callback* close)
{
    BERTH_LIBARCHIVE(archive_read_open);
    return real(a, data, open, read, close);
}
int archive_read_open_filename(struct archive* a, const char* file, size_t blockSize)
{
    BERTH_LIBARCHIVE(archive_read_open_filename);
    return real(a, file, blockSize);
}
int archive_read_next_header(struct archive* a, struct archive_entry** entry) { BERTH_LIBARCHIVE(archive_read_next_header); return real(a, entry); }
la_ssize_t archive_read_data(struct archive* a, void* buffer, size_t size) { BERTH_LIBARCHIVE(archive_read_data); return real(a, buffer, size); }
int archive_read_data_block(struct archive* a, const void** buffer, size_t* size, la_int64_t* offset)
{
    BERTH_LIBARCHIVE(archive_read_data_block);
    return real(a, buffer, size, offset);
}
la_int64_t archive_filter_bytes(struct archive* a, int filter) { BERTH_LIBARCHIVE(archive_filter_bytes); return real(a, filter); }
const char* archive_error_string(struct archive* a) { BERTH_LIBARCHIVE(archive_error_string); return real(a); }

struct archive* archive_write_new(void) { BERTH_LIBARCHIVE(archive_write_new); return real(); }
int archive_write_set_format_pax_restricted(struct archive* a) { BERTH_LIBARCHIVE(archive_write_set_format_pax_restricted); return real(a); }
int archive_write_open_filename(struct archive* a, const char* file) { BERTH_LIBARCHIVE(archive_write_open_filename); return real(a, file); }
int archive_write_header(struct archive* a, struct archive_entry* entry) { BERTH_LIBARCHIVE(archive_write_header); return real(a, entry); }
la_ssize_t archive_write_data(struct archive* a, const void* data, size_t size) { BERTH_LIBARCHIVE(archive_write_data); return real(a, data, size); }
int archive_write_close(struct archive* a) { BERTH_LIBARCHIVE(archive_write_close); return real(a); }
int archive_write_free(struct archive* a) { BERTH_LIBARCHIVE(archive_write_free); return real(a); }

struct archive_entry* archive_entry_new(void) { BERTH_LIBARCHIVE(archive_entry_new); return real(); }
void archive_entry_free(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_free); real(e); }
__LA_MODE_T archive_entry_filetype(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_filetype); return real(e); }
__LA_MODE_T archive_entry_perm(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_perm); return real(e); }
la_int64_t archive_entry_size(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_size); return real(e); }
la_int64_t archive_entry_uid(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_uid); return real(e); }
la_int64_t archive_entry_gid(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_gid); return real(e); }
const char* archive_entry_uname(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_uname); return real(e); }
const char* archive_entry_gname(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_gname); return real(e); }
time_t archive_entry_mtime(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_mtime); return real(e); }
const char* archive_entry_pathname(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_pathname); return real(e); }
const char* archive_entry_pathname_utf8(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_pathname_utf8); return real(e); }
const char* archive_entry_symlink(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_symlink); return real(e); }
const char* archive_entry_hardlink(struct archive_entry* e) { BERTH_LIBARCHIVE(archive_entry_hardlink); return real(e); }
void archive_entry_set_filetype(struct archive_entry* e, unsigned int type) { BERTH_LIBARCHIVE(archive_entry_set_filetype); real(e, type); }
void archive_entry_set_perm(struct archive_entry* e, __LA_MODE_T perm) { BERTH_LIBARCHIVE(archive_entry_set_perm); real(e, perm); }
void archive_entry_set_pathname_utf8(struct archive_entry* e, const char* path) { BERTH_LIBARCHIVE(archive_entry_set_pathname_utf8); real(e, path); }
void archive_entry_set_size(struct archive_entry* e, la_int64_t size) { BERTH_LIBARCHIVE(archive_entry_set_size); real(e, size); }

} // extern "C"
