/**
 * Everything that touches javac's internals ({@code com.sun.tools.javac}) lives here and nowhere
 * else: the compiler context seen through the wrappers of IDEs and Gradle
 * ({@link io.jawait.processor.javac.JavacSession}), the check that the build exports those packages
 * and the error that says how ({@link io.jawait.processor.javac.JavacAccess}), attribution of a copy
 * of a method body, tree copies and templates, and the in-place edits of the user's class
 * ({@link io.jawait.processor.javac.ClassSurgery}).
 */
package io.jawait.processor.javac;
