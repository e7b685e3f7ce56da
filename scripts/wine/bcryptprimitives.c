/* ProcessPrng, the one export of Windows' bcryptprimitives.dll that Rust's standard library
 * imports (rolldown's Windows binding, which vitest loads through vite). wine 8 (Debian 12) has
 * no bcryptprimitives.dll; scripts/test-platforms.mjs builds this one into the test prefix only.
 * RtlGenRandom (advapi32's SystemFunction036) fills the buffer, ULONG-sized chunks at a time. */
#include <windows.h>

#define RtlGenRandom SystemFunction036
BOOLEAN NTAPI RtlGenRandom(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
    if (!RtlGenRandom(data, chunk)) return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
