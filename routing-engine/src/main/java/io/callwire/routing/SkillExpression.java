package io.callwire.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task's skill requirement such as {@code english >= 5 && billing >= 3 || vip}: comparisons of an agent's
 * skill level (1..10, 0 when the agent lacks the skill) with {@code >= > <= < == !=}, a bare skill name
 * meaning "has it" (level >= 1), {@code &&} binding tighter than {@code ||}, and parentheses.
 *
 * <p>A skill name may be a placeholder for attached call data, {@code ${language} >= 5 && billing >= 3}: such a
 * template is {@link #bind bound} per task, so the IVR's language choice becomes the skill required. A
 * missing or unusable value binds to a skill nobody has ({@code unset-language}), so the task waits for
 * widening or its queue's limits.
 */
public final class SkillExpression {
    /** The requirement every agent meets. */
    public static final SkillExpression ANY = new SkillExpression("", skills -> true, List.of());

    private static final int BOUND_KEPT = 10_000;
    private static final Map<String, SkillExpression> BOUND = new java.util.concurrent.ConcurrentHashMap<>();

    private final String text;
    private final Node root;
    private final List<String> names;

    private SkillExpression(String text, Node root, List<String> names) {
        this.text = text;
        this.root = root;
        this.names = names;
    }

    /**
     * Parses a requirement; an empty text is {@link #ANY}.
     *
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static SkillExpression parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        Parser parser = new Parser(text);
        Node root = parser.or();
        parser.expectEnd();
        return new SkillExpression(text.trim(), root, List.copyOf(new LinkedHashSet<>(parser.names)));
    }

    /** Whether the expression has call-data placeholders and must be bound per task. */
    public boolean isTemplate() {
        return text.contains("${");
    }

    /** This expression with its placeholders replaced by the call data's values; itself when it has none. */
    public SkillExpression bind(Map<String, String> data) {
        if (!isTemplate()) {
            return this;
        }
        StringBuilder bound = new StringBuilder();
        int at = 0;
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", at)) {
            int close = text.indexOf('}', open);
            String key = text.substring(open + 2, close);
            String value = data.getOrDefault(key, "");
            bound.append(text, at, open).append(value.matches("[A-Za-z0-9_.-]{1,64}") ? value : "unset-" + key);
            at = close + 1;
        }
        bound.append(text, at, text.length());
        String key = bound.toString();
        SkillExpression known = BOUND.get(key);
        if (known != null) {
            return known;
        }
        SkillExpression parsed = parse(key);
        if (BOUND.size() < BOUND_KEPT) {
            BOUND.put(key, parsed);
        }
        return parsed;
    }

    /** The skills the expression mentions, in order of first mention. */
    public List<String> skills() {
        return names;
    }

    /**
     * How well an agent with these skill levels fits: the sum of its levels in the skills the expression
     * mentions (0 for {@link #ANY}). The best-proficiency strategy prefers higher values.
     */
    public int proficiency(Map<String, Integer> skills) {
        int sum = 0;
        for (int i = 0, n = names.size(); i < n; i++) {
            sum += Parser.level(skills, names.get(i));
        }
        return sum;
    }

    /** Whether an agent with these skill levels meets the requirement. */
    public boolean test(Map<String, Integer> skills) {
        return root.test(skills);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SkillExpression other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "any" : text;
    }

    @FunctionalInterface
    private interface Node {
        boolean test(Map<String, Integer> skills);
    }

    /** Recursive descent over the expression text. */
    private static final class Parser {
        private final String text;
        private final List<String> names = new ArrayList<>();
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node or() {
            List<Node> terms = new ArrayList<>();
            terms.add(and());
            while (take("||")) {
                terms.add(and());
            }
            if (terms.size() == 1) {
                return terms.get(0);
            }
            Node[] any = terms.toArray(new Node[0]);
            return skills -> {
                for (Node term : any) {
                    if (term.test(skills)) {
                        return true;
                    }
                }
                return false;
            };
        }

        Node and() {
            List<Node> factors = new ArrayList<>();
            factors.add(factor());
            while (take("&&")) {
                factors.add(factor());
            }
            if (factors.size() == 1) {
                return factors.get(0);
            }
            Node[] all = factors.toArray(new Node[0]);
            return skills -> {
                for (Node factor : all) {
                    if (!factor.test(skills)) {
                        return false;
                    }
                }
                return true;
            };
        }

        Node factor() {
            if (take("(")) {
                Node inner = or();
                if (!take(")")) {
                    throw error("')'");
                }
                return inner;
            }
            String skill = name();
            names.add(skill);
            for (String op : List.of(">=", "<=", "==", "!=", ">", "<")) {
                if (take(op)) {
                    int level = number();
                    return comparison(skill, op, level);
                }
            }
            return skills -> level(skills, skill) >= 1;
        }

        private static Node comparison(String skill, String op, int level) {
            return switch (op) {
                case ">=" -> skills -> level(skills, skill) >= level;
                case "<=" -> skills -> level(skills, skill) <= level;
                case "==" -> skills -> level(skills, skill) == level;
                case "!=" -> skills -> level(skills, skill) != level;
                case ">" -> skills -> level(skills, skill) > level;
                default -> skills -> level(skills, skill) < level;
            };
        }

        private static int level(Map<String, Integer> skills, String skill) {
            return Objects.requireNonNullElse(skills.get(skill), 0);
        }

        private String name() {
            skipSpace();
            int start = pos;
            if (text.startsWith("${", pos)) {
                int close = text.indexOf('}', pos);
                if (close < 0 || !text.substring(pos + 2, close).matches("[A-Za-z0-9_.-]+")) {
                    throw error("a call-data key and '}' after '${'");
                }
                pos = close + 1;
                return text.substring(start, pos);
            }
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw error("a skill name");
            }
            return text.substring(start, pos);
        }

        private int number() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos || pos - start > 2) {
                throw error("a level 0..10");
            }
            int level = Integer.parseInt(text.substring(start, pos));
            if (level > 10) {
                pos = start;
                throw error("a level 0..10");
            }
            return level;
        }

        private boolean take(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void expectEnd() {
            skipSpace();
            if (pos != text.length()) {
                throw error("'&&', '||' or the end");
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("skill expression '" + text + "': expected " + expected
                    + " at position " + (pos + 1));
        }
    }
}
