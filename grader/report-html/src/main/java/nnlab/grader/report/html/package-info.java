/**
 * What people read instead of {@code results.json}: a self-contained HTML report per submission ({@link HtmlReport}),
 * a TA page for a batch ({@link BatchPage}) and a terminal summary ({@link TerminalSummary}). Everything taken from a
 * results file is treated as hostile text and escaped.
 */
package nnlab.grader.report.html;
