package io.jawait.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the report says about the machine: CPU, memory, OS, JDK, and how busy it was. */
final class Machine {
    private Machine() {
    }

    static String cpu() {
        String model = "unknown CPU";
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        List<String> l = lines("/proc/loadavg");
        if (l.isEmpty()) {
            return "unknown";
        }
        String[] parts = l.get(0).split(" ");
        return parts[0] + " / " + parts[1] + " / " + parts[2];
    }

    /** The 1-minute load average, "unknown" where /proc cannot tell. */
    static String loadAverage1() {
        List<String> l = lines("/proc/loadavg");
        return l.isEmpty() ? "unknown" : l.get(0).split(" ")[0];
    }

    /** JVM, Maven and Python processes running besides this suite, its children and the build that started it. */
    static List<String> otherJavaProcesses() {
        List<String> found = new ArrayList<>();
        long me = ProcessHandle.current().pid();
        List<Long> ancestors = new ArrayList<>();
        for (var h = ProcessHandle.current().parent(); h.isPresent(); h = h.get().parent()) {
            ancestors.add(h.get().pid());
        }
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() == me || ancestors.contains(p.pid()) || isOurs(p, me)) {
                return;
            }
            String cmd = p.info().command().orElse("");
            if (cmd.endsWith("/java") || cmd.endsWith("/mvn") || cmd.endsWith("python3")) {
                List<String> args = p.info().arguments().map(List::of).orElse(List.of());
                found.add(cmd.substring(cmd.lastIndexOf('/') + 1) + " " + mainOf(args));
            }
        });
        return found;
    }

    /** The main class, -jar file or script of a command line: the first argument that is no option or option value. */
    private static String mainOf(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-jar")
                    || a.equals("--add-exports") || a.equals("--add-opens") || a.equals("-m")) {
                if (a.equals("-jar") || a.equals("-m")) {
                    return i + 1 < args.size() ? args.get(i + 1) : a;
                }
                i++;
            } else if (!a.startsWith("-")) {
                return a.length() > 80 ? a.substring(0, 80) : a;
            }
        }
        return "";
    }

    private static boolean isOurs(ProcessHandle p, long me) {
        for (ProcessHandle h = p; ; ) {
            var parent = h.parent();
            if (parent.isEmpty()) {
                return false;
            }
            h = parent.get();
            if (h.pid() == me) {
                return true;
            }
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
