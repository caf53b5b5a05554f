package nnlab.grader.run;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import nnlab.grader.GradedTest;
import nnlab.grader.GradedTestExtension;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.StudentException;
import nnlab.grader.Visibility;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;

/**
 * Supplies a graded test's parameters ({@link Student} and {@link Oracle} facades, its {@link Score}), starts each
 * test with the submission's state cleared (remote objects, static fields, threads, files: see the runtime's
 * {@code reset}; the JVM is replaced when that is not enough) and keeps what student code printed during it.
 */
public final class GradingExtension implements GradedTestExtension.Implementation {

    /** Creates the extension; the contracts' {@link GradedTestExtension} finds it with the service loader. */
    public GradingExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == Score.class || type.isInterface() && (p.isAnnotated(Student.class) || p.isAnnotated(Oracle.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        GradingSession session = session(e);
        Class<?> type = p.getParameter().getType();
        if (type == Score.class) {
            return score(session, e);
        }
        return Facades.create(type, p.isAnnotated(Student.class) ? session.student() : session.oracle());
    }

    @Override
    public void beforeEach(ExtensionContext e) {
        GradingSession session = session(e);
        score(session, e);
        try {
            if (session.student().exchange(new Request.Reset(0)) instanceof Reply.Returned r && r.restart()) {
                session.student().recycle();
            }
        } catch (StudentException ignored) {
            // A broken JVM is replaced on the test's first real call, which is as clean as a reset.
        }
        // Printed after the earlier test's last call: it belongs to no test's output.
        session.student().drainOutput();
    }

    @Override
    public void afterEach(ExtensionContext e) {
        GradingSession session = session(e);
        session.recordOutput(e.getUniqueId(), session.student().drainOutput());
    }

    private static Score score(GradingSession session, ExtensionContext e) {
        GradedTest graded = e.getRequiredTestMethod().getAnnotation(GradedTest.class);
        boolean hidden = graded != null && graded.visibility() != Visibility.VISIBLE;
        return session.score(e.getUniqueId(), graded != null ? graded.number() : e.getUniqueId(), hidden);
    }

    private static GradingSession session(ExtensionContext e) {
        String id = e.getConfigurationParameter(GradingSession.PARAMETER)
                .orElseThrow(() -> new ParameterResolutionException("graded tests run only inside the grader"));
        return GradingSession.find(id);
    }
}
