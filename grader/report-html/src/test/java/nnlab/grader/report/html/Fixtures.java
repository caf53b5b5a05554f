package nnlab.grader.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.report.ResultsDocument;

/** Hand-written results documents for the pages' unit tests. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a hostile student prints: markup that would run if it reached the page unescaped. */
    static final String SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    /** A value only a hidden test's data holds. */
    static final String HIDDEN_VALUE = "0.918273645";

    private Fixtures() {
    }

    /** Returns {@link #results()} as the typed model every page reads. */
    static ResultsDocument document() {
        return document(results());
    }

    /** Returns a (possibly edited) results tree as the typed model. */
    static ResultsDocument document(JsonNode results) {
        return ResultsDocument.of(results);
    }

    /** A submission with a compile error, a failed visible test with a hint, and a hidden test with a table. */
    static JsonNode results() {
        try {
            return JSON.readTree("""
                    {"score": 3.5, "output": "Score: 3.5 / 10\\nSubmitted 2027-02-20 10:00:00 EST: 1 late day used.\\n",
                     "extra_data": {"seed": 42, "assignment": "ps1", "grader_version": "0.1.0", "jdk": "17",
                       "due": "2027-02-19T23:59:00-05:00",
                       "isolation": {"level": "bubblewrap", "layers": ["timeout", "java"], "warnings": []},
                       "compilation": {"errors": ["nnlab/Dense.java:12: error: ';' expected"],
                         "replaced_with_starter": ["nnlab/Dense.java"], "dropped": [], "compiled": true}},
                     "tests": [
                      {"name": "1.2.1 Prediction", "number": "1.2.1", "score": 1.5, "max_score": 3,
                       "status": "failed", "visibility": "visible",
                       "output": "1 of 2 cases passed.\\n- stdout: %s\\nLikely mistake: p > 0.5 instead of p ≥ 0.5.",
                       "extra_data": {"mistakes": [{"id": "STRICT_THRESHOLD", "message": "p > 0.5 instead of p ≥ 0.5."}]}},
                      {"name": "3.2.2 Dense backward", "number": "3.2.2", "score": 2, "max_score": 5,
                       "status": "failed", "visibility": "hidden", "output": "input %s",
                       "extra_data": {"gradient_check_1": {"label": "dense", "checked": 8, "failed": 1,
                         "kinksResampled": 0, "worst": [{"block": "W", "entry": "[0][1]", "analytic": %s,
                         "numerical": 0.5, "relativeError": 0.45, "passed": false}]}}},
                      {"name": "5.1.1 Breast cancer", "number": "5.1.1", "score": 0, "max_score": 2,
                       "status": "failed", "visibility": "visible", "output": "below the accuracy",
                       "extra_data": {"loss_history": [0.7, 0.5, "NaN"], "reference_loss_history": [0.7, 0.4, 0.3],
                         "test_accuracy": 0.6, "reference_accuracy": 0.95}}
                     ]}
                    """.formatted(JSON.writeValueAsString(SCRIPT).replaceAll("^\"|\"$", ""), HIDDEN_VALUE,
                    HIDDEN_VALUE));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
