"""Writes the tiny ann-benchmarks-style HDF5 fixtures used by Hdf5DatasetTest.

Run once with h5py (pip install h5py) from this folder:  python3 make_tiny_hdf5.py
The values are small integers so the exact neighbours can be checked by hand:
train row i = (i, 2i, 0) for i = 0..9; test = (3.2, 6.4, 0) and (0, 0, 0).
Euclidean neighbours of test 0: 3, 4, 2, 5 (distances 0.2*sqrt5, 0.8*sqrt5, 1.2*sqrt5, 1.8*sqrt5);
of test 1: 0, 1, 2, 3.
"""
import h5py
import numpy as np

train = np.array([[i, 2 * i, 0] for i in range(10)], dtype=np.float32)
test = np.array([[3.2, 6.4, 0], [0, 0, 0]], dtype=np.float32)
neighbors = np.array([[3, 4, 2, 5], [0, 1, 2, 3]], dtype=np.int32)
distances = np.array([[np.linalg.norm(test[q] - train[j]) for j in neighbors[q]] for q in range(2)], dtype=np.float32)

# As ann-benchmarks writes them: contiguous datasets, a string attribute on the root.
with h5py.File("tiny-3-euclidean.hdf5", "w") as f:
    f.attrs["type"] = "dense"
    f.attrs["distance"] = "euclidean"
    f.attrs["dimension"] = 3
    f.attrs["point_type"] = "float"
    f.create_dataset("train", data=train)
    f.create_dataset("test", data=test)
    f.create_dataset("neighbors", data=neighbors)
    f.create_dataset("distances", data=distances)

# Chunked and compressed, as some re-packed copies are: rows must still be read as slices.
with h5py.File("tiny-3-euclidean-chunked.hdf5", "w") as f:
    f.attrs["distance"] = "euclidean"
    f.create_dataset("train", data=train, chunks=(4, 3), compression="gzip")
    f.create_dataset("test", data=test, chunks=(1, 3), compression="gzip")
    f.create_dataset("neighbors", data=neighbors)
    f.create_dataset("distances", data=distances)
