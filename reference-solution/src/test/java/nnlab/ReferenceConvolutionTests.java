package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Problem set 2 §3: Conv2D, MaxPooling2D and Flatten against naive loops, worked numbers and centred differences. */
class ReferenceConvolutionTests {

    /** The naive loops add the same products in another order; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    /**
     * Geometries (batch, height, width, channels, kh, kw, filters, stride, same): odd and even sizes, strides that do
     * and do not divide them, non-square kernels, and "same" padding with odd and even totals.
     */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(1, 4, 4, 1, 3, 3, 1, 1, false), Arguments.of(2, 5, 4, 2, 3, 3, 3, 1, true),
                Arguments.of(2, 4, 6, 3, 2, 2, 2, 1, true), Arguments.of(1, 7, 6, 2, 3, 2, 2, 2, true),
                Arguments.of(2, 8, 8, 1, 3, 3, 2, 2, true), Arguments.of(1, 9, 7, 2, 4, 3, 2, 3, false),
                Arguments.of(2, 6, 5, 1, 1, 1, 2, 2, false), Arguments.of(1, 5, 5, 2, 5, 5, 1, 3, true));
    }

    /** z = bias + Σ xpad·K written as plain loops over an explicitly padded copy of x (Keras's rule, spelled out). */
    static double[][][][] naiveConvolution(double[][][][] x, double[][][][] k, double[] bias, int s, boolean same) {
        int batch = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int c = x[0][0][0].length;
        int kh = k.length;
        int kw = k[0].length;
        int filters = bias.length;
        int oh = same ? (int) Math.ceil((double) h / s) : (h - kh) / s + 1;
        int ow = same ? (int) Math.ceil((double) w / s) : (w - kw) / s + 1;
        int padH = same ? Math.max((oh - 1) * s + kh - h, 0) : 0;
        int padW = same ? Math.max((ow - 1) * s + kw - w, 0) : 0;
        double[][][][] padded = new double[batch][h + padH][w + padW][c];
        for (int b = 0; b < batch; b++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    padded[b][y + padH / 2][xx + padW / 2] = x[b][y][xx].clone();
                }
            }
        }
        double[][][][] out = new double[batch][oh][ow][filters];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int f = 0; f < filters; f++) {
                        double sum = bias[f];
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                for (int ch = 0; ch < c; ch++) {
                                    sum += padded[b][i * s + di][j * s + dj][ch] * k[di][dj][ch][f];
                                }
                            }
                        }
                        out[b][i][j][f] = sum;
                    }
                }
            }
        }
        return out;
    }

    private static Conv2D convolution(Random random, int c, int kh, int kw, int filters, int stride, boolean same,
                                      Activation activation) {
        Tensor kernel = LayerChecks.gaussian(random, kh, kw, c, filters);
        double[] bias = LayerChecks.gaussian(random, 1, filters).values();
        return new Conv2D(kernel, bias, stride, same ? Padding.SAME : Padding.VALID, activation);
    }

    @Nested
    class Conv2DForward {

        @Test
        void samePaddingPutsTheExtraRowAndColumnAtTheBottomRight() {
            // 3×3 image 1…9, 2×2 kernel of ones, stride 1, "same": total padding 1 per axis, all of it after.
            Tensor x = Tensor.of(new int[] {1, 3, 3, 1}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            Tensor kernel = Tensor.of(new int[] {2, 2, 1, 1}, new double[] {1, 1, 1, 1});
            Conv2D conv = new Conv2D(kernel, new double[] {0}, 1, Padding.SAME, Activation.LINEAR);
            Tensor out = conv.forward(x, false, null);
            assertArrayEquals(new int[] {1, 3, 3, 1}, out.shape());
            assertArrayEquals(new double[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, out.values(), ROUNDING);
        }

        @Test
        void validPaddingWithStrideTwoSkipsTheLastColumnThatDoesNotFit() {
            // 1×4×5×1, 2×2 kernel (1, 2; 3, 4), stride 2, "valid": out 2×2; the image's last column is never read.
            double[] image = new double[20];
            for (int i = 0; i < image.length; i++) {
                image[i] = i;
            }
            Tensor x = Tensor.of(new int[] {1, 4, 5, 1}, image);
            Tensor kernel = Tensor.of(new int[] {2, 2, 1, 1}, new double[] {1, 2, 3, 4});
            Conv2D conv = new Conv2D(kernel, new double[] {0.5}, 2, Padding.VALID, Activation.LINEAR);
            // Window at (0, 0): 0·1 + 1·2 + 5·3 + 6·4 = 41; each step of 2 columns adds 2·(1+2+3+4) = 20, of 2 rows 100.
            assertArrayEquals(new double[] {41.5, 61.5, 141.5, 161.5}, conv.forward(x, false, null).values(), ROUNDING);
        }

        @ParameterizedTest(name = "b={0} {1}×{2}×{3} kernel {4}×{5}→{6} stride {7} same={8}")
        @MethodSource("nnlab.ReferenceConvolutionTests#geometries")
        void agreesWithNaiveLoops(int batch, int h, int w, int c, int kh, int kw, int filters, int stride, boolean same) {
            Random random = new Random(batch * 1000L + h * 100L + w * 10L + kh);
            Conv2D conv = convolution(random, c, kh, kw, filters, stride, same, Activation.LINEAR);
            Tensor x = LayerChecks.gaussian(random, batch, h, w, c);
            double[][][][] expected = naiveConvolution(x.toArray4(), conv.kernel().toArray4(), conv.bias(), stride, same);
            Tensor actual = conv.forward(x, false, null);
            assertArrayEquals(Tensor.of(expected).shape(), actual.shape());
            assertArrayEquals(Tensor.of(expected).values(), actual.values(), ROUNDING);
        }

        @Test
        void softmaxRunsOverTheChannelsOfEachPixel() {
            Random random = new Random(3);
            Conv2D conv = convolution(random, 2, 3, 3, 4, 1, true, Activation.SOFTMAX);
            Tensor out = conv.forward(LayerChecks.gaussian(random, 2, 4, 4, 2), false, null);
            double[] values = out.values();
            for (int pixel = 0; pixel < values.length / 4; pixel++) {
                double sum = 0;
                for (int f = 0; f < 4; f++) {
                    sum += values[pixel * 4 + f];
                }
                assertEquals(1, sum, ROUNDING, "pixel " + pixel);
            }
        }

        @Test
        void seededGlorotInitialisationDrawsTheKernelInLayoutOrder() {
            Conv2D conv = new Conv2D(3, 4, 3, 1, Padding.SAME, Activation.RELU, 17);
            Random random = new Random(17);
            double limit = Math.sqrt(6.0 / (3 * 3 * 3 + 3 * 3 * 4));
            double[] kernel = conv.kernel().values();
            for (int i = 0; i < kernel.length; i++) {
                assertEquals((2 * random.nextDouble() - 1) * limit, kernel[i], 0.0, "kernel entry " + i);
            }
            assertArrayEquals(new double[4], conv.bias(), 0.0);
            assertEquals(3 * 3 * 3 * 4 + 4, conv.parameterCount());
        }

        @Test
        void wrongInputsAreRefusedWithAHint() {
            Conv2D conv = new Conv2D(2, 1, 3, 1, Padding.VALID, Activation.LINEAR, 1);
            IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                    () -> conv.forward(Tensor.zeros(1, 4, 4, 3), false, null));
            assertEquals(true, channels.getMessage().contains("channels"), channels.getMessage());
            assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 2, 2), false, null));
            assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(4, 8), false, null));
            assertThrows(IllegalStateException.class, () -> new Conv2D(1, 1, 1, 1, Padding.SAME, Activation.LINEAR, 1)
                    .backward(Tensor.zeros(1, 1, 1, 1)));
        }
    }

    @Nested
    class Conv2DBackwardAgreesWithCentredDifferences {

        @ParameterizedTest(name = "b={0} {1}×{2}×{3} kernel {4}×{5}→{6} stride {7} same={8}")
        @MethodSource("nnlab.ReferenceConvolutionTests#geometries")
        void throughPaddingAndStrides(int batch, int h, int w, int c, int kh, int kw, int filters, int stride,
                                      boolean same) {
            Random random = new Random(batch * 7L + h * 11L + w * 13L + stride);
            Conv2D conv = convolution(random, c, kh, kw, filters, stride, same, Activation.TANH);
            Tensor x = LayerChecks.gaussian(random, batch, h, w, c);
            Tensor r = LayerChecks.gaussian(random, conv.forward(x, false, null).shape());
            LayerChecks.assertBackwardAgrees("Conv2D", conv, x, r, false, 0);
        }

        @Test
        void withSoftmaxOverChannels() {
            Random random = new Random(8);
            Conv2D conv = convolution(random, 2, 2, 3, 3, 2, true, Activation.SOFTMAX);
            Tensor x = LayerChecks.gaussian(random, 2, 5, 4, 2);
            Tensor r = LayerChecks.gaussian(random, conv.forward(x, false, null).shape());
            LayerChecks.assertBackwardAgrees("Conv2D softmax", conv, x, r, false, 0);
        }

        @Test
        void gradientAccessorsMatchTheFlatLayout() {
            Random random = new Random(4);
            Conv2D conv = convolution(random, 2, 3, 3, 2, 1, true, Activation.SIGMOID);
            Tensor x = LayerChecks.gaussian(random, 1, 4, 4, 2);
            conv.forward(x, false, null);
            conv.backward(LayerChecks.gaussian(random, 1, 4, 4, 2));
            double[] flat = conv.parameterGradient();
            double[] kernel = conv.kernelGradient().values();
            for (int i = 0; i < kernel.length; i++) {
                assertEquals(kernel[i], flat[i], 0.0);
            }
            assertArrayEquals(conv.biasGradient(), java.util.Arrays.copyOfRange(flat, kernel.length, flat.length), 0.0);
        }
    }

    @Nested
    class MaxPooling {

        @Test
        void takesTheMaximumOfEachWindowPerChannel() {
            // 1×4×4×2: channel 0 holds 0…15, channel 1 holds −(0…15); 2×2 windows, stride 2.
            double[] values = new double[32];
            for (int i = 0; i < 16; i++) {
                values[2 * i] = i;
                values[2 * i + 1] = -i;
            }
            Tensor out = new MaxPooling2D(2).forward(Tensor.of(new int[] {1, 4, 4, 2}, values), false, null);
            assertArrayEquals(new int[] {1, 2, 2, 2}, out.shape());
            assertArrayEquals(new double[] {5, 0, 7, -2, 13, -8, 15, -10}, out.values(), 0.0);
        }

        @Test
        void aTieSendsTheWholeGradientToTheFirstMaximumInRowMajorOrder() {
            // One 2×2 window of equal values: the gradient goes to its top-left element only.
            MaxPooling2D pool = new MaxPooling2D(2);
            pool.forward(Tensor.of(new int[] {1, 2, 2, 1}, new double[] {3, 3, 3, 3}), false, null);
            Tensor dx = pool.backward(Tensor.of(new int[] {1, 1, 1, 1}, new double[] {5}));
            assertArrayEquals(new double[] {5, 0, 0, 0}, dx.values(), 0.0);
        }

        @Test
        void aTieLaterInTheWindowStillPicksTheFirstOfTheTiedMaxima() {
            MaxPooling2D pool = new MaxPooling2D(2);
            pool.forward(Tensor.of(new int[] {1, 2, 2, 1}, new double[] {0, 7, 2, 7}), false, null);
            assertArrayEquals(new double[] {0, 1, 0, 0},
                    pool.backward(Tensor.of(new int[] {1, 1, 1, 1}, new double[] {1})).values(), 0.0);
        }

        @Test
        void overlappingWindowsAddTheirGradients() {
            // 1×1×3×1 row (1, 9, 2), pool 2 stride 1 on a 2-row image: both windows pick the 9.
            MaxPooling2D pool = new MaxPooling2D(2, 1);
            pool.forward(Tensor.of(new int[] {1, 2, 3, 1}, new double[] {1, 9, 2, 0, 0, 0}), false, null);
            Tensor dx = pool.backward(Tensor.of(new int[] {1, 1, 2, 1}, new double[] {0.5, 0.25}));
            assertArrayEquals(new double[] {0, 0.75, 0, 0, 0, 0}, dx.values(), 0.0);
        }

        @ParameterizedTest(name = "{0}×{1} pool {2} stride {3}")
        @MethodSource("nnlab.ReferenceConvolutionTests#pools")
        void backwardAgreesWithCentredDifferencesAwayFromTies(int h, int w, int pool, int stride) {
            Random random = new Random(h * 31L + w + pool * 7L + stride);
            MaxPooling2D layer = new MaxPooling2D(pool, stride);
            // Distinct values at least 1e-2 apart, far beyond the difference step, so no window is near a tie.
            int size = 2 * h * w * 3;
            java.util.List<Double> distinct = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                distinct.add(i * 1e-2);
            }
            java.util.Collections.shuffle(distinct, random);
            Tensor x = Tensor.of(new int[] {2, h, w, 3}, distinct.stream().mapToDouble(Double::doubleValue).toArray());
            Tensor r = LayerChecks.gaussian(random, layer.forward(x, false, null).shape());
            LayerChecks.assertBackwardAgrees("MaxPooling2D", layer, x, r, false, 0);
        }
    }

    static Stream<Arguments> pools() {
        return Stream.of(Arguments.of(4, 4, 2, 2), Arguments.of(5, 5, 2, 2), Arguments.of(5, 4, 3, 1),
                Arguments.of(7, 6, 3, 2), Arguments.of(3, 3, 3, 3));
    }

    @Nested
    class FlattenLayer {

        @Test
        void keepsRowMajorChannelsLastOrderAndRestoresTheShape() {
            Tensor x = LayerChecks.gaussian(new Random(2), 2, 3, 2, 4);
            Flatten flatten = new Flatten();
            Tensor rows = flatten.forward(x, false, null);
            assertArrayEquals(new int[] {2, 24}, rows.shape());
            assertEquals(x.get(1, 2, 1, 3), rows.get(1, 2 * 8 + 1 * 4 + 3), 0.0);
            assertEquals(x, flatten.backward(rows));
            assertEquals(0, flatten.parameterCount());
        }
    }

    /** The layers that keep Layer's defaults for parameters: none. */
    static Stream<Layer> layersWithoutParameters() {
        return Stream.of(new Flatten(), new MaxPooling2D(2), new Dropout(0.5));
    }

    @Nested
    class LayersWithoutParameters {

        @ParameterizedTest
        @MethodSource("nnlab.ReferenceConvolutionTests#layersWithoutParameters")
        void haveNoneAndTakeOnlyTheEmptyVector(Layer layer) {
            assertEquals(0, layer.parameterCount());
            assertArrayEquals(new double[0], layer.parameters());
            assertArrayEquals(new double[0], layer.parameterGradient());
            layer.setParameters(new double[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> layer.setParameters(new double[3]));
            assertEquals(layer.getClass().getSimpleName() + " has no parameters but got 3; pass an empty array.",
                    e.getMessage());
            assertThrows(NullPointerException.class, () -> layer.setParameters(null));
        }
    }

    @Nested
    class InASequentialModel {

        private Sequential cnn() {
            Sequential net = new Sequential(
                    new Conv2D(1, 3, 3, 1, Padding.SAME, Activation.TANH, 1),
                    new MaxPooling2D(2),
                    new Conv2D(3, 2, 2, 2, Padding.VALID, Activation.SIGMOID, 2),
                    new Flatten(),
                    new Dense(2 * 2 * 2, 3, Activation.SOFTMAX, 3));
            net.compile(new Sgd(0.1), Loss.CATEGORICAL_CROSSENTROPY);
            return net;
        }

        @Test
        void theFlatLayoutIsLayerByLayerKernelThenBias() {
            Sequential net = cnn();
            Conv2D first = (Conv2D) net.stack().get(0);
            double[] flat = net.parameters();
            assertEquals(9 * 3 + 3 + 12 * 2 + 2 + 8 * 3 + 3, flat.length);
            assertEquals(net.parameterCount(), flat.length);
            assertArrayEquals(first.kernel().values(), java.util.Arrays.copyOfRange(flat, 0, 27), 0.0);
            assertEquals(List.of(net.stack().get(4)), net.layers());
            double[] changed = flat.clone();
            changed[27] = 42;
            net.setParameters(changed);
            assertEquals(42, first.bias()[0], 0.0);
        }

        @Test
        void gradientAgreesWithCentredDifferencesOfTheLoss() {
            Sequential net = cnn();
            Random random = new Random(5);
            Tensor x = LayerChecks.gaussian(random, 2, 8, 8, 1);
            Matrix y = Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
            double[] analytic = net.gradient(x, y, false, null);
            double[] original = net.parameters();
            double[] numerical = FiniteDifferences.gradient(p -> {
                net.setParameters(p);
                return net.loss(x, y);
            }, original);
            net.setParameters(original);
            FiniteDifferences.assertAgree("CNN gradient", analytic, numerical);
        }

        @Test
        void aDenseAfterImagesAsksForAFlattenAndNamesTheLayer() {
            Sequential net = new Sequential(new Conv2D(1, 2, 3, 1, Padding.SAME, Activation.RELU, 1),
                    new Dense(4 * 4 * 2, 1, Activation.SIGMOID, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.predict(Tensor.zeros(1, 4, 4, 1)));
            assertEquals(true, e.getMessage().contains("Layer 1 (Dense)") && e.getMessage().contains("Flatten"),
                    e.getMessage());
        }
    }
}
