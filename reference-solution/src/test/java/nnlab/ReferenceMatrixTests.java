package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The provided Matrix: products, transpose, element-wise ops, broadcast, reductions, shapes and immutability. */
class ReferenceMatrixTests {

    /** Random products are summed in a different order by Commons Math; terms are O(1), so rounding stays ~1e-15. */
    private static final double PRODUCT_ROUNDING = 1e-12;

    /** A = [[1, 2, 3], [4, 5, 6]], 2×3. */
    private static final Matrix A = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    private static void assertMatrix(double[][] expected, Matrix actual) {
        assertEquals(expected.length + "×" + expected[0].length, actual.shape());
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual.row(r), "row " + r);
        }
    }

    private static void assertClose(RealMatrix expected, Matrix actual) {
        assertEquals(expected.getRowDimension() + "×" + expected.getColumnDimension(), actual.shape());
        for (int r = 0; r < expected.getRowDimension(); r++) {
            assertArrayEquals(expected.getRow(r), actual.row(r), PRODUCT_ROUNDING, "row " + r);
        }
    }

    @Nested
    class ProductsByHand {

        @Test
        void multiply() {
            // [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]]: 1·7 + 2·9 + 3·11 = 58, 1·8 + 2·10 + 3·12 = 64,
            // 4·7 + 5·9 + 6·11 = 139, 4·8 + 5·10 + 6·12 = 154.
            Matrix b = Matrix.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
            assertMatrix(new double[][] {{58, 64}, {139, 154}}, A.multiply(b));
        }

        @Test
        void transposeMultiply() {
            // Aᵀ·[[1,2],[3,4]] = [[1,4],[2,5],[3,6]]·[[1,2],[3,4]] = [[1+12, 2+16], [2+15, 4+20], [3+18, 6+24]].
            Matrix c = Matrix.of(new double[][] {{1, 2}, {3, 4}});
            assertMatrix(new double[][] {{13, 18}, {17, 24}, {21, 30}}, A.transposeMultiply(c));
        }

        @Test
        void multiplyTranspose() {
            // A·Dᵀ with D = [[1,0,−1],[2,1,0]]: (1 − 3, 2 + 2; 4 − 6, 8 + 5) = [[−2, 4], [−2, 13]].
            Matrix d = Matrix.of(new double[][] {{1, 0, -1}, {2, 1, 0}});
            assertMatrix(new double[][] {{-2, 4}, {-2, 13}}, A.multiplyTranspose(d));
        }

        @Test
        void allThreeFormsAgreeWithCommonsMathOnRandomShapes() {
            Random random = new Random(17);
            Matrix p = FiniteDifferences.uniform(random, 7, 5, -1, 1);
            Matrix q = FiniteDifferences.uniform(random, 5, 3, -1, 1);
            Matrix r = FiniteDifferences.uniform(random, 7, 4, -1, 1);
            Matrix s = FiniteDifferences.uniform(random, 6, 5, -1, 1);
            RealMatrix pm = new Array2DRowRealMatrix(p.toArray());
            assertClose(pm.multiply(new Array2DRowRealMatrix(q.toArray())), p.multiply(q));
            assertClose(pm.transpose().multiply(new Array2DRowRealMatrix(r.toArray())), p.transposeMultiply(r));
            assertClose(pm.multiply(new Array2DRowRealMatrix(s.toArray()).transpose()), p.multiplyTranspose(s));
        }

        @Test
        void aZeroTimesNaNIsNaNInEveryForm() {
            // IEEE: 0·NaN = NaN and 0·∞ = NaN, so a product must not skip zero entries as a shortcut.
            Matrix zeros = Matrix.of(new double[][] {{0, 0}});
            Matrix nan = Matrix.of(new double[][] {{Double.NaN}, {1}});
            Matrix inf = Matrix.of(new double[][] {{Double.POSITIVE_INFINITY}, {1}});
            assertTrue(Double.isNaN(zeros.multiply(nan).get(0, 0)));
            assertTrue(Double.isNaN(zeros.multiply(inf).get(0, 0)));
            assertTrue(Double.isNaN(zeros.transpose().transposeMultiply(nan).get(0, 0)));
            assertTrue(Double.isNaN(zeros.multiplyTranspose(nan.transpose()).get(0, 0)));
        }

        @Test
        void mismatchedShapesNameBothShapes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.multiply(A));
            assertThat(e.getMessage(), allOf(containsString("multiply"), containsString("2×3"),
                    containsString("this.cols == other.rows")));
            e = assertThrows(IllegalArgumentException.class, () -> A.transposeMultiply(Matrix.zeros(3, 2)));
            assertThat(e.getMessage(), allOf(containsString("2×3"), containsString("3×2")));
            e = assertThrows(IllegalArgumentException.class, () -> A.multiplyTranspose(Matrix.zeros(2, 2)));
            assertThat(e.getMessage(), allOf(containsString("2×3"), containsString("2×2")));
        }
    }

    @Nested
    class ElementWise {

        private final Matrix b = Matrix.of(new double[][] {{2, 4, -1}, {0.5, 0, 3}});

        @Test
        void plusMinusTimesDivide() {
            assertMatrix(new double[][] {{3, 6, 2}, {4.5, 5, 9}}, A.plus(b));
            assertMatrix(new double[][] {{-1, -2, 4}, {3.5, 5, 3}}, A.minus(b));
            assertMatrix(new double[][] {{2, 8, -3}, {2, 0, 18}}, A.times(b));
            assertMatrix(new double[][] {{0.5, 0.5, -3}, {8, Double.POSITIVE_INFINITY, 2}}, A.divide(b));
        }

        @Test
        void scaleAndMap() {
            assertMatrix(new double[][] {{-2, -4, -6}, {-8, -10, -12}}, A.scale(-2));
            assertMatrix(new double[][] {{1, 4, 9}, {16, 25, 36}}, A.map(v -> v * v));
        }

        @Test
        void transposeSwapsRowsAndColumns() {
            assertMatrix(new double[][] {{1, 4}, {2, 5}, {3, 6}}, A.transpose());
            assertEquals(A, A.transpose().transpose());
        }

        @Test
        void plusRowVectorAddsToEveryRow() {
            assertMatrix(new double[][] {{11, 22, 33}, {14, 25, 36}}, A.plusRowVector(new double[] {10, 20, 30}));
        }

        @Test
        void columnSumsAndSum() {
            assertArrayEquals(new double[] {5, 7, 9}, A.columnSums());
            assertEquals(21.0, A.sum());
        }

        @Test
        void nanPropagates() {
            Matrix n = Matrix.of(new double[][] {{Double.NaN, 1, 1}, {1, 1, 1}});
            assertTrue(Double.isNaN(A.plus(n).get(0, 0)));
            assertTrue(Double.isNaN(n.columnSums()[0]));
            assertTrue(Double.isNaN(n.scale(0).get(0, 0)));
        }

        @Test
        void mismatchedShapesNameBothShapes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.plus(A.transpose()));
            assertThat(e.getMessage(), allOf(containsString("plus"), containsString("2×3"), containsString("3×2")));
            assertThrows(IllegalArgumentException.class, () -> A.minus(Matrix.zeros(2, 2)));
            assertThrows(IllegalArgumentException.class, () -> A.times(Matrix.zeros(1, 3)));
            assertThrows(IllegalArgumentException.class, () -> A.divide(Matrix.zeros(2, 4)));
            e = assertThrows(IllegalArgumentException.class, () -> A.plusRowVector(new double[] {1, 2}));
            assertThat(e.getMessage(), allOf(containsString("2×3"), containsString("one value per column")));
        }
    }

    @Nested
    class RowsAndColumns {

        @Test
        void selectRowsKeepsTheGivenOrderAndRepeats() {
            assertMatrix(new double[][] {{4, 5, 6}, {1, 2, 3}, {4, 5, 6}}, A.selectRows(new int[] {1, 0, 1}));
        }

        @Test
        void selectRowsRejectsBadIndices() {
            assertThrows(IndexOutOfBoundsException.class, () -> A.selectRows(new int[] {2}));
            assertThrows(IllegalArgumentException.class, () -> A.selectRows(new int[0]));
        }

        @Test
        void rowColumnAndGet() {
            assertArrayEquals(new double[] {4, 5, 6}, A.row(1));
            assertArrayEquals(new double[] {3, 6}, A.column(2));
            assertEquals(6.0, A.get(1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> A.get(2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> A.get(0, 3));
        }

        @Test
        void vectorsAndZeros() {
            assertEquals("1×3", Matrix.rowVector(new double[] {1, 2, 3}).shape());
            assertEquals("3×1", Matrix.columnVector(new double[] {1, 2, 3}).shape());
            assertMatrix(new double[][] {{0, 0}, {0, 0}, {0, 0}}, Matrix.zeros(3, 2));
        }
    }

    @Nested
    class Construction {

        @Test
        void rejectsRaggedRowsNamingTheRow() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Matrix.of(new double[][] {{1, 2}, {3}}));
            assertThat(e.getMessage(), allOf(containsString("Row 1 has 1 values but row 0 has 2"),
                    containsString("same length")));
        }

        @Test
        void rejectsEmptyAndNullRows() {
            assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[0][]));
            assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{}}));
            assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1}, null}));
            assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(0, 3));
            assertThrows(IllegalArgumentException.class, () -> Matrix.columnVector(new double[0]));
        }
    }

    @Nested
    class Immutability {

        @Test
        void ofCopiesItsInput() {
            double[][] values = {{1, 2}, {3, 4}};
            Matrix m = Matrix.of(values);
            values[0][0] = 99;
            assertEquals(1.0, m.get(0, 0));
        }

        @Test
        void toArrayRowAndColumnReturnCopies() {
            Matrix m = Matrix.of(new double[][] {{1, 2}, {3, 4}});
            m.toArray()[0][0] = 99;
            m.row(0)[1] = 99;
            m.column(0)[1] = 99;
            assertMatrix(new double[][] {{1, 2}, {3, 4}}, m);
        }

        @Test
        void operationsLeaveTheirOperandsUnchanged() {
            Matrix a = Matrix.of(A.toArray());
            Matrix b = Matrix.of(new double[][] {{1, 1, 1}, {2, 2, 2}});
            Matrix bCopy = Matrix.of(b.toArray());
            a.plus(b);
            a.minus(b);
            a.times(b);
            a.divide(b);
            a.scale(3);
            a.map(v -> -v);
            a.plusRowVector(new double[] {1, 1, 1});
            a.multiplyTranspose(b);
            a.transposeMultiply(b);
            a.transpose();
            assertEquals(A, a);
            assertEquals(bCopy, b);
        }

        @Test
        void equalityIsByShapeAndValues() {
            assertEquals(A, Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
            assertEquals(A.hashCode(), Matrix.of(A.toArray()).hashCode());
            assertNotEquals(A, Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        }
    }
}
