import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Shrinks a shaded function jar to the AWS SDK service operations the function calls
 * (docs/performance.md, "What changed the figures": shrunk jars). Every function module runs it at
 * `package`, after the shade plugin, as a single-file program (the root pom's function-jar
 * profile): {@code java -cp <proguard and asm jars> ShrinkFunctionJar.java JAR RULES WORK_DIR}.
 * The jar is replaced in place; the shaded original is kept as WORK_DIR/function-full.jar.
 *
 * <p>Why two steps. A service module holds every operation of its service (SSM: 3,300 classes) and
 * a function calls one to five of them. ProGuard removes the unused operations from the client
 * classes, but it keeps every request and response class of the service: their abstract
 * {@code toBuilder} and {@code sdkFields} implement SDK-core methods, and ProGuard keeps all
 * implementations of a used method in every subclass, instantiated or not. A class-level pass
 * then drops the service classes that no remaining code refers to: what the client no longer
 * names, nothing can create. Before it, {@link #dropDeadEndpointParameterCases} takes out of the
 * endpoint interceptors the cases of operations nothing can send, which name most request classes
 * of S3 and DynamoDB, and {@link #dropUndeclaredExceptionMappings} takes out of each client's
 * error mapping the exceptions no kept operation declares and no code catches, which name the
 * rest (SSM: 139 exceptions, three classes each, for one operation that declares four).
 *
 * <p>The same class-level pass covers three more places that hold far more than a function uses
 * and never load their own classes by name: the SDK's region metadata of every AWS service (after
 * {@link #keepServiceMetadataOfUsedServices} has taken the others out of the one map that names
 * them all), the Lambda event types, and commons-lang3 (Powertools uses a few of its utilities).
 * Only classes under {@link #PRUNABLE} are ever dropped; Caretaker's own classes and every other
 * library pass through byte for byte, but for that map, the two endpoint interceptors and the
 * clients' error mappings.
 *
 * <p>Last, {@link #newLinkageErrors} resolves every class, method and field reference in the
 * shrunk jar's code, and the build fails if any that resolved in the shaded jar no longer does.
 */
public final class ShrinkFunctionJar {

    static final String SERVICES = "software/amazon/awssdk/services/";
    private static final String CARETAKER = "dev/caretaker/";
    private static final String REGIONS = "software/amazon/awssdk/regions/";
    private static final String METADATA_PROVIDER = REGIONS + "GeneratedServiceMetadataProvider.class";
    private static final String EXCEPTION_METADATA = "software/amazon/awssdk/protocols/core/ExceptionMetadata";
    /** Where a class nothing refers to may go: none of these packages loads its own classes by name. */
    static final List<String> PRUNABLE = List.of(SERVICES, REGIONS + "servicemetadata/",
            "com/amazonaws/services/lambda/runtime/events/", "org/apache/commons/lang3/");
    /** The JDK modules a function's libraries refer to; ProGuard needs their class hierarchy. */
    private static final Pattern JDK_MODULES = Pattern.compile(
            "java\\..*|jdk\\.(unsupported|crypto\\.ec|net|httpserver|jfr|management|naming\\.dns|xml\\.dom|zipfs|jsobject)");

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ShrinkFunctionJar JAR RULES WORK_DIR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path rules = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        Path full = work.resolve("function-full.jar");
        Files.copy(jar, full, StandardCopyOption.REPLACE_EXISTING);

        Path shrunkServices = work.resolve("services.jar");
        Files.deleteIfExists(shrunkServices);
        runProGuard(full, rules, jdkClassRoots(), shrunkServices);

        Map<String, Entry> shaded = read(full);
        Map<String, Entry> entries = merge(shaded, shrunkServices);
        int prunableBefore = count(entries);
        keepServiceMetadataOfUsedServices(entries);
        dropDeadEndpointParameterCases(entries);
        dropUndeclaredExceptionMappings(entries);
        entries.keySet().removeAll(unreferencedClasses(entries));
        List<String> broken = newLinkageErrors(shaded, entries);
        if (!broken.isEmpty()) {
            System.err.println("ShrinkFunctionJar: the shrunk " + jar.getFileName() + " would not link where the shaded one does ("
                    + broken.size() + "):");
            broken.stream().limit(25).forEach(error -> System.err.println("  " + error));
            System.exit(1);
        }
        write(entries, jar);
        System.out.printf("ShrinkFunctionJar: %s %,d -> %,d bytes; classes in %s %,d -> %,d%n", jar.getFileName(),
                Files.size(full), Files.size(jar), String.join(", ", PRUNABLE), prunableBefore, count(entries));
    }

    private static void runProGuard(Path full, Path rules, List<Path> jdk, Path out) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-injars", full + "(" + CARETAKER + "**," + SERVICES + "**)",
                "-outjars", out.toString(),
                "-libraryjars", full + "(!" + CARETAKER + "**,!" + SERVICES + "**,!META-INF/versions/**)"));
        for (Path root : jdk) {
            args.add("-libraryjars");
            args.add(root.toString());
        }
        args.add("-include");
        args.add(rules.toString());
        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(args.toArray(String[]::new), System.getProperties())) {
            parser.parse(configuration);
        }
        new ProGuard(configuration).execute();
    }

    /**
     * The JDK's classes as directories, extracted once per JDK build from its run-time image: JDKs
     * linked without JMODs (Temurin 24 and later) have no jmods/ for ProGuard to read.
     */
    private static List<Path> jdkClassRoots() throws IOException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("caretaker-jdk-classes-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_"));
        if (!Files.isDirectory(cache)) {
            Path staging = Files.createTempDirectory(cache.getParent(), "caretaker-jdk-classes");
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            try (Stream<Path> modules = Files.list(jrt.getPath("/modules"))) {
                for (Path module : modules.filter(m -> JDK_MODULES.matcher(m.getFileName().toString()).matches()).toList()) {
                    copyClasses(module, staging.resolve(module.getFileName().toString()));
                }
            }
            try {
                Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException concurrentBuild) {
                deleteTree(staging); // another build extracted the same JDK first
            }
        }
        try (Stream<Path> roots = Files.list(cache)) {
            return roots.sorted().toList();
        }
    }

    private static void copyClasses(Path module, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(module)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")).toList()) {
                Path copy = target.resolve(module.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    /**
     * The shaded jar's entries in their order, with its service module entries replaced by
     * ProGuard's output. Caretaker's classes are kept as shaded, not as ProGuard rewrote them.
     */
    private static Map<String, Entry> merge(Map<String, Entry> shaded, Path shrunkServices) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        shaded.forEach((name, entry) -> {
            if (!name.startsWith(SERVICES)) {
                entries.put(name, entry);
            }
        });
        Map<String, Entry> services = new LinkedHashMap<>();
        read(shrunkServices, name -> name.startsWith(SERVICES) && !name.endsWith("/"), services);
        // ProGuard stamps its output with the time it ran; the shaded entry's time keeps the jar reproducible.
        services.forEach((name, entry) -> entries.put(name, new Entry(shaded.get(name).time(), entry.bytes())));
        return entries;
    }

    private static Map<String, Entry> read(Path jar) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        read(jar, name -> true, entries);
        return entries;
    }

    private static void read(Path jar, java.util.function.Predicate<String> wanted, Map<String, Entry> into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (wanted.test(entry.getName())) {
                    into.put(entry.getName(), new Entry(entry.getTime(), zip.getInputStream(entry).readAllBytes()));
                }
            }
        }
    }

    /**
     * The entries of {@link #PRUNABLE} classes no other class refers to. The roots are every other
     * class and any class a resource names (the SDK loads interceptors by name, Powertools preloads
     * the classes its classesloaded.txt lists). References are what the JVM can resolve: code,
     * descriptors, signatures, annotations, super types, the enclosing class. Not the InnerClasses
     * and NestMembers lists: a client interface lists every nested Builder of every operation there,
     * and the JVM reads those lists only for reflection.
     */
    static Set<String> unreferencedClasses(Map<String, Entry> entries) {
        Map<String, byte[]> classes = classes(entries);
        Set<String> reached = reached(entries, classes, (from, to) -> true);
        Set<String> unreachable = new HashSet<>();
        for (String name : classes.keySet()) {
            if (!reached.contains(name)) {
                unreachable.add(name + ".class");
            }
        }
        return unreachable;
    }

    /** Every class reachable from the roots of {@link #unreferencedClasses}, following only the references {@code follow} allows. */
    private static Set<String> reached(Map<String, Entry> entries, Map<String, byte[]> classes, BiPredicate<String, String> follow) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String name : classes.keySet()) {
            if (!prunable(name)) {
                reached.add(name);
                pending.add(name);
            }
        }
        entries.forEach((name, entry) -> {
            if (!name.endsWith(".class")) {
                for (String line : new String(entry.bytes(), StandardCharsets.ISO_8859_1).split("\\R")) {
                    String named = line.trim().replace('.', '/');
                    if (classes.containsKey(named) && reached.add(named)) {
                        pending.add(named);
                    }
                }
            }
        });
        while (!pending.isEmpty()) {
            String from = pending.poll();
            for (String referenced : references(classes.get(from))) {
                if (classes.containsKey(referenced) && follow.test(from, referenced) && reached.add(referenced)) {
                    pending.add(referenced);
                }
            }
        }
        return reached;
    }

    private static Map<String, byte[]> classes(Map<String, Entry> entries) {
        Map<String, byte[]> classes = new HashMap<>();
        entries.forEach((name, entry) -> {
            if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                classes.put(name.substring(0, name.length() - ".class".length()), entry.bytes());
            }
        });
        return classes;
    }

    /**
     * Takes out of each service's endpoint interceptor the cases of operations the function cannot
     * send. To fill in endpoint parameters, {@code <Service>ResolveEndpointInterceptor} switches on
     * the operation's name and casts the request to its class: S3's names 103 request classes,
     * DynamoDB's nearly 50, and with each request every shape it holds (S3 kept 1,021 model classes
     * for the few operations a function calls). A request class that nothing else in the jar refers
     * to has no code that creates it, so its case can never run. Each such case,
     * {@code checkcast R; invokestatic setContextParams(Builder, R)V}, becomes {@code pop2}, which
     * leaves the stack as the call did, and the helper it called goes; the cases around it, the
     * switch and its frames stay as they are. Anything else in the class stays too.
     */
    static void dropDeadEndpointParameterCases(Map<String, Entry> entries) {
        Map<String, byte[]> classes = classes(entries);
        Set<String> interceptors = new HashSet<>();
        for (String name : classes.keySet()) {
            if (name.startsWith(SERVICES) && name.endsWith("ResolveEndpointInterceptor")) {
                interceptors.add(name);
            }
        }
        if (interceptors.isEmpty()) {
            return;
        }
        Set<String> sendable = reached(entries, classes,
                (from, to) -> !(interceptors.contains(from) && to.startsWith(SERVICES) && to.contains("/model/")));
        for (String interceptor : interceptors) {
            ClassNode node = new ClassNode();
            new ClassReader(classes.get(interceptor)).accept(node, 0);
            Set<String> deadHelpers = new HashSet<>();
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn = real(method.instructions.getFirst()); insn != null; insn = real(insn.getNext())) {
                    if (insn instanceof TypeInsnNode cast && cast.getOpcode() == Opcodes.CHECKCAST
                            && cast.desc.startsWith(SERVICES) && cast.desc.contains("/model/") && !sendable.contains(cast.desc)
                            && real(cast.getNext()) instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                            && call.owner.equals(node.name) && call.desc.endsWith("L" + cast.desc + ";)V")
                            && Type.getArgumentTypes(call.desc).length == 2) {
                        deadHelpers.add(call.name + call.desc);
                        InsnNode pop = new InsnNode(Opcodes.POP2);
                        method.instructions.set(cast, pop);
                        method.instructions.remove(call);
                        insn = pop;
                    }
                }
            }
            if (deadHelpers.isEmpty()) {
                continue;
            }
            node.methods.removeIf(m -> (m.access & Opcodes.ACC_PRIVATE) != 0 && (m.access & Opcodes.ACC_STATIC) != 0
                    && deadHelpers.contains(m.name + m.desc));
            replace(entries, interceptor + ".class", node);
        }
    }

    /**
     * Takes out of each service client's error mapping the exceptions that nothing else in the jar
     * names. A client maps every error code of its service to its exception class (SSM: 139, with
     * three classes each), either registered when the client is built (query and XML protocols: one
     * lambda spun per exception at build time) or in a switch the client consults when a call
     * fails (JSON protocols). An exception the kept operations do not declare in their
     * {@code throws} clauses and no code catches can only come from operations the function never
     * calls; should its code ever come back anyway, the SDK throws the service's own exception with
     * the same error code, status and message. Each mapping is the straight-line run from
     * {@code ExceptionMetadata.builder()} to {@code build()} that names one exception's
     * {@code builder} by a method reference; where it is registered, the run and the
     * {@code registerModeledException} call go (the protocol builder stays on the stack), and where
     * the switch returns {@code Optional.of} it, the run and that call become
     * {@code Optional.empty()}. A mapping of any other shape stays.
     */
    static void dropUndeclaredExceptionMappings(Map<String, Entry> entries) {
        Map<String, byte[]> clients = new HashMap<>();
        classes(entries).forEach((name, bytes) -> {
            if (name.startsWith(SERVICES) && !name.contains("/model/")
                    && new String(bytes, StandardCharsets.ISO_8859_1).contains(EXCEPTION_METADATA + "$Builder")) {
                clients.put(name, bytes);
            }
        });
        // Which exceptions stay named once every mapping is gone: those decide which mappings may go.
        Map<String, Entry> withoutMappings = new LinkedHashMap<>(entries);
        clients.forEach((client, bytes) -> {
            ClassNode node = exceptionMappingsCut(bytes, exception -> true);
            if (node != null) {
                replace(withoutMappings, client + ".class", node);
            }
        });
        Set<String> named = reached(withoutMappings, classes(withoutMappings), (from, to) -> true);
        clients.forEach((client, bytes) -> {
            ClassNode node = exceptionMappingsCut(bytes, exception -> !named.contains(exception));
            if (node != null) {
                replace(entries, client + ".class", node);
            }
        });
    }

    /** The client with the mappings of the exceptions {@code unneeded} accepts taken out, or null if there were none. */
    private static ClassNode exceptionMappingsCut(byte[] client, java.util.function.Predicate<String> unneeded) {
        ClassNode node = new ClassNode();
        new ClassReader(client).accept(node, 0);
        boolean cut = false;
        for (MethodNode method : node.methods) {
            AbstractInsnNode insn = real(method.instructions.getFirst());
            while (insn != null) {
                List<AbstractInsnNode> mapping = exceptionMapping(insn);
                if (mapping.isEmpty()) {
                    insn = real(insn.getNext());
                    continue;
                }
                AbstractInsnNode use = mapping.getLast();
                AbstractInsnNode after = use.getNext();
                if (unneeded.test(mappedException(mapping))) {
                    if (use.getOpcode() == Opcodes.INVOKESTATIC) {
                        method.instructions.insertBefore(use,
                                new MethodInsnNode(Opcodes.INVOKESTATIC, "java/util/Optional", "empty", "()Ljava/util/Optional;"));
                    }
                    mapping.forEach(method.instructions::remove);
                    cut = true;
                }
                insn = real(after);
            }
        }
        return cut ? node : null;
    }

    /**
     * The instructions of one exception mapping starting at {@code first}, its use last
     * ({@code Optional.of} or {@code registerModeledException}), or none if it is not one.
     */
    private static List<AbstractInsnNode> exceptionMapping(AbstractInsnNode first) {
        if (!(first instanceof MethodInsnNode start && start.getOpcode() == Opcodes.INVOKESTATIC
                && start.owner.equals(EXCEPTION_METADATA) && start.name.equals("builder"))) {
            return List.of();
        }
        List<AbstractInsnNode> run = new ArrayList<>();
        run.add(first);
        int suppliers = 0;
        for (AbstractInsnNode insn = real(first.getNext()); insn != null; insn = real(insn.getNext())) {
            run.add(insn);
            if (insn instanceof InvokeDynamicInsnNode indy) {
                if (exceptionBuilder(indy) == null) {
                    return List.of();
                }
                suppliers++;
            } else if (insn instanceof MethodInsnNode call && call.owner.equals(EXCEPTION_METADATA + "$Builder")) {
                if (call.name.equals("build")) {
                    AbstractInsnNode use = real(call.getNext());
                    boolean returned = use instanceof MethodInsnNode of && of.getOpcode() == Opcodes.INVOKESTATIC
                            && of.owner.equals("java/util/Optional") && of.name.equals("of")
                            && real(of.getNext()) != null && real(of.getNext()).getOpcode() == Opcodes.ARETURN;
                    boolean registered = use instanceof MethodInsnNode register && register.getOpcode() == Opcodes.INVOKEVIRTUAL
                            && register.name.equals("registerModeledException") && Type.getReturnType(register.desc).getInternalName().equals(register.owner);
                    if (suppliers != 1 || !(returned || registered) || branchesInto(first, use)) {
                        return List.of();
                    }
                    run.add(use);
                    return run;
                }
            } else if (!(insn instanceof LdcInsnNode || insn instanceof IntInsnNode
                    || (insn.getOpcode() >= Opcodes.ICONST_M1 && insn.getOpcode() <= Opcodes.ICONST_5)
                    || (insn instanceof MethodInsnNode box && box.owner.equals("java/lang/Integer") && box.name.equals("valueOf")))) {
                return List.of();
            }
        }
        return List.of();
    }

    /** Whether code between the two instructions is a branch target (it has a stack map frame): then it is not straight-line. */
    private static boolean branchesInto(AbstractInsnNode first, AbstractInsnNode last) {
        for (AbstractInsnNode insn = first; insn != last; insn = insn.getNext()) {
            if (insn instanceof FrameNode) {
                return true;
            }
        }
        return false;
    }

    private static String mappedException(List<AbstractInsnNode> mapping) {
        return mapping.stream().filter(InvokeDynamicInsnNode.class::isInstance)
                .map(insn -> exceptionBuilder((InvokeDynamicInsnNode) insn)).findFirst().orElseThrow();
    }

    /** The class whose static {@code builder()} a {@code Supplier} method reference names, or null. */
    private static String exceptionBuilder(InvokeDynamicInsnNode indy) {
        if (indy.name.equals("get") && indy.desc.equals("()Ljava/util/function/Supplier;")
                && indy.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory") && indy.bsmArgs.length == 3
                && indy.bsmArgs[1] instanceof Handle target && target.getTag() == Opcodes.H_INVOKESTATIC
                && target.getName().equals("builder") && target.getOwner().startsWith(SERVICES)) {
            return target.getOwner();
        }
        return null;
    }

    private static Set<String> references(byte[] classFile) {
        Set<String> names = new HashSet<>();
        Remapper collector = new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                names.add(internalName);
                return internalName;
            }
        };
        new ClassReader(classFile).accept(new ClassRemapper(new ClassWriter(0), collector) {
            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
            }

            @Override
            public void visitNestMember(String nestMember) {
            }

            @Override
            public void visitPermittedSubclass(String permittedSubclass) {
            }
        }, 0);
        return names;
    }

    /**
     * What would fail to link in the shrunk jar and did not in the shaded one: a method or field
     * that kept code uses and ProGuard or a rewrite took away, a class the class-level pass dropped
     * that some code still names. Checked over all code, not only what a test runs. What the shaded
     * jar already lacked (log4j's optional Kafka appender, ...) is not the shrinking's doing.
     * Reflection is the one thing it cannot see; that is what `bench/coldstart.sh --check` is for.
     */
    static List<String> newLinkageErrors(Map<String, Entry> shaded, Map<String, Entry> shrunk) {
        Set<String> before = new HashSet<>(new Linker(classes(shaded)).errors());
        return new Linker(classes(shrunk)).errors().stream().filter(error -> !before.contains(error)).sorted().toList();
    }

    /** Resolves each class, method and field reference in a jar's code against the jar and the running JDK. */
    static final class Linker {
        private final Map<String, byte[]> classes;
        private final Map<String, Set<String>> members = new HashMap<>();
        private final Map<String, List<String>> supertypes = new HashMap<>();
        private final Map<String, Boolean> jdkClasses = new HashMap<>();

        Linker(Map<String, byte[]> classes) {
            this.classes = classes;
            classes.forEach((name, bytes) -> new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                private final Set<String> declared = new HashSet<>();

                @Override
                public void visit(int version, int access, String className, String signature, String superName, String[] interfaces) {
                    List<String> supers = new ArrayList<>();
                    if (superName != null) {
                        supers.add(superName);
                    }
                    supers.addAll(interfaces == null ? List.of() : List.of(interfaces));
                    supertypes.put(name, supers);
                    members.put(name, declared);
                }

                @Override
                public FieldVisitor visitField(int access, String field, String descriptor, String signature, Object value) {
                    declared.add(field + ":" + descriptor);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                    declared.add(method + descriptor);
                    return null;
                }
            }, ClassReader.SKIP_CODE));
        }

        List<String> errors() {
            List<String> errors = new ArrayList<>();
            classes.forEach((name, bytes) -> new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String member, String memberDescriptor, boolean isInterface) {
                            check(name, owner, member + memberDescriptor, errors);
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String member, String memberDescriptor) {
                            check(name, owner, member + ":" + memberDescriptor, errors);
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            check(name, type, null, errors);
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String member, String memberDescriptor, Handle bootstrap, Object... arguments) {
                            for (Object argument : arguments) {
                                if (argument instanceof Handle handle) {
                                    check(name, handle.getOwner(),
                                            handle.getName() + (handle.getTag() <= Opcodes.H_PUTSTATIC ? ":" : "") + handle.getDesc(), errors);
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES));
            return errors;
        }

        /** Records {@code from -> owner.member} (or {@code from -> owner} for a class) if it cannot resolve. */
        private void check(String from, String owner, String member, List<String> errors) {
            if (owner.startsWith("[")) {
                return; // an array type: its members are Object's and clone()
            }
            if (!classes.containsKey(owner) && !inJdk(owner)) {
                errors.add(from + " -> " + owner);
                return;
            }
            if (member != null && !resolves(owner, member)) {
                errors.add(from + " -> " + owner + "." + member);
            }
        }

        /** Whether owner or one of its supertypes, in the jar or in the JDK, declares member. */
        private boolean resolves(String owner, String member) {
            Deque<String> pending = new ArrayDeque<>(List.of(owner));
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String type = pending.poll();
                if (!seen.add(type)) {
                    continue;
                }
                Set<String> declared = classes.containsKey(type) ? members.get(type) : jdkMembers(type);
                if (declared == null || declared.contains(member)) {
                    return true; // found, or a type whose members cannot be listed: not ours to judge
                }
                pending.addAll(supertypes.get(type));
            }
            return false;
        }

        private boolean inJdk(String type) {
            return jdkMembers(type) != null || jdkClasses.getOrDefault(type, false);
        }

        /** A JDK class's declared members in the jar's notation, its supertypes recorded too; null where it cannot tell. */
        private Set<String> jdkMembers(String type) {
            if (members.containsKey(type)) {
                return members.get(type);
            }
            if (jdkClasses.containsKey(type)) {
                return null;
            }
            Class<?> jdkClass;
            try {
                jdkClass = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                jdkClasses.put(type, false);
                return null;
            }
            // Signature-polymorphic methods (MethodHandle.invokeExact, VarHandle.get, ...) take any descriptor.
            if (type.equals("java/lang/invoke/MethodHandle") || type.equals("java/lang/invoke/VarHandle")) {
                jdkClasses.put(type, true);
                return null;
            }
            Set<String> declared = new HashSet<>();
            try {
                for (java.lang.reflect.Method method : jdkClass.getDeclaredMethods()) {
                    declared.add(method.getName() + Type.getMethodDescriptor(method));
                }
                for (java.lang.reflect.Constructor<?> constructor : jdkClass.getDeclaredConstructors()) {
                    declared.add("<init>" + Type.getConstructorDescriptor(constructor));
                }
                for (java.lang.reflect.Field field : jdkClass.getDeclaredFields()) {
                    declared.add(field.getName() + ":" + Type.getDescriptor(field.getType()));
                }
            } catch (LinkageError unlistable) {
                jdkClasses.put(type, true);
                return null;
            }
            List<String> supers = new ArrayList<>();
            if (jdkClass.getSuperclass() != null) {
                supers.add(Type.getInternalName(jdkClass.getSuperclass()));
            }
            for (Class<?> implemented : jdkClass.getInterfaces()) {
                supers.add(Type.getInternalName(implemented));
            }
            jdkClasses.put(type, true);
            supertypes.put(type, supers);
            members.put(type, declared);
            return declared;
        }
    }

    private static void write(Map<String, Entry> entries, Path jar) throws IOException {
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            out.setLevel(Deflater.BEST_COMPRESSION); // a few hundred KB, paid once at build time
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(entry.getValue().time());
                out.putNextEntry(zipEntry);
                out.write(entry.getValue().bytes());
                out.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Takes out of the SDK's map of every service's region metadata the services this jar never
     * names. The map's static initialiser creates all ~400 of them (a few hundred classes loaded by
     * the first client built, and every one of them kept in the jar); the SDK asks it only through
     * {@code ServiceMetadata.of(endpointPrefix)}, and a client's endpoint prefix is a string
     * constant in its builder. A service the map no longer has gets the SDK's own fallback,
     * {@code DefaultServiceMetadata}. The initialiser is straight-line code, one
     * {@code ldc KEY; new C; dup; invokespecial C.<init>; invokevirtual put} group per service; if
     * that ever changes, the class is left as it is.
     */
    static void keepServiceMetadataOfUsedServices(Map<String, Entry> entries) {
        Entry provider = entries.get(METADATA_PROVIDER);
        if (provider == null) {
            return;
        }
        Set<String> named = stringConstants(entries, REGIONS);
        ClassNode node = new ClassNode();
        new ClassReader(provider.bytes()).accept(node, 0);
        MethodNode initialiser = node.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElse(null);
        if (initialiser == null) {
            return;
        }
        int kept = 0;
        List<AbstractInsnNode> unused = new ArrayList<>();
        for (AbstractInsnNode insn = real(initialiser.instructions.getFirst()); insn != null; insn = real(insn.getNext())) {
            List<AbstractInsnNode> group = metadataPut(insn);
            if (group.isEmpty()) {
                continue;
            }
            if (named.contains((String) ((LdcInsnNode) insn).cst)) {
                kept++;
            } else {
                unused.addAll(group);
            }
            insn = group.getLast();
        }
        if (kept == 0) {
            return; // not the shape described above, or nothing named: leave the SDK's map whole
        }
        unused.forEach(initialiser.instructions::remove);
        replace(entries, METADATA_PROVIDER, node);
    }

    /**
     * Writes a class back after an edit that only takes straight-line instructions out or swaps one
     * for another of the same stack effect: the stack map frames and maximums stay valid as read.
     */
    private static void replace(Map<String, Entry> entries, String entryName, ClassNode node) {
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        entries.put(entryName, new Entry(entries.get(entryName).time(), writer.toByteArray()));
    }

    /** The five instructions that put one service's metadata into the map, or none. */
    private static List<AbstractInsnNode> metadataPut(AbstractInsnNode first) {
        List<AbstractInsnNode> group = new ArrayList<>(5);
        AbstractInsnNode insn = first;
        for (int i = 0; i < 5 && insn != null; i++, insn = real(insn.getNext())) {
            group.add(insn);
        }
        if (group.size() == 5
                && group.get(0) instanceof LdcInsnNode key && key.cst instanceof String
                && group.get(1) instanceof TypeInsnNode create && create.getOpcode() == Opcodes.NEW
                && group.get(2).getOpcode() == Opcodes.DUP
                && group.get(3) instanceof MethodInsnNode init && init.getOpcode() == Opcodes.INVOKESPECIAL
                && init.owner.equals(create.desc) && init.desc.equals("()V")
                && group.get(4) instanceof MethodInsnNode put && put.name.equals("put")) {
            return group;
        }
        return List.of();
    }

    /** The next instruction that is code, skipping labels, line numbers and frames. */
    private static AbstractInsnNode real(AbstractInsnNode insn) {
        while (insn != null && insn.getOpcode() < 0) {
            insn = insn.getNext();
        }
        return insn;
    }

    /** Every string constant in the classes outside {@code excludedPrefix}. */
    private static Set<String> stringConstants(Map<String, Entry> entries, String excludedPrefix) {
        Set<String> strings = new HashSet<>();
        MethodVisitor methodStrings = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof String string) {
                    strings.add(string);
                }
            }
        };
        ClassVisitor classStrings = new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (value instanceof String string) {
                    strings.add(string);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return methodStrings;
            }
        };
        entries.forEach((name, entry) -> {
            if (name.endsWith(".class") && !name.startsWith(excludedPrefix) && !name.startsWith("META-INF/")) {
                new ClassReader(entry.bytes()).accept(classStrings, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
        });
        return strings;
    }

    private static boolean prunable(String name) {
        return PRUNABLE.stream().anyMatch(name::startsWith);
    }

    private static int count(Map<String, Entry> entries) {
        return (int) entries.keySet().stream().filter(name -> prunable(name) && name.endsWith(".class")).count();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Entry(long time, byte[] bytes) {
    }
}
