package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Part 5's data: the truth tables, the two bundled data sets, the seeded split and standardisation. */
class ReferenceDatasetTests {

    /** Means and standard deviations over hundreds of standardised values in double: rounding stays ~1e-14. */
    private static final double STATISTICS_ROUNDING = 1e-9;

    /** Class counts of the bundled digits file (0–9), counted from the CSV's last column. */
    private static final int[] DIGIT_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

    /** Pixel columns that are 0 in every digits sample (pixel_0_0, pixel_4_0, pixel_4_7): their sd is 0. */
    private static final int[] CONSTANT_DIGIT_COLUMNS = {0, 32, 39};

    /** A data set whose only feature is the row's index, so every split can be traced back. */
    private static Dataset indexed(int n) {
        double[] ids = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new Dataset(Matrix.columnVector(ids), Matrix.columnVector(ids));
    }

    private static List<Integer> ids(Dataset d) {
        List<Integer> ids = new ArrayList<>();
        for (double v : d.x().column(0)) {
            ids.add((int) v);
        }
        return ids;
    }

    @Nested
    class TruthTables {

        private final Matrix inputs = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});

        @Test
        void orAndXor() {
            assertEquals(inputs, Dataset.or().x());
            assertArrayEquals(new double[] {0, 1, 1, 1}, Dataset.or().y().column(0));
            assertEquals(inputs, Dataset.and().x());
            assertArrayEquals(new double[] {0, 0, 0, 1}, Dataset.and().y().column(0));
            assertEquals(inputs, Dataset.xor().x());
            assertArrayEquals(new double[] {0, 1, 1, 0}, Dataset.xor().y().column(0));
            assertEquals("4×1", Dataset.xor().y().shape());
        }
    }

    @Nested
    class BundledDataSets {

        @Test
        void breastCancerHas569SamplesOf30FeaturesAnd357Benign() {
            Dataset d = Dataset.breastCancer();
            assertEquals("569×30", d.x().shape());
            assertEquals("569×1", d.y().shape());
            assertEquals(357.0, d.y().sum());
            for (double label : d.y().column(0)) {
                assertTrue(label == 0 || label == 1, "label " + label);
            }
            // The file's first sample: mean radius 17.99, malignant.
            assertEquals(17.99, d.x().get(0, 0));
            assertEquals(0.0, d.y().get(0, 0));
        }

        @Test
        void digitsHas1797SamplesOf64PixelsAndOneHotLabelsForTenClasses() {
            Dataset d = Dataset.digits();
            assertEquals("1797×64", d.x().shape());
            assertEquals("1797×10", d.y().shape());
            int[] counts = new int[10];
            for (double[] row : d.y().toArray()) {
                int ones = 0;
                for (int c = 0; c < 10; c++) {
                    assertTrue(row[c] == 0 || row[c] == 1);
                    if (row[c] == 1) {
                        ones++;
                        counts[c]++;
                    }
                }
                assertEquals(1, ones, "a one-hot row has exactly one 1");
            }
            assertArrayEquals(DIGIT_COUNTS, counts);
        }

        @Test
        void digitsPixelsAreCountsFromZeroToSixteen() {
            for (double[] row : Dataset.digits().x().toArray()) {
                for (double v : row) {
                    assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "pixel " + v);
                }
            }
        }

        @Test
        void aDataSetNeedsOneTargetRowPerSample() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dataset(Matrix.zeros(3, 2), Matrix.zeros(2, 1)));
            assertThat(e.getMessage(), containsString("one target row per sample"));
        }
    }

    @Nested
    class SeededSplit {

        @Test
        void testSizeIsTheRoundedFraction() {
            // 569·0.2 = 113.8 → 114 test, 455 train; 1797·0.2 = 359.4 → 359 test, 1438 train.
            Dataset.Split cancer = Dataset.breastCancer().split(0.2, 42);
            assertEquals(114, cancer.test().size());
            assertEquals(455, cancer.train().size());
            Dataset.Split digits = Dataset.digits().split(0.2, 42);
            assertEquals(359, digits.test().size());
            assertEquals(1438, digits.train().size());
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {0, 1, 42, -7})
        void partsAreDisjointAndCoverEverySample(long seed) {
            Dataset.Split split = indexed(50).split(0.3, seed);
            Set<Integer> all = new HashSet<>(ids(split.train()));
            all.addAll(ids(split.test()));
            assertEquals(50, all.size());
            assertEquals(35 + 15, split.train().size() + split.test().size());
            assertEquals(15, split.test().size());
        }

        @Test
        void testSetIsTheHeadOfTheSpecifiedShuffle() {
            // Collections.shuffle(0 … n−1, new Random(seed)): the first round(n·f) go to test, the rest to train,
            // both in shuffled order.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(42));
            Dataset.Split split = indexed(50).split(0.3, 42);
            assertEquals(order.subList(0, 15), ids(split.test()));
            assertEquals(order.subList(15, 50), ids(split.train()));
            assertArrayEquals(split.test().x().column(0), split.test().y().column(0), "targets travel with their rows");
        }

        @Test
        void isDeterministicPerSeedAndDiffersAcrossSeeds() {
            Dataset d = Dataset.breastCancer();
            assertEquals(d.split(0.2, 42), d.split(0.2, 42));
            assertNotEquals(d.split(0.2, 42).test().x(), d.split(0.2, 43).test().x());
        }

        @Test
        void keepsEachSampleWithItsOwnLabel() {
            // The multiset of (x, y) rows is unchanged: sort both and compare.
            Dataset d = Dataset.breastCancer();
            Dataset.Split split = d.split(0.2, 42);
            List<double[]> before = labelledRows(d);
            List<double[]> after = labelledRows(split.train());
            after.addAll(labelledRows(split.test()));
            Comparator<double[]> lexicographic = Arrays::compare;
            before.sort(lexicographic);
            after.sort(lexicographic);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
        }

        private List<double[]> labelledRows(Dataset d) {
            List<double[]> rows = new ArrayList<>();
            for (int r = 0; r < d.size(); r++) {
                double[] x = d.x().row(r);
                double[] row = Arrays.copyOf(x, x.length + 1);
                row[x.length] = d.y().get(r, 0);
                rows.add(row);
            }
            return rows;
        }

        @ParameterizedTest(name = "fraction {0}")
        @ValueSource(doubles = {0, 1, 0.001, 0.999, -0.2, Double.NaN})
        void rejectsFractionsThatLeaveAPartEmpty(double fraction) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> indexed(50).split(fraction, 1));
            assertThat(e.getMessage(), containsString("strictly between 0 and 1"));
        }
    }

    @Nested
    class Standardisation {

        @Test
        void trainColumnsHaveMeanZeroAndPopulationSdOne() {
            Dataset.Split split = Dataset.breastCancer().split(0.2, 42).standardized();
            Mean mean = new Mean();
            StandardDeviation populationSd = new StandardDeviation(false);
            for (int c = 0; c < 30; c++) {
                double[] column = split.train().x().column(c);
                assertThat("mean of column " + c, mean.evaluate(column), closeTo(0, STATISTICS_ROUNDING));
                assertThat("sd of column " + c, populationSd.evaluate(column), closeTo(1, STATISTICS_ROUNDING));
            }
        }

        @Test
        void testColumnsUseTheTrainingStatistics() {
            Dataset.Split raw = Dataset.breastCancer().split(0.2, 42);
            Dataset.Split standardized = raw.standardized();
            Mean mean = new Mean();
            StandardDeviation populationSd = new StandardDeviation(false);
            for (int c = 0; c < 30; c++) {
                double[] trainColumn = raw.train().x().column(c);
                double m = mean.evaluate(trainColumn);
                double sd = populationSd.evaluate(trainColumn);
                for (int r = 0; r < raw.test().size(); r += 17) {
                    assertThat("test row " + r + ", column " + c, standardized.test().x().get(r, c),
                            closeTo((raw.test().x().get(r, c) - m) / sd, STATISTICS_ROUNDING));
                }
            }
            assertEquals(raw.test().y(), standardized.test().y());
            assertEquals(raw.train().y(), standardized.train().y());
        }

        @Test
        void constantColumnsAreOnlyCentred() {
            Dataset.Split split = Dataset.digits().split(0.2, 42).standardized();
            for (int c : CONSTANT_DIGIT_COLUMNS) {
                for (double v : split.train().x().column(c)) {
                    assertEquals(0.0, v, "column " + c);
                }
                for (double v : split.test().x().column(c)) {
                    assertEquals(0.0, v, "column " + c);
                }
            }
            for (double[] row : split.test().x().toArray()) {
                for (double v : row) {
                    assertFalse(Double.isNaN(v) || Double.isInfinite(v));
                }
            }
        }

        @Test
        void aConstantTrainColumnShiftsTheTestColumnByTheTrainMean() {
            // Train column all 2 (mean 2, sd 0 → divisor 1): a test value of 5 becomes 5 − 2 = 3.
            Dataset train = new Dataset(Matrix.of(new double[][] {{2, 1}, {2, 3}}), Matrix.columnVector(new double[] {0, 1}));
            Dataset test = new Dataset(Matrix.of(new double[][] {{5, 2}}), Matrix.columnVector(new double[] {1}));
            Dataset.Split split = new Dataset.Split(train, test).standardized();
            // Second column: mean 2, population sd 1, so 1 → −1, 3 → 1 and 2 → 0.
            assertEquals(Matrix.of(new double[][] {{0, -1}, {0, 1}}), split.train().x());
            assertEquals(Matrix.of(new double[][] {{3, 0}}), split.test().x());
        }
    }
}
