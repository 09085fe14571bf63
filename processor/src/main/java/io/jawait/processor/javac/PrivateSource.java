package io.jawait.processor.javac;

import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;

/**
 * A source file as javac's Log sees it while the processor attributes a copy of a method body:
 * the same file and contents, but a distinct object, so that whatever javac caches by "current
 * source and position" during that attribution is never found again by javac's own.
 */
final class PrivateSource extends ForwardingJavaFileObject<JavaFileObject> {
    PrivateSource(JavaFileObject file) {
        super(file);
    }
}
