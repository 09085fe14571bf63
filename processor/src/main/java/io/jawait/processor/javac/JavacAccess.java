package io.jawait.processor.javac;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the processor may use javac's internal packages, and says how to allow it when not.
 *
 * <p>jdk.compiler exports nothing under {@code com.sun.tools.javac}; a build grants access with
 * {@code --add-exports}. Without it the first touch of an internal class fails with an
 * IllegalAccessError deep in the processor, so we check up front and explain instead.
 */
public final class JavacAccess {
    /** Every internal package the processor uses. */
    public static final List<String> PACKAGES = List.of(
            "com.sun.tools.javac.api",
            "com.sun.tools.javac.code",
            "com.sun.tools.javac.comp",
            "com.sun.tools.javac.main",
            "com.sun.tools.javac.parser",
            "com.sun.tools.javac.processing",
            "com.sun.tools.javac.tree",
            "com.sun.tools.javac.util");

    private JavacAccess() {
    }

    /** Returns the packages this processor cannot reach, empty when all is well. */
    public static List<String> missingExports() {
        Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElse(null);
        if (compiler == null) {
            return PACKAGES;
        }
        Module self = JavacAccess.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String p : PACKAGES) {
            if (!compiler.isExported(p, self)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /**
     * The one error shown when access is missing: the exact lines to paste, for each way a build
     * can run javac (Maven, Gradle, IntelliJ's own build, the command line).
     */
    public static String howToGrant(List<String> missing) {
        List<String> flags = missing.stream().map(p -> "--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED").toList();
        StringBuilder text = new StringBuilder()
                .append("jawait: the @Async processor needs access to javac internals, which this build does not grant.\n")
                .append("Maven: add these lines to .mvn/jvm.config at the root of your project (one per line):\n");
        flags.forEach(f -> text.append("  ").append(f).append('\n'));
        text.append("  or fork javac: in maven-compiler-plugin's <configuration> set <fork>true</fork> and add\n")
                .append("  <compilerArgs>\n");
        flags.forEach(f -> text.append("    <arg>-J").append(f).append("</arg>\n"));
        text.append("  </compilerArgs>\n")
                .append("Gradle: add this line to gradle.properties (keep on it any JVM options already set there):\n")
                .append("  org.gradle.jvmargs=").append(String.join(" ", flags)).append('\n')
                .append("  or, if javac is forked (options.fork = true, or a toolchain other than the JDK running Gradle),"
                        + " in build.gradle.kts:\n")
                .append("  tasks.withType<JavaCompile>().configureEach { options.forkOptions.jvmArgs = listOf(")
                .append(String.join(", ", flags.stream().map(f -> '"' + f + '"').toList())).append(") }\n")
                .append("IntelliJ IDEA, when it builds the project itself rather than delegating to Maven or Gradle: add\n")
                .append("  ").append(String.join(" ", flags)).append('\n')
                .append("  to Settings > Build, Execution, Deployment > Compiler > Shared build process VM options.\n")
                .append("javac on the command line: pass each flag as -J--add-exports=...\n")
                .append("Details: docs/setup.md in jawait's documentation.");
        return text.toString();
    }
}
