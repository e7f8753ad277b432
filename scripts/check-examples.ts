/**
 * Type-checks the `@example` blocks of the public API: every ```ts block in the JSDoc of an
 * export of `webcare` or a `webcare/adapters/*` entry (and of its members) is compiled as its own
 * ES module, with `webcare` and `webcare/adapters/x` mapped to the source, under the project's
 * strict compiler options. An example that no longer compiles is an example that lies.
 *
 * Snippets are fine as long as they declare what they assume (`declare const rows: SummaryRow[]`).
 *
 * Run: `npm run docs:examples` (exit 1 with a list of examples and errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** An example that does not compile. */
export interface ExampleProblem {
  /** Source file of the documented declaration, relative to the root. */
  file: string;
  /** 1-based line in that file of the offending example line. */
  line: number;
  /** The exported name the example documents. */
  name: string;
  /** The compiler's message. */
  message: string;
}

interface Example {
  file: string;
  /** 1-based source line of the first code line. */
  firstLine: number;
  name: string;
  code: string;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** src/index.ts plus the source of every `./adapters/x` subpath in package.json `exports`. */
export function publicEntries(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const entries = ['src/index.ts'];
  for (const key of Object.keys(pkg.exports ?? {})) {
    const m = /^\.\/adapters\/([\w-]+)$/.exec(key);
    if (m?.[1] !== undefined && existsSync(join(root, `src/adapters/${m[1]}.ts`)))
      entries.push(`src/adapters/${m[1]}.ts`);
  }
  return entries;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const file = join(root, 'tsconfig.json');
  const base = existsSync(file)
    ? ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, root).options
    : {};
  return {
    ...base,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noUnusedLocals: false,
    noUnusedParameters: false,
    baseUrl: root,
    paths: { webcare: ['src/index.ts'], 'webcare/adapters/*': ['src/adapters/*.ts'] },
  };
}

function examplesOf(decl: ts.Node, name: string, root: string, out: Example[]): void {
  const sf = decl.getSourceFile();
  for (const doc of ts.getJSDocCommentsAndTags(decl)) {
    if (!ts.isJSDoc(doc)) continue;
    for (const tag of doc.tags ?? []) {
      if (tag.tagName.text !== 'example') continue;
      const text = ts.getTextOfJSDocComment(tag.comment) ?? '';
      let from = tag.getStart();
      for (const m of text.matchAll(/```(?:ts|typescript)\s*\n([\s\S]*?)```/g)) {
        const fence = sf.text.indexOf('```', from);
        if (fence === -1) break;
        from = sf.text.indexOf('```', fence + 3) + 3;
        out.push({
          file: toPosix(relative(root, sf.fileName)),
          firstLine: sf.getLineAndCharacterOfPosition(fence).line + 2,
          name,
          code: m[1] ?? '',
        });
      }
    }
  }
  // Methods and properties of exported classes and interfaces document themselves too.
  if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
    for (const member of decl.members) {
      const memberName = member.name !== undefined && ts.isIdentifier(member.name) ? member.name.text : '?';
      examplesOf(member, `${name}.${memberName}`, root, out);
    }
  }
}

/** Collects the examples of every public export and compiles them. */
export function typecheckExamples(
  root: string,
  entries = publicEntries(root),
): {
  checked: number;
  problems: ExampleProblem[];
} {
  const options = compilerOptions(root);
  const entryFiles = entries.map((e) => resolve(root, e));
  const program = ts.createProgram(entryFiles, options);
  const checker = program.getTypeChecker();
  const examples: Example[] = [];
  const seen = new Set<ts.Node>();
  for (const entry of entryFiles) {
    const sf = program.getSourceFile(entry);
    const moduleSymbol = sf === undefined ? undefined : checker.getSymbolAtLocation(sf);
    if (moduleSymbol === undefined) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const decl of target.declarations ?? []) {
        if (decl.getSourceFile().isDeclarationFile || seen.has(decl)) continue;
        seen.add(decl);
        examplesOf(decl, exported.name, root, examples);
      }
    }
  }

  // Each example is a virtual ES module next to the sources, so `webcare` resolves through `paths`.
  const virtualDir = join(root, '.examples-check');
  const virtual = new Map<string, Example>();
  for (const [i, ex] of examples.entries()) virtual.set(join(virtualDir, `example-${i}.mts`), ex);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const codeOf = (f: string): string | undefined => {
    const ex = virtual.get(resolve(f));
    return ex === undefined ? undefined : `${ex.code}\nexport {};\n`;
  };
  host.fileExists = (f) => virtual.has(resolve(f)) || fileExists(f);
  host.readFile = (f) => codeOf(f) ?? readFile(f);
  host.getSourceFile = (f, lang, onError, create) => {
    const code = codeOf(f);
    return code === undefined ? getSourceFile(f, lang, onError, create) : ts.createSourceFile(f, code, lang, true);
  };
  const withExamples = ts.createProgram([...entryFiles, ...virtual.keys()], options, host, program);

  const problems: ExampleProblem[] = [];
  for (const [file, ex] of virtual) {
    const sf = withExamples.getSourceFile(file);
    if (sf === undefined) continue;
    const diagnostics = [...withExamples.getSyntacticDiagnostics(sf), ...withExamples.getSemanticDiagnostics(sf)];
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
      problems.push({
        file: ex.file,
        line: ex.firstLine + line,
        name: ex.name,
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
      });
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { checked: examples.length, problems };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { checked, problems } = typecheckExamples(root);
  if (problems.length === 0) {
    console.log(`examples: all ${checked} @example blocks of the public API type-check`);
    return;
  }
  console.error(`examples: ${problems.length} error(s) in the ${checked} @example blocks of the public API:`);
  for (const p of problems) console.error(`  ${p.file}:${p.line} (${p.name}): ${p.message}`);
  process.exit(1);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
