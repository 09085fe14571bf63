package io.jawait.processor.javac;

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
        return PACKAGES.stream().filter(p -> !compiler.isExported(p, self)).toList();
    }

    /** The one error shown when access is missing: the exact lines to paste. */
    public static String howToGrant(List<String> missing) {
        StringBuilder jvmConfig = new StringBuilder();
        StringBuilder forkArgs = new StringBuilder();
        for (String p : missing) {
            jvmConfig.append("  --add-exports=jdk.compiler/").append(p).append("=ALL-UNNAMED\n");
            forkArgs.append("    <arg>-J--add-exports=jdk.compiler/").append(p).append("=ALL-UNNAMED</arg>\n");
        }
        return "jawait: the @Async processor needs access to javac internals, which this build does not grant.\n"
                + "Add these lines to .mvn/jvm.config at the root of your Maven project (one per line):\n"
                + jvmConfig
                + "or compile in a forked javac: in maven-compiler-plugin's <configuration> set <fork>true</fork> and add\n"
                + "  <compilerArgs>\n" + forkArgs + "  </compilerArgs>\n"
                + "For javac on the command line use -J--add-exports=... with the same packages.";
    }
}
