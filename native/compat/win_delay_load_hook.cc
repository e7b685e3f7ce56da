// numaccel — the Windows prebuild imports Node-API from "node.exe" (an import library made from
// node-api-headers' node_api.def) and delay-loads it: when the first Node-API function is
// called, this hook hands the delay-load helper the module of the running process instead of
// loading a file named node.exe, so the addon also works in a host with another name (Electron,
// a renamed or embedded Node). The same idea as node-gyp's src/win_delay_load_hook.cc, for
// mingw-w64's delay-load helper (__delayLoadHelper2 in libmingwex, which reads
// __pfnDliNotifyHook2). Compiled only into the Windows prebuild (scripts/prebuilds.mjs).
#if defined(_WIN32)
#include <windows.h>
// windows.h first: delayimp.h uses its types.
#include <delayimp.h>
#include <string.h>

namespace {

FARPROC WINAPI LoadHostHook(unsigned event, PDelayLoadInfo info) {
    if (event != dliNotePreLoadLibrary || _stricmp(info->szDll, "node.exe") != 0) return nullptr;
    // An embedder linking Node as a library (libnode.dll) exports Node-API from there.
    HMODULE host = GetModuleHandleA("libnode.dll");
    if (host == nullptr) host = GetModuleHandleA(nullptr);
    return reinterpret_cast<FARPROC>(host);
}

}  // namespace

extern "C" {
PfnDliHook __pfnDliNotifyHook2 = LoadHostHook;  // declared by delayimp.h, read by the helper
}
#endif
