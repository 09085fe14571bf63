package io.jawait.processor.javac;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCModifiers;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeMaker;
import com.sun.tools.javac.util.List;
import com.sun.tools.javac.util.ListBuffer;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Builds generated declarations as trees, all at one source position: the trees javac's parser
 * would make from their text, without the parser. A state machine class is mostly names and
 * fixed shapes, and reading it as text was a tenth of the processor's time while javac still runs
 * interpreted. Types are written as text (parsed once per session and copied).
 */
public final class MemberTrees {
    /** The lint categories the generated declarations suppress (see suppressingLint). */
    private static final java.util.List<String> GENERATED_CODE_LINT = java.util.List.of("unchecked", "rawtypes", "cast", "fallthrough",
            "lossy-conversions");

    private final JavacSession session;
    private final TreeMaker make;
    private final TreeTemplates templates;
    /**
     * Where every node goes. Sub-trees are built before {@code make.at(pos)} is called for the node
     * that holds them: copying a type's template moves the shared TreeMaker to the template's own
     * positions.
     */
    private final int pos;

    MemberTrees(JavacSession session, int pos) {
        this.session = session;
        this.make = session.make;
        this.templates = session.templates();
        this.pos = pos;
    }

    /** A type written as Java text ({@code int}, {@code java.util.List<java.lang.String>}, {@code a.B[]}). */
    public ExpressionTree type(String text) {
        TypeTag primitive = switch (text) {
            case "boolean" -> TypeTag.BOOLEAN;
            case "byte" -> TypeTag.BYTE;
            case "short" -> TypeTag.SHORT;
            case "char" -> TypeTag.CHAR;
            case "int" -> TypeTag.INT;
            case "long" -> TypeTag.LONG;
            case "float" -> TypeTag.FLOAT;
            case "double" -> TypeTag.DOUBLE;
            case "void" -> TypeTag.VOID;
            default -> null;
        };
        if (primitive != null) {
            return make.at(pos).TypeIdent(primitive);
        }
        // A simple name (a generated class's) is an identifier: no need to parse it, or to keep it.
        return isSimpleName(text) ? identifier(text) : templates.type(pos, text);
    }

