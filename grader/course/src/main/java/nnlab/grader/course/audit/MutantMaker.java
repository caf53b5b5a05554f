package nnlab.grader.course.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

/**
 * Proposes every change the chosen operators make inside an assignment's solution blocks of one file: a correct
 * sample's file (its blocks found in the reference it is rendered from), or a reference file with its markers. The
 * file is parsed with JavaParser (comments, hence the {@code //@} markers, kept); each change is an edit of the exact
 * source range of a parsed node or token, so the rest of the file stays byte for byte as it was. Whether a change
 * compiles is for the caller to find out.
 */
public final class MutantMaker {

    private static final Map<BinaryExpr.Operator, List<BinaryExpr.Operator>> ARITHMETIC = Map.of(
            BinaryExpr.Operator.PLUS, List.of(BinaryExpr.Operator.MINUS),
            BinaryExpr.Operator.MINUS, List.of(BinaryExpr.Operator.PLUS),
            BinaryExpr.Operator.MULTIPLY, List.of(BinaryExpr.Operator.DIVIDE),
            BinaryExpr.Operator.DIVIDE, List.of(BinaryExpr.Operator.MULTIPLY),
            BinaryExpr.Operator.REMAINDER, List.of(BinaryExpr.Operator.DIVIDE));
    private static final Map<BinaryExpr.Operator, List<BinaryExpr.Operator>> RELATIONAL = Map.of(
            BinaryExpr.Operator.LESS, List.of(BinaryExpr.Operator.LESS_EQUALS),
            BinaryExpr.Operator.LESS_EQUALS, List.of(BinaryExpr.Operator.LESS),
            BinaryExpr.Operator.GREATER, List.of(BinaryExpr.Operator.GREATER_EQUALS),
            BinaryExpr.Operator.GREATER_EQUALS, List.of(BinaryExpr.Operator.GREATER),
            BinaryExpr.Operator.EQUALS, List.of(BinaryExpr.Operator.NOT_EQUALS),
            BinaryExpr.Operator.NOT_EQUALS, List.of(BinaryExpr.Operator.EQUALS),
            BinaryExpr.Operator.AND, List.of(BinaryExpr.Operator.OR),
            BinaryExpr.Operator.OR, List.of(BinaryExpr.Operator.AND));
    private static final Map<UnaryExpr.Operator, String> INCREMENTS = Map.of(
            UnaryExpr.Operator.PREFIX_INCREMENT, "--", UnaryExpr.Operator.POSTFIX_INCREMENT, "--",
            UnaryExpr.Operator.PREFIX_DECREMENT, "++", UnaryExpr.Operator.POSTFIX_DECREMENT, "++");
    private static final Map<AssignExpr.Operator, AssignExpr.Operator> COMPOUND = Map.of(
            AssignExpr.Operator.PLUS, AssignExpr.Operator.MINUS, AssignExpr.Operator.MINUS, AssignExpr.Operator.PLUS,
            AssignExpr.Operator.MULTIPLY, AssignExpr.Operator.DIVIDE,
            AssignExpr.Operator.DIVIDE, AssignExpr.Operator.MULTIPLY);
    /** Matrix products by whether they transpose an operand: a transpose added or dropped is a change of name. */
    private static final Map<String, List<String>> PRODUCTS = Map.of(
            "multiply", List.of("transposeMultiply", "multiplyTranspose"),
            "transposeMultiply", List.of("multiply"),
            "multiplyTranspose", List.of("multiply"));
    private static final String TRANSPOSE = "transpose";
    /** A bound moved by one, either way. */
    private static final List<String> OFF_BY_ONE = List.of(" - 1", " + 1");

    private final String file;
    private final String source;
    private final int[] lineStarts;
    private final CompilationUnit unit;
    private final List<TaskRegion> regions;

