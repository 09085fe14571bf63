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

    /**
     * Equal to its file, and to another private source of it, for javac's note that a file "uses
     * unchecked or unsafe operations" ({@code MandatoryWarningHandler}), which names the one file
     * whose attribution found them, or says "Some input files" when it sees two that differ: the copy
     * of an {@code @Async} body is that file's code. The hash code stays the object's own, so that
     * javac's maps keyed by file (Log's sources, under which it caches) keep it apart (see above);
     * only the note's comparison, {@code Objects.equals}, uses this.
     */
    @Override
    public boolean equals(Object other) {
        return other == this || other == fileObject || other instanceof PrivateSource p && p.fileObject == fileObject;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
