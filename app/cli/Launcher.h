#pragma once
// `finch train --nproc-per-node N`: N worker processes on this machine with the variables
// torchrun would give them (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR,
// MASTER_PORT), as torchrun starts them.
#include <string>
#include <vector>

namespace finch::cli {

// Runs this program once per rank with `arguments` (argv[1:] of each worker) and waits for
// all of them. When one fails, the others get `graceSeconds` to notice (their collectives
// fail when a peer is gone) before they are killed. Returns the exit status for the job:
// 0 when every rank succeeded.
int launchWorkers(int processes, const std::vector<std::string>& arguments, int graceSeconds = 30);

} // namespace finch::cli
