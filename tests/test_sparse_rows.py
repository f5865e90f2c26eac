"""The CSR row views the recommender's reasons use agree with scipy's own indexing."""
import numpy as np
import scipy.sparse as sp

from graph.analytics.sparse_rows import columns, dense_row, shared_columns, strongest_shared


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


def test_strongest_shared_matches_the_dense_product():
    matrix = _matrix()
    for a in range(40):
        for b in range(0, 40, 7):
            through = matrix[[a]].toarray().ravel() * matrix[[b]].toarray().ravel()
            expected = (int(np.argmax(through)), float(through.max())) if through.max() > 0 else None
            assert strongest_shared(matrix, a, dense_row(matrix, b)) == expected
    assert strongest_shared(matrix, 3, dense_row(matrix, 0)) is None  # the empty row shares nothing


def test_strongest_shared_takes_the_lowest_column_among_equals_in_any_stored_order():
    """The dense product's argmax took the lowest column; a row whose columns are stored out of order agrees."""
    matrix = sp.csr_array((np.array([2.0, 2.0, 1.0]), np.array([4, 1, 0]), np.array([0, 3])), shape=(1, 5))
    assert not matrix.has_sorted_indices
    assert strongest_shared(matrix, 0, np.ones(5)) == (1, 2.0)
    assert strongest_shared(matrix, 0, np.zeros(5)) is None
