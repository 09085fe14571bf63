package io.jawait.processor;

import java.util.Map;

/** Defines classes from class-file bytes held in memory; everything else comes from the parent. */
final class InMemoryClassLoader extends ClassLoader {

    private final Map<String, byte[]> classFiles;

    InMemoryClassLoader(Map<String, byte[]> classFiles, ClassLoader parent) {
        super(parent);
        this.classFiles = Map.copyOf(classFiles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classFiles.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