    private MutantMaker(String file, String source, CompilationUnit unit, List<TaskRegion> regions) {
        this.file = file;
        this.source = source;
        this.unit = unit;
        this.regions = regions;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses {@code source}, a reference file with its markers, and changes it inside {@code assignment}'s own solution
     * blocks.
     *
     * @throws IllegalArgumentException when the file does not parse (naming the parser's problems)
     */
    public static MutantMaker parse(String reference, String source, String assignment) {
        CompilationUnit unit = unit(reference, source);
        return new MutantMaker(reference, source, unit, TaskRegion.of(unit, assignment));
    }

    /**
     * Parses {@code sample}, a file of the correct sample, and changes it inside {@code regions} (its solution blocks,
     * in its own lines: {@link TaskRegion#inRendered}).
     *
     * @throws IllegalArgumentException when the file does not parse (naming the parser's problems)
     */
    public static MutantMaker parse(String file, String sample, List<TaskRegion> regions) {
        return new MutantMaker(file, sample, unit(file, sample), List.copyOf(regions));
    }

    private static CompilationUnit unit(String name, String source) {
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new IllegalArgumentException(name + " does not parse: " + parsed.getProblems());
        }
        return parsed.getResult().get();
    }

    /** Returns the assignment's solution blocks in this file. */
    public List<TaskRegion> regions() {
        return regions;
    }

    /** Returns every change {@code operators} propose, in the order of the file, each operator's after the last's. */
    public List<Candidate> candidates(List<MutationOperator> operators) {
        List<Candidate> all = new ArrayList<>();
        for (MutationOperator op : operators) {
            switch (op) {
                case ARITHMETIC -> unit.findAll(BinaryExpr.class).forEach(e -> binary(op, e, ARITHMETIC, all));
                case RELATIONAL -> unit.findAll(BinaryExpr.class).forEach(e -> binary(op, e, RELATIONAL, all));
                case NEGATE -> conditions().forEach(c -> add(op, c, List.of(replace(c, "!(" + text(c) + ")")), all));
                case CONSTANT -> constants(all);
                case REMOVE -> unit.findAll(ExpressionStmt.class).stream()
                        .filter(s -> s.getExpression().isAssignExpr() || s.getExpression().isMethodCallExpr()
                                || s.getExpression().isUnaryExpr())
                        .forEach(s -> add(op, s, List.of(replace(s, ";")), all));
                case SWAP_ARGUMENTS -> swaps(all);
                case RETURN_VALUE -> returns(all);
                case INCREMENT -> increments(all);
                case TRANSPOSE -> transposes(all);
                case LOOP_BOUND -> unit.findAll(ForStmt.class).forEach(f -> f.getCompare()
                        .filter(Expression::isBinaryExpr).map(Expression::asBinaryExpr).ifPresent(c -> {
                            Expression bound = c.getRight();
                            String b = bound.isBinaryExpr() || bound.isConditionalExpr() ? "(" + text(bound) + ")"
                                    : text(bound);
                            OFF_BY_ONE.forEach(d -> add(op, c, List.of(replace(bound, b + d)), all));
                        }));
                default -> throw new IllegalStateException("no rule for " + op);
            }
        }
        return all;
    }

    private void binary(MutationOperator op, BinaryExpr e, Map<BinaryExpr.Operator, List<BinaryExpr.Operator>> table,
                        List<Candidate> all) {
        List<BinaryExpr.Operator> to = table.get(e.getOperator());
        if (to == null) {
            return;
        }
        Optional<JavaToken> token = tokenBetween(e.getLeft(), e.getRight(), e.getOperator().asString());
        token.ifPresent(t -> to.forEach(o -> add(op, e, List.of(replace(t, o.asString())), all)));
    }

    private List<Expression> conditions() {
        List<Expression> conditions = new ArrayList<>();
        unit.findAll(IfStmt.class).forEach(s -> conditions.add(s.getCondition()));
        unit.findAll(WhileStmt.class).forEach(s -> conditions.add(s.getCondition()));
        unit.findAll(DoStmt.class).forEach(s -> conditions.add(s.getCondition()));
        unit.findAll(ConditionalExpr.class).forEach(s -> conditions.add(s.getCondition()));
        unit.findAll(ForStmt.class).forEach(s -> s.getCompare().ifPresent(conditions::add));
        conditions.sort(java.util.Comparator.comparing(c -> c.getBegin().orElseThrow()));
        return conditions;
    }

    private void constants(List<Candidate> all) {
        for (IntegerLiteralExpr literal : unit.findAll(IntegerLiteralExpr.class)) {
            Number n = literal.asNumber();
            if (!(n instanceof Integer)) {
                continue;
            }
            int v = n.intValue();
            Set<Integer> values = new LinkedHashSet<>(List.of(0, 1, -1, v + 1, v - 1, v * 2, v / 2));
            values.remove(v);
            values.forEach(x -> add(MutationOperator.CONSTANT, literal,
                    List.of(replace(literal, x < 0 ? "(" + x + ")" : Integer.toString(x))), all));
        }
        for (DoubleLiteralExpr literal : unit.findAll(DoubleLiteralExpr.class)) {
            String written = literal.getValue();
            if (written.endsWith("f") || written.endsWith("F")) {
                continue;
            }
            double v = literal.asDouble();
            Set<Double> values = new LinkedHashSet<>(List.of(0.0, 1.0, -1.0, v + 1, v - 1, v * 2, v / 2));
            values.remove(v);
            values.forEach(x -> add(MutationOperator.CONSTANT, literal,
                    List.of(replace(literal, x < 0 ? "(" + x + ")" : Double.toString(x))), all));
        }
    }

    private void swaps(List<Candidate> all) {
        List<NodeList<Expression>> lists = new ArrayList<>();
        unit.findAll(MethodCallExpr.class).forEach(c -> lists.add(c.getArguments()));
        unit.findAll(ObjectCreationExpr.class).forEach(c -> lists.add(c.getArguments()));
        for (NodeList<Expression> args : lists) {
            for (int i = 0; i + 1 < args.size(); i++) {
                Expression a = args.get(i);
                Expression b = args.get(i + 1);
                if (!text(a).equals(text(b))) {
                    add(MutationOperator.SWAP_ARGUMENTS, a, List.of(replace(a, text(b)), replace(b, text(a))), all);
                }
            }
        }
    }

    private void returns(List<Candidate> all) {
        for (ReturnStmt r : unit.findAll(ReturnStmt.class)) {
            Optional<MethodDeclaration> method = r.findAncestor(MethodDeclaration.class);
            if (r.getExpression().isEmpty() || method.isEmpty() || r.findAncestor(LambdaExpr.class)
                    .filter(l -> l.isDescendantOf(method.get())).isPresent()) {
                continue;
            }
            Expression e = r.getExpression().get();
            Type type = method.get().getType();
            Set<String> values = new LinkedHashSet<>();
            if (type.isPrimitiveType()) {
                PrimitiveType.Primitive p = type.asPrimitiveType().getType();
                values.add(p == PrimitiveType.Primitive.BOOLEAN ? "!(" + text(e) + ")" : "0");
            } else if (type.isArrayType()) {
                ArrayType array = type.asArrayType();
                values.add("new " + array.getElementType().asString() + "[0]" + "[]".repeat(array.getArrayLevel() - 1));
            }
            for (Parameter p : method.get().getParameters()) {
                if (p.getType().asString().equals(type.asString()) && !p.isVarArgs()) {
                    values.add(p.getNameAsString());
                }
            }
            values.remove(text(e));
            values.forEach(v -> add(MutationOperator.RETURN_VALUE, e, List.of(replace(e, v)), all));
        }
    }

    private void increments(List<Candidate> all) {
        for (UnaryExpr u : unit.findAll(UnaryExpr.class)) {
            String to = INCREMENTS.get(u.getOperator());
            if (to != null) {
                tokenOf(u, u.getOperator().asString())
                        .ifPresent(t -> add(MutationOperator.INCREMENT, u, List.of(replace(t, to)), all));
            }
        }
        for (AssignExpr a : unit.findAll(AssignExpr.class)) {
            AssignExpr.Operator to = COMPOUND.get(a.getOperator());
            if (to != null) {
                tokenBetween(a.getTarget(), a.getValue(), a.getOperator().asString())
                        .ifPresent(t -> add(MutationOperator.INCREMENT, a, List.of(replace(t, to.asString())), all));
            }
        }
    }

    private void transposes(List<Candidate> all) {
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            if (name.equals(TRANSPOSE) && call.getArguments().isEmpty() && call.getScope().isPresent()) {
                add(MutationOperator.TRANSPOSE, call, List.of(replace(call, text(call.getScope().get()))), all);
            }
            for (String other : PRODUCTS.getOrDefault(name, List.of())) {
                add(MutationOperator.TRANSPOSE, call, List.of(replace(call.getName(), other)), all);
            }
        }
    }

