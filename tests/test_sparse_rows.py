"""The CSR row views the recommender's reasons use agree with scipy's own indexing."""
import numpy as np
import scipy.sparse as sp

from graph.analytics.sparse_rows import columns, dense_row, shared_columns


def _matrix() -> sp.csr_array:
    rng = np.random.default_rng(7)
    dense = rng.random((40, 25)) * (rng.random((40, 25)) < 0.2)
    dense[3] = 0.0  # an empty row
    return sp.csr_array(dense)


def test_columns_and_dense_row_match_scipy_rows():
    matrix = _matrix()
    for i in range(matrix.shape[0]):
        assert sorted(columns(matrix, i)) == sorted(matrix[[i]].indices)
        assert np.array_equal(dense_row(matrix, i), matrix[[i]].toarray().ravel())
    assert columns(matrix, 3).size == 0


def test_shared_columns_are_the_intersection_in_order():
    matrix = _matrix()
    for a in range(0, 40, 3):
        for b in range(1, 40, 5):
            expected = np.intersect1d(matrix[[a]].indices, matrix[[b]].indices)
            assert np.array_equal(shared_columns(matrix, a, b), expected)


def test_dense_row_sums_a_repeated_column():
    """A matrix built from triples may hold a column twice in a row until it is summed; the dense row adds them."""
    matrix = sp.csr_array((np.array([1.0, 2.0, 5.0]), np.array([1, 1, 0]), np.array([0, 2, 3])), shape=(2, 3))
    assert dense_row(matrix, 0).tolist() == [0.0, 3.0, 0.0]
    assert dense_row(matrix, 1).tolist() == [5.0, 0.0, 0.0]
