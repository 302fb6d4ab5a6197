"""Reads a folder of TensorBoard event files with tensorboard's own loader, for TensorBoardTest.

    tensorboard_scalars.py WORKSPACE_RUNS EVENTS_FOLDER OUT.json

OUT.json: "runs", the runs `tensorboard --logdir WORKSPACE_RUNS` lists; "scalars", tag ->
[[step, value, wall_time], ...] as EventAccumulator keeps them for EVENTS_FOLDER (orphaned
points of resumed sessions purged); "files", per event file its record count, the first
event's file_version, and whether every record holds the bytes protobuf itself writes for
its event; read record by record, a bad checksum raised, not skipped.
"""
import json
import os
import sys

from tensorboard.backend.event_processing import event_accumulator, event_multiplexer
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub import errors
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import PyRecordReader_New


def records(path):
    reader = PyRecordReader_New(path)
    found = []
    while True:
        try:
            reader.GetNext()  # DataLossError on a bad checksum
        except errors.OutOfRangeError:
            return found
        found.append(reader.record())


def main(runs_folder, events_folder, out_path):
    accumulator = event_accumulator.EventAccumulator(events_folder, size_guidance={event_accumulator.SCALARS: 0})
    accumulator.Reload()
    scalars = {
        tag: [[point.step, point.value, point.wall_time] for point in accumulator.Scalars(tag)]
        for tag in accumulator.Tags()[event_accumulator.SCALARS]
    }
    files = {}
    for name in sorted(os.listdir(events_folder)):
        raw = records(os.path.join(events_folder, name))
        events = [event_pb2.Event.FromString(record) for record in raw]
        files[name] = {
            "records": len(events),
            "file_version": events[0].file_version if events else None,
            "as_protobuf_writes": all(event.SerializeToString() == record for event, record in zip(events, raw)),
        }
    multiplexer = event_multiplexer.EventMultiplexer()
    multiplexer.AddRunsFromDirectory(runs_folder)
    multiplexer.Reload()
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump({"runs": sorted(multiplexer.Runs()), "scalars": scalars, "files": files}, out)


if __name__ == "__main__":
    main(*sys.argv[1:])
