# Finds libtorch for Finch's builds (the main one and bench/gpu): Debian's, or the one in
# PyPI's torch wheel given -DTorch_DIR=<wheel>/torch/share/cmake/Torch.
# Finch compiles no CUDA code; naming the architecture spares Caffe2's GPU probe, which
# fails under CMAKE_CXX_STANDARD 20 (CMake 3.25 knows no CUDA20 for nvcc).
if(NOT DEFINED TORCH_CUDA_ARCH_LIST AND NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST})
  set(TORCH_CUDA_ARCH_LIST "8.0;9.0")
endif()
set(FINCH_TORCH_WHEEL OFF)
if(Torch_DIR AND EXISTS "${Torch_DIR}/../../../__init__.py") # inside a Python package: a wheel
  set(FINCH_TORCH_WHEEL ON)
  # TorchConfig's find_library and find_dependency calls search the system folders before
  # the wheel's, so with Debian's libtorch also installed they would mix it into a wheel build.
  get_filename_component(FINCH_TORCH_LIBDIR "${Torch_DIR}/../../../lib" ABSOLUTE)
  get_filename_component(Caffe2_DIR "${Torch_DIR}/../Caffe2" ABSOLUTE CACHE)
  find_library(c10_LIBRARY c10 PATHS ${FINCH_TORCH_LIBDIR} NO_DEFAULT_PATH REQUIRED)
  find_library(TORCH_LIBRARY torch PATHS ${FINCH_TORCH_LIBDIR} NO_DEFAULT_PATH REQUIRED)
  # The wheel's CUDA libraries (nvidia/*/lib beside torch/) are the ones libtorch was built
  # with: the linker resolves libtorch_cuda's dependencies there, not in the toolkit's older
  # NCCL, and executables that use no CUDA symbol themselves do not pin the toolkit's
  # libcudart, so at run time libtorch's own RPATH finds the wheel's.
  file(GLOB FINCH_TORCH_CUDA_LIBDIRS "${FINCH_TORCH_LIBDIR}/../../nvidia/*/lib")
  if(FINCH_TORCH_CUDA_LIBDIRS)
    string(JOIN ":" FINCH_TORCH_RPATH_LINK ${FINCH_TORCH_CUDA_LIBDIRS})
    add_link_options("LINKER:-rpath-link,${FINCH_TORCH_RPATH_LINK}" "LINKER:--as-needed")
  endif()
endif()
find_package(Torch REQUIRED)
