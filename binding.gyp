{
  "targets": [
    {
      "target_name": "numaccel",
      "sources": [
        "native/addon.cc",
        "native/async/job.cc",
        "native/async/prime_jobs.cc",
        "native/async/geo_jobs.cc",
        "native/kernels/prime.cc",
        "native/kernels/primecount.cc",
        "native/kernels/sieve.cc",
        "native/kernels/sieve_presieve.cc",
        "native/kernels/sieve_base_primes.cc",
        "native/kernels/sieve_cursor.cc",
        "native/kernels/geo.cc",
        "native/kernels/geo_sse2.cc",
        "native/kernels/geo_avx2.cc",
        "native/kernels/geo_avx512.cc",
        "native/geodesic_glue.cc",
        "native/kernels/fdlibm.cc",
        "native/kernels/geodesic.cc",
        "native/kernels/geodesic_area.cc",
        "native/kernels/geodesic_direct.cc",
        "native/kernels/geodesic_series.cc",
        "native/kernels/geo_neon.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NUMACCEL_BUILD_NODE_GYP"
      ],
      "cflags!": ["-fno-exceptions", "-ffast-math"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20", "-ffast-math"],
      "cflags": ["-Wall", "-Wextra", "-ffp-contract=off", "-fno-math-errno"],
      "cflags_cc": ["-std=c++17", "-fexceptions"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_OPTIMIZATION_LEVEL": "3",
        "OTHER_CFLAGS": ["-Wall", "-Wextra", "-ffp-contract=off", "-fno-math-errno"]
      },
      "configurations": {
        "Release": {
          "cflags": ["-O3"]
        }
      },
      "msvs_settings": {
        "VCCLCompilerTool": {
          "ExceptionHandling": 1,
          "AdditionalOptions": ["/std:c++17", "/fp:precise"]
        }
      }
    }
  ]
}
