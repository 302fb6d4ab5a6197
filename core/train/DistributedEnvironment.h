#pragma once
// Where this process stands in a data-parallel job, read from the environment the usual
// launchers set: torchrun and Kubernetes' PyTorchJob (RANK, WORLD_SIZE, LOCAL_RANK,
// MASTER_ADDR, MASTER_PORT, TORCHELASTIC_*), Slurm's srun (SLURM_PROCID, SLURM_NTASKS,
// SLURM_LOCALID, with MASTER_ADDR and MASTER_PORT exported by the batch script), and
// `finch train --nproc-per-node N`, which sets the torchrun variables for its workers and,
// instead of MASTER_ADDR and MASTER_PORT, FINCH_STORE_FILE and FINCH_JOB_TOKEN.
//
// Trust: a job on one node (`finch train --nproc-per-node N`) rendezvous through a file in a
// folder only its user can open, and its ranks talk over loopback only, so no other host can
// reach it. A job over several nodes (torchrun, srun) trusts its network: rank 0's store
// listens on MASTER_PORT on every interface without authentication, and any host that
// reaches that port and the ranks' Gloo or NCCL ports can stall the job, feed it gradients
// or results, or tell the ranks which run folder to open. Run such jobs on a private
// cluster network (or a firewalled VLAN), as torchrun's jobs are run.
#include <functional>
#include <optional>
#include <string>

namespace finch::train {

struct DistributedEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1; // this node's processes, when the launcher says (LOCAL_WORLD_SIZE)
    std::string masterAddress;
    int masterPort = 0;
    int restartCount = 0; // TORCHELASTIC_RESTART_COUNT: torchrun restarted the job this often
    std::string storeFile; // FINCH_STORE_FILE: a one-node job's rendezvous, instead of a TCP store
    std::string jobToken;  // FINCH_JOB_TOKEN: a random name for this job's keys in the store
    std::string launcher; // "torchrun", "slurm" or "finch"
};

// Reads the variables through `lookup` (getenv by default). Returns nothing for a single
// process (no WORLD_SIZE, or 1). Throws finch::Error naming the variable that is missing
// or malformed.
std::optional<DistributedEnvironment> readDistributedEnvironment(
    const std::function<const char*(const char*)>& lookup = nullptr);

} // namespace finch::train
