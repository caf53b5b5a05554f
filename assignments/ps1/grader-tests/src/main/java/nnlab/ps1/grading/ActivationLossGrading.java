package nnlab.ps1.grading;

import java.util.List;
import java.util.Random;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.Visibility;
import nnlab.grader.score.Tolerance;
import nnlab.ps1.grading.api.Activation;
import nnlab.ps1.grading.api.Loss;
import nnlab.ps1.grading.api.Ps1;

/** Part 2: activations and losses (20 points). */
class ActivationLossGrading {

    private static final List<String> ELEMENTWISE = List.of("LINEAR", "SIGMOID", "TANH", "RELU", "LEAKY_RELU", "ELU");
    private static final List<String> LOSSES = List.of("MSE", "BINARY_CROSSENTROPY", "CATEGORICAL_CROSSENTROPY");

    /** Random z with exact zeros (the kinks) and entries of ±1000 (overflow traps). */
    private static double[][] hardZ(Random r, int rows, int cols) {
        double[][] z = Gen.matrix(r, rows, cols, 4);
        z[0][0] = 0;
        if (rows * cols > 2) {
            z[rows - 1][cols - 1] = 1000;
            z[rows / 2][0] = -1000;
        }
        return z;
    }

    @GradedTest(number = "2.1.1", name = "Activations forward (all but softmax)", points = 5,
            visibility = Visibility.AFTER_DUE_DATE)
    void forward(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        for (String name : ELEMENTWISE) {
            double[][] z = hardZ(r, 2 + r.nextInt(3), 1 + r.nextInt(4));
            score.check(name, () -> score.close(name + ".forward (§2.1)", "z = " + Score.show(z),
                    o.activation(name).forward(z), s.activation(name).forward(z), Tolerance.DEFAULT));
        }
    }

    @GradedTest(number = "2.2.1", name = "Activation derivatives (backward), kinks included", points = 5,
            visibility = Visibility.HIDDEN)
    void backward(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        for (String name : ELEMENTWISE) {
            int rows = 2 + r.nextInt(3);
            int cols = 1 + r.nextInt(4);
            double[][] z = hardZ(r, rows, cols);
            double[][] g = Gen.matrix(r, rows, cols, 2);
            score.check(name, () -> score.close(name + ".backward (§2.2)", "",
                    o.activation(name).backward(z, g), s.activation(name).backward(z, g), Tolerance.DEFAULT));
        }
    }

    @GradedTest(number = "2.3.1", name = "Softmax forward and backward, stable for |z| = 1000", points = 4,
            visibility = Visibility.AFTER_DUE_DATE)
    void softmax(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Activation student = s.activation("SOFTMAX");
        Activation oracle = o.activation("SOFTMAX");
        double[][] plain = Gen.matrix(r, 3, 4, 3);
        double[][] large = {{1000, 999, -1000}, {-1000, -1001, -999}};
        double[][] oneRow = Gen.matrix(r, 1, 5, 2);
        score.check("forward", () -> score.close("SOFTMAX.forward (§2.3)", "z = " + Score.show(plain),
                oracle.forward(plain), student.forward(plain), Tolerance.DEFAULT));
        score.check("forward, |z| = 1000", () -> score.close("SOFTMAX.forward (§2.3, subtract the row maximum)",
                "z = " + Score.show(large), oracle.forward(large), student.forward(large), Tolerance.DEFAULT));
        double[][] g = Gen.matrix(r, 3, 4, 1);
        score.check("backward", () -> score.close("SOFTMAX.backward (§2.3)", "z = " + Score.show(plain) + ", gradOutput = "
                + Score.show(g), oracle.backward(plain, g), student.backward(plain, g), Tolerance.DEFAULT));
        double[][] g1 = Gen.matrix(r, 1, 5, 1);
        score.check("backward, one row", () -> score.close("SOFTMAX.backward (§2.3)", "z = " + Score.show(oneRow)
                + ", gradOutput = " + Score.show(g1), oracle.backward(oneRow, g1), student.backward(oneRow, g1),
                Tolerance.DEFAULT));
    }

    @GradedTest(number = "2.4.1", name = "Loss values, including the lecture's cross-entropy table", points = 3)
    void values(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        double[][] lectureY = {{0}, {0}, {1}, {1}};
        double[][] lectureP = {{0.1}, {0.9}, {0.1}, {0.9}};
        score.check("BINARY_CROSSENTROPY, lecture table", () -> score.close("BINARY_CROSSENTROPY.value (§2.4)",
                "yTrue = " + Score.show(lectureY) + ", yPred = " + Score.show(lectureP),
                o.loss("BINARY_CROSSENTROPY").value(lectureY, lectureP), s.loss("BINARY_CROSSENTROPY").value(lectureY, lectureP)));
        for (String name : LOSSES) {
            int rows = 1 + r.nextInt(4);
            int cols = 1 + r.nextInt(3);
            double[][] y = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.oneHot(r, rows, cols + 1) : Gen.binary(r, rows, cols);
            double[][] p = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.distributions(r, rows, cols + 1)
                    : Gen.probabilities(r, rows, cols);
            score.check(name, () -> score.close(name + ".value (§2.4)", "yTrue = " + Score.show(y) + ", yPred = "
                    + Score.show(p), o.loss(name).value(y, p), s.loss(name).value(y, p)));
        }
    }

    @GradedTest(number = "2.5.1", name = "Loss gradients, clipped predictions included", points = 3,
            visibility = Visibility.HIDDEN)
    void gradients(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        for (String name : LOSSES) {
            int rows = 1 + r.nextInt(4);
            int cols = 2 + r.nextInt(3);
            double[][] y = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.oneHot(r, rows, cols) : Gen.binary(r, rows, cols);
            double[][] p = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.distributions(r, rows, cols)
                    : Gen.probabilities(r, rows, cols);
            score.check(name, () -> score.close(name + ".gradient (§2.5)", "", o.loss(name).gradient(y, p),
                    s.loss(name).gradient(y, p), Tolerance.DEFAULT));
        }
        double[][] y = {{1, 0}, {0, 1}};
        double[][] clipped = {{1.0, 0.0}, {0.3, 0.7}};
        score.check("BINARY_CROSSENTROPY at p = 0 and 1", () -> score.close("BINARY_CROSSENTROPY.gradient (§2.5,"
                + " clipped predictions)", "", o.loss("BINARY_CROSSENTROPY").gradient(y, clipped),
                s.loss("BINARY_CROSSENTROPY").gradient(y, clipped), Tolerance.DEFAULT));
    }
}
