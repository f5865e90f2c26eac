"""One row of a CSR matrix without scipy's indexing.

`matrix[[i]]` builds a new sparse matrix (index checks, dtype choices, a copy) for each call: about 80
microseconds. The reasons and paths of 1,000 candidates per gap ask for some 80,000 rows, which was 6 of
the 8.5 s a `recommend -k 1000` with call rules took. These views of the matrix's own arrays take a
microsecond; they assume the canonical CSR form (no repeated column in a row) that scipy builds and the
kept index files restore.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["columns", "shared_columns", "dense_row", "strongest_shared"]


def columns(matrix: sp.csr_array, i: int) -> np.ndarray:
    """The column numbers stored in row `i` (a view: do not write to it)."""
    return matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]


def shared_columns(matrix: sp.csr_array, a: int, b: int) -> np.ndarray:
    """The column numbers rows `a` and `b` both hold, in increasing order."""
    return np.intersect1d(columns(matrix, a), columns(matrix, b), assume_unique=True)


def dense_row(matrix: sp.csr_array, i: int) -> np.ndarray:
    """Row `i` as a dense vector of the matrix's width."""
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    row = np.zeros(matrix.shape[1], dtype=matrix.dtype)
    np.add.at(row, matrix.indices[start:end], matrix.data[start:end])
    return row



def strongest_shared(matrix: sp.csr_array, a: int, b_row: np.ndarray) -> tuple[int, float] | None:
    """The column `z` where `matrix[a, z] * b_row[z]` is largest (the lowest such column among equals), and that
    product; None when no product is above 0. `b_row` is the other row made dense once (`dense_row`) by a caller
    that compares it with several rows: each comparison then reads row `a`'s entries only (two dense rows per
    comparison had been as wide as the graph, 220,000 organisations at 10x; intersecting two hubs' sparse rows
    sorted tens of thousands of entries each time)."""
    start, end = matrix.indptr[a], matrix.indptr[a + 1]
    where = matrix.indices[start:end]
    through = matrix.data[start:end] * b_row[where]
    if not through.size or through.max() <= 0:
        return None
    top = through.max()
    return int(where[through == top].min()), float(top)