    private static boolean isSimpleName(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '<' || c == '[' || c == ' ' || c == '?' || c == '&') {
                return false;
            }
        }
        return true;
    }

    public ExpressionTree identifier(String name) {
        return make.at(pos).Ident(session.names.fromString(name));
    }

    public ExpressionTree self() {
        return make.at(pos).Ident(session.names._this);
    }

    public ExpressionTree select(ExpressionTree target, String member) {
        return make.at(pos).Select((JCExpression) target, session.names.fromString(member));
    }

    /** A literal of a String, an int or a boolean. */
    public ExpressionTree literal(Object value) {
        return make.at(pos).Literal(value);
    }

    public ExpressionTree nullLiteral() {
        return make.at(pos).Literal(TypeTag.BOT, null);
    }

    public ExpressionTree call(ExpressionTree method, java.util.List<? extends ExpressionTree> arguments) {
        List<JCExpression> args = expressions(arguments);
        return make.at(pos).Apply(List.nil(), (JCExpression) method, args);
    }

    /** {@code new type(arguments)}. */
    public ExpressionTree newInstance(ExpressionTree type, java.util.List<? extends ExpressionTree> arguments) {
        List<JCExpression> args = expressions(arguments);
        return make.at(pos).NewClass(null, List.nil(), (JCExpression) type, args, null);
    }

    /** {@code if (condition) then} */
    public StatementTree ifThen(ExpressionTree condition, StatementTree then) {
        return make.at(pos).If(make.at(pos).Parens((JCExpression) condition), (JCStatement) then, null);
    }

    /** {@code target = value;} */
    public StatementTree assignment(ExpressionTree target, ExpressionTree value) {
        return make.at(pos).Exec(make.at(pos).Assign((JCExpression) target, (JCExpression) value));
    }

    public StatementTree evaluation(ExpressionTree expression) {
        return make.at(pos).Exec((JCExpression) expression);
    }

    public StatementTree returning(ExpressionTree value) {
        return make.at(pos).Return((JCExpression) value);
    }

    public VariableTree field(Set<Modifier> modifiers, String type, String name) {
        JCExpression vartype = (JCExpression) type(type);
        return make.at(pos).VarDef(modifiers(modifiers), session.names.fromString(name), vartype, null);
    }

    public VariableTree parameter(String type, String name) {
        JCExpression vartype = (JCExpression) type(type);
        return make.at(pos).VarDef(make.at(pos).Modifiers(Flags.PARAMETER), session.names.fromString(name), vartype, null);
    }

    /** A method, or with a null {@code returnType} a constructor; without type parameters or throws clause. */
    public MethodTree method(Set<Modifier> modifiers, String returnType, String name,
            java.util.List<? extends VariableTree> parameters, java.util.List<? extends StatementTree> body) {
        ListBuffer<JCVariableDecl> params = new ListBuffer<>();
        for (VariableTree p : parameters) {
            params.append((JCVariableDecl) p);
        }
        JCExpression restype = returnType == null ? null : (JCExpression) type(returnType);
        return make.at(pos).MethodDef(modifiers(modifiers),
                returnType == null ? session.names.init : session.names.fromString(name), restype, List.nil(),
                params.toList(), List.nil(), block(body), null);
    }

    /** The method, declared to throw {@code type}. */
    public MethodTree throwing(MethodTree method, String type) {
        ((JCTree.JCMethodDecl) method).thrown = List.of((JCExpression) type(type));
        return method;
    }

    /** The method, with these type parameters. */
    public MethodTree generic(MethodTree method, java.util.List<? extends TypeParameterTree> typeParameters) {
        ((JCTree.JCMethodDecl) method).typarams = typeParameters(typeParameters);
        return method;
    }

    public ClassTree memberClass(Set<Modifier> modifiers, String name,
            java.util.List<? extends TypeParameterTree> typeParameters, String superclass, java.util.List<? extends Tree> members) {
        ListBuffer<JCTree> defs = new ListBuffer<>();
        for (Tree m : members) {
            defs.append((JCTree) m);
        }
        JCExpression extending = (JCExpression) type(superclass);
        return make.at(pos).ClassDef(modifiers(modifiers), session.names.fromString(name), typeParameters(typeParameters),
                extending, List.nil(), defs.toList());
    }

    /** {@code name extends bounds...} (written as text). */
    public TypeParameterTree typeParameter(String name, java.util.List<String> bounds) {
        ListBuffer<JCExpression> types = new ListBuffer<>();
        for (String b : bounds) {
            types.append((JCExpression) type(b));
        }
        return make.at(pos).TypeParameter(session.names.fromString(name), types.toList());
    }

    /**
     * The class or method, annotated {@code @SuppressWarnings} for what the generated code itself
     * makes javac's lint report, so that a build with {@code -Xlint:all -Werror} that passes
     * without the processor passes with it: unchecked and raw types (the state machine's casts
     * and iterators), redundant casts (compound assignments and catch parameters cast to the type
     * they already have) and fall-through (each state's case falls into the next, the resumption
     * after an await that completed at once); lossy conversions (JDK 20+) too, so that the user's
     * compound assignments that narrow are reported once, from the body as written, also those the
     * transform writes with an explicit cast (their right side awaits). The user's own fall-through,
     * unreferenced resources, unchecked operations, raw types, redundant casts and lossy compound
     * assignments are reported from the body as written instead (MethodAttribution#reportLintWarnings).
     * Also {@code userKeys}: what the user's method suppresses for the code that moves here.
     */
    public <T extends Tree> T suppressingLint(T declaration, java.util.List<String> userKeys) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(GENERATED_CODE_LINT);
        all.addAll(userKeys);
        JCModifiers mods = declaration instanceof JCTree.JCClassDecl c ? c.mods : ((JCTree.JCMethodDecl) declaration).mods;
        mods.annotations = mods.annotations.prepend(suppressWarnings(all));
        return declaration;
    }

    /** {@code @SuppressWarnings({keys}) type name = init;}: lint reports none of {@code keys} in {@code init}. */
    public StatementTree suppressedLocal(String type, String name, ExpressionTree init, java.util.List<String> keys) {
        JCExpression vartype = (JCExpression) type(type);
        JCTree.JCAnnotation annotation = suppressWarnings(keys);
        return make.at(pos).VarDef(make.at(pos).Modifiers(0, List.of(annotation)), session.names.fromString(name),
                vartype, (JCExpression) init);
    }

    private JCTree.JCAnnotation suppressWarnings(java.util.Collection<String> keys) {
        JCTree annotationType = (JCTree) type("java.lang.SuppressWarnings");
        ListBuffer<JCExpression> literals = new ListBuffer<>();
        for (String key : keys) {
            literals.append(make.at(pos).Literal(key));
        }
        JCExpression values = make.at(pos).NewArray(null, List.nil(), literals.toList());
        return make.at(pos).Annotation(annotationType, List.of(values));
    }

    /**
     * A statement written as Java text (parsed; for the rare shapes not worth a builder).
     */
    public StatementTree parsedStatement(String text) {
        return templates.statement(pos, text);
    }

    /** A block of the statements, its closing brace at the same position (as parsed generated text has it). */
    public JCBlock block(java.util.List<? extends StatementTree> statements) {
        ListBuffer<JCStatement> stats = new ListBuffer<>();
        for (StatementTree s : statements) {
            stats.append((JCStatement) s);
        }
        JCBlock block = make.at(pos).Block(0, stats.toList());
        block.endpos = pos;
        return block;
    }

    private static List<JCTree.JCTypeParameter> typeParameters(java.util.List<? extends TypeParameterTree> typeParameters) {
        ListBuffer<JCTree.JCTypeParameter> out = new ListBuffer<>();
        for (TypeParameterTree p : typeParameters) {
            out.append((JCTree.JCTypeParameter) p);
        }
        return out.toList();
    }

    private JCModifiers modifiers(Set<Modifier> modifiers) {
        long flags = 0;
        for (Modifier m : modifiers) {
            flags |= switch (m) {
                case PUBLIC -> Flags.PUBLIC;
                case PROTECTED -> Flags.PROTECTED;
                case PRIVATE -> Flags.PRIVATE;
                case STATIC -> Flags.STATIC;
                case FINAL -> Flags.FINAL;
                default -> throw new IllegalArgumentException("not a modifier of generated code: " + m);
            };
        }
        return make.at(pos).Modifiers(flags);
    }

    private List<JCExpression> expressions(java.util.List<? extends ExpressionTree> expressions) {
        ListBuffer<JCExpression> out = new ListBuffer<>();
        for (ExpressionTree e : expressions) {
            out.append((JCExpression) e);
        }
        return out.toList();
    }
}
