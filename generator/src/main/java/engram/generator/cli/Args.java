package engram.generator.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed {@code --name value} options and {@code --flag}s of one command. */
final class Args {
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags;

    Args(List<String> args, Set<String> flagNames, Set<String> valueNames) {
        this.flags = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                flags.add(name);
            } else if (valueNames.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String required(String name) {
        String v = get(name);
        if (v == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return v;
    }

    int integer(String name, int fallback) {
        String v = get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, not '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = get(name);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, not '" + v + "'");
        }
    }

    double number(String name, double fallback) {
        String v = get(name);
        try {
            return v == null ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number, not '" + v + "'");
        }
    }

    /** Command-line usage error (exit code 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