    /** Adds the change when {@code where} lies inside one of the assignment's solution blocks. */
    private void add(MutationOperator op, Node where, List<Candidate.Edit> edits, List<Candidate> all) {
        Range range = where.getRange().orElse(null);
        if (range == null) {
            return;
        }
        regions.stream().filter(r -> r.encloses(range.begin.line, range.end.line)).findFirst()
                .ifPresent(r -> all.add(new Candidate(op, file, r, edits)));
    }

    /** The token {@code text} that stands between two operands (the operator of a binary or compound expression). */
    private static Optional<JavaToken> tokenBetween(Node left, Node right, String text) {
        Position after = left.getEnd().orElse(null);
        Position before = right.getBegin().orElse(null);
        if (after == null || before == null || left.getParentNode().isEmpty()) {
            return Optional.empty();
        }
        return tokens(left.getParentNode().get()).stream().filter(t -> t.getText().equals(text))
                .filter(t -> t.getRange().filter(r -> r.begin.isAfter(after) && r.end.isBefore(before)).isPresent())
                .findFirst();
    }

    /** The first token {@code text} of {@code node} outside its operand (a unary operator). */
    private static Optional<JavaToken> tokenOf(UnaryExpr node, String text) {
        Range operand = node.getExpression().getRange().orElse(null);
        return tokens(node).stream().filter(t -> t.getText().equals(text)).filter(t -> operand == null
                || t.getRange().filter(r -> r.end.isBefore(operand.begin) || r.begin.isAfter(operand.end)).isPresent())
                .findFirst();
    }

    private static List<JavaToken> tokens(Node node) {
        List<JavaToken> tokens = new ArrayList<>();
        node.getTokenRange().ifPresent(range -> range.forEach(tokens::add));
        return tokens;
    }

    private Candidate.Edit replace(Node node, String text) {
        Range r = node.getRange().orElseThrow();
        return new Candidate.Edit(offset(r.begin), offset(r.end) + 1, text);
    }

    private Candidate.Edit replace(JavaToken token, String text) {
        Range r = token.getRange().orElseThrow();
        return new Candidate.Edit(offset(r.begin), offset(r.end) + 1, text);
    }

    private String text(Node node) {
        Range r = node.getRange().orElseThrow();
        return source.substring(offset(r.begin), offset(r.end) + 1);
    }

    /** The offset in the source of a parser position (lines and columns from 1; a tab counts as one column). */
    private int offset(Position p) {
        return lineStarts[p.line - 1] + p.column - 1;
    }
}
