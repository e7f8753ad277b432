/**
 * ReDoS lint: finds every regular expression in src/ (literals, and `new RegExp(...)` whose
 * pattern is a string literal or a `[...].join('|')` of literals) and asks `recheck` whether it
 * can backtrack super-linearly. Exponential → always a failure. Polynomial → a failure unless the
 * pattern's quantifiers are all bounded (then the analysed-text cap bounds the cost; reported).
 * Run: `npm run lint:redos` (also part of `npm run lint`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.includes(`${join('lexicons', 'generated')}`)) out.push(p);
  }
  return out;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  // String.raw`...` keeps backslashes as written, which is what RegExp receives.
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw') {
    const t = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return t.rawText ?? t.text;
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'join'
  ) {
    const arr = node.expression.expression;
    const sep = node.arguments[0] === undefined ? ',' : literalText(node.arguments[0]);
    if (ts.isArrayLiteralExpression(arr) && sep !== undefined) {
      const parts = arr.elements.map(literalText);
      if (parts.every((p) => p !== undefined)) return parts.join(sep);
    }
  }
  return undefined;
}

function collect(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const raw = node.getText();
      const end = raw.lastIndexOf('/');
      found.push({
        file,
        line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        source: raw.slice(1, end),
        flags: raw.slice(end + 1),
      });
    } else if (
      ts.isNewExpression(node) &&
      node.expression.getText() === 'RegExp' &&
      node.arguments?.[0] !== undefined
    ) {
      const source = literalText(node.arguments[0]);
      const flagsNode = node.arguments[1];
      const flags = flagsNode === undefined ? '' : (literalText(flagsNode) ?? '');
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (source !== undefined) found.push({ file, line, source, flags });
      else
        console.log(`? ${relative(process.cwd(), file)}:${line}: dynamic RegExp, not checked (build it from literals)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

// `+`, `*` or `{n,}` outside a character class: an unbounded quantifier.
function hasUnboundedQuantifier(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '+' || c === '*') return true;
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) return true;
  }
  return false;
}

const root = join(import.meta.dirname, '..', 'src');
const regexes = walk(root).flatMap(collect);
let failures = 0;
let warnings = 0;
for (const r of regexes) {
  const where = `${relative(process.cwd(), r.file)}:${r.line}`;
  const result = checkSync(r.source, r.flags.replace(/[^dgimsuy]/g, ''), { timeout: 10_000 });
  if (result.status === 'safe') continue;
  if (result.status === 'unknown') {
    warnings += 1;
    console.log(`? ${where}: recheck could not decide (${result.error?.kind ?? 'unknown'}) /${r.source.slice(0, 80)}/`);
    continue;
  }
  const kind = result.complexity?.type ?? 'unknown';
  if (kind === 'polynomial' && !hasUnboundedQuantifier(r.source)) {
    warnings += 1;
    console.log(`~ ${where}: polynomial but every quantifier is bounded; the ${'MAX_ANALYSED_CHARS'} cap bounds it`);
    continue;
  }
  failures += 1;
  console.log(`✗ ${where}: ${kind} backtracking: /${r.source.slice(0, 100)}/${r.flags}`);
  if (result.attack !== undefined) console.log(`    attack: ${JSON.stringify(result.attack.pattern).slice(0, 120)}`);
}
console.log(`redos-check: ${regexes.length} regular expressions, ${failures} super-linear, ${warnings} warnings`);
process.exit(failures > 0 ? 1 : 0);
