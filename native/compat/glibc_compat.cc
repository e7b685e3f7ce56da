// numaccel — lets the Linux prebuilds run on glibc 2.17 and later although this machine links
// them against glibc 2.36. Compiled only into the prebuilds (scripts/prebuilds.mjs), which link
// libstdc++ statically and pass -Wl,--wrap=<symbol> for each function below: every reference
// to <symbol>, in the addon's code and in libstdc++'s, then goes to __wrap_<symbol>, which calls
// the symbol's oldest version (".symver", binutils manual, "Symbol Versions").
//
// The newer versions come from glibc 2.34 (libpthread merged into libc: pthread_* got the
// version GLIBC_2.34) and 2.29 (exp and log without the SVID error wrapper); the oldest ones
// still exist in every later glibc (dlsym and pthread_* in libdl and libpthread before 2.34,
// which Node loads). scripts/prebuilds.mjs checks the result with objdump.
#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>  // defines __GLIBC__ on glibc
#endif

#if defined(__GLIBC__)

#if defined(__aarch64__)
#define NUMACCEL_GLIBC_BASE "GLIBC_2.17"  // AArch64's first glibc
#elif defined(__x86_64__)
#define NUMACCEL_GLIBC_BASE "GLIBC_2.2.5"  // x86-64's first glibc
#else
#error "glibc_compat.cc: add this architecture's first glibc version"
#endif

// old_<symbol> stands for <symbol>@<first version>; __wrap_<symbol> forwards to it.
#define NUMACCEL_OLDEST(ret, symbol, params, args)                       \
    extern "C" ret old_##symbol params;                                  \
    __asm__(".symver old_" #symbol "," #symbol "@" NUMACCEL_GLIBC_BASE); \
    extern "C" __attribute__((visibility("hidden"))) ret __wrap_##symbol params { return old_##symbol args; }

NUMACCEL_OLDEST(int, pthread_create, (pthread_t * t, const pthread_attr_t* a, void* (*f)(void*), void* arg),
                (t, a, f, arg))
NUMACCEL_OLDEST(int, pthread_join, (pthread_t t, void** result), (t, result))
NUMACCEL_OLDEST(int, pthread_once, (pthread_once_t * once, void (*f)()), (once, f))
NUMACCEL_OLDEST(int, pthread_key_create, (pthread_key_t * key, void (*dtor)(void*)), (key, dtor))
NUMACCEL_OLDEST(int, __pthread_key_create, (pthread_key_t * key, void (*dtor)(void*)), (key, dtor))
NUMACCEL_OLDEST(int, pthread_mutex_trylock, (pthread_mutex_t * m), (m))
NUMACCEL_OLDEST(double, exp, (double x), (x))
NUMACCEL_OLDEST(double, log, (double x), (x))

// thread_local objects with destructors (primecount_impl.h's per-thread tables) register them
// through __cxa_thread_atexit_impl, new in glibc 2.18: looked up when first needed, so that no
// reference requires GLIBC_2.18. Before 2.18 such a destructor does not run when its thread
// exits, and the thread's tables are not freed.
NUMACCEL_OLDEST(void*, dlsym, (void* handle, const char* name), (handle, name))

extern "C" __attribute__((visibility("hidden"))) int __wrap___cxa_thread_atexit_impl(void (*dtor)(void*), void* obj,
                                                                                     void* dso) {
    using Register = int (*)(void (*)(void*), void*, void*);
    static const Register impl = reinterpret_cast<Register>(old_dlsym(RTLD_DEFAULT, "__cxa_thread_atexit_impl"));
    return impl != nullptr ? impl(dtor, obj, dso) : 0;
}

// libstdc++'s headers read glibc 2.32's __libc_single_threaded to skip atomic reference counts
// in single-threaded processes. A definition inside the addon (hidden) answers "not single
// threaded": always the atomic path, which is correct everywhere (and Node runs threads anyway).
extern "C" {
__attribute__((visibility("hidden"))) char __libc_single_threaded = 0;
}
#endif
